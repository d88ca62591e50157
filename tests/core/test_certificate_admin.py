"""Certificates from the admin: the template's preview, and the action on selected or all
filtered records, logged as exports are (issue 16, item 3)."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from core.models import CertificateField, CertificateTemplate, ExportLog, Status
from honors.models import Honor
from tests.core.factories import CountyFactory
from tests.honors.factories import HonorFactory, HonorTitleFactory, RecipientFactory
from tests.pdf_helpers import needs_poppler, pdf_text

pytestmark = [pytest.mark.django_db, needs_poppler]


def pdf_pages(response) -> int:
    return len(PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages)


@pytest.fixture
def title_with_template():
    title = HonorTitleFactory(name="巾帼建功标兵", slug="jianggong")
    template = CertificateTemplate.objects.create(name="巾帼建功标兵证书", honor_title=title)
    CertificateField.objects.create(
        template=template, kind="name", x_mm=40, y_mm=60, width_mm=200, size_pt=26
    )
    county = CountyFactory()
    for name in ["王伟", "李娜", "于蓝"]:
        HonorFactory(title=title, recipient=RecipientFactory(name=name), year=2030, region=county)
    HonorFactory(
        title=title, year=2030, region=county, status=Status.DRAFT
    )  # no certificate for a draft
    return title, template


def test_the_template_pages_answer_and_preview_its_first_page(staff_client, title_with_template):
    _title, template = title_with_template
    base = "admin:core_certificatetemplate"
    assert staff_client.get(reverse(f"{base}_changelist")).status_code == 200
    assert staff_client.get(reverse(f"{base}_add")).status_code == 200
    page = staff_client.get(reverse(f"{base}_change", args=[template.pk])).content.decode()
    preview_url = reverse(f"{base}_preview", args=[template.pk])
    assert f'<iframe src="{preview_url}"' in page
    response = staff_client.get(preview_url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    pdf = b"".join(response.streaming_content)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_the_preview_prints_the_title_s_first_name_in_the_official_order(
    staff_client, title_with_template, tmp_path
):
    _title, template = title_with_template
    response = staff_client.get(
        reverse("admin:core_certificatetemplate_preview", args=[template.pk])
    )
    text = pdf_text(b"".join(response.streaming_content), tmp_path)
    assert re.sub(r"\s", "", text).startswith("于蓝同志：")  # 于 3 strokes, first


def test_the_action_prints_the_selected_conferred_honours_and_logs_it(
    staff_client, title_with_template
):
    title, _template = title_with_template
    honors = list(Honor.objects.filter(title=title).order_by("pk"))
    response = staff_client.post(
        reverse("admin:honors_honor_changelist"),
        {"action": "print_certificates", "_selected_action": [h.pk for h in honors[:2]]},
    )
    assert response["Content-Type"] == "application/pdf"
    assert pdf_pages(response) == 2
    log = ExportLog.objects.get()
    assert (log.file_format, log.selected, log.row_count) == ("pdf", True, 2)


def test_the_action_on_the_whole_filtered_list(staff_client, title_with_template):
    title, _template = title_with_template
    url = reverse("admin:honors_honor_changelist") + "?year=2030"
    response = staff_client.post(
        url,
        {
            "action": "print_certificates",
            "select_across": "1",
            "_selected_action": [Honor.objects.filter(title=title).first().pk],
        },
    )
    assert pdf_pages(response) == 3  # the three conferred, not the draft
    log = ExportLog.objects.get()
    assert (log.selected, log.row_count, log.filters) == (False, 3, "year=2030")


def test_nothing_conferred_selected_gives_a_message_not_a_file(staff_client, title_with_template):
    title, _template = title_with_template
    draft = Honor.objects.get(title=title, status=Status.DRAFT)
    response = staff_client.post(
        reverse("admin:honors_honor_changelist"),
        {"action": "print_certificates", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "没有已授予的记录" in response.content.decode()
    assert not ExportLog.objects.exists()


def test_a_selection_too_large_is_sent_to_the_command(
    staff_client, title_with_template, monkeypatch
):
    from core.documents import admin as certificate_admin

    monkeypatch.setattr(certificate_admin, "MAX_ACTION_CERTIFICATES", 2)
    title, _template = title_with_template
    response = staff_client.post(
        reverse("admin:honors_honor_changelist"),
        {
            "action": "print_certificates",
            "_selected_action": [h.pk for h in Honor.objects.filter(title=title)],
        },
        follow=True,
    )
    assert "print_certificates" in response.content.decode()
    assert not ExportLog.objects.exists()
