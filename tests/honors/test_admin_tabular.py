"""Staff exports and imports in the admin."""

import datetime
import io
import os

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core import imports
from core.models import ExportLog, ImportJob
from core.tabular import headers
from honors.models import Honor
from honors.tabular import COLUMNS
from tests.tabular_helpers import csv_upload, read_csv_response, xlsx_upload

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:honors_honor_changelist")
IMPORT = reverse("admin:honors_honor_import")


@pytest.fixture
def editor(client):
    """Staff who may view and edit honours but not see ID numbers and phones."""
    user = User.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=["view_honor", "change_honor", "add_honor", "view_recipient"]
        )
    )
    client.force_login(user)
    return client


def test_whole_filtered_changelist_export_has_private_columns_and_is_logged(staff_client):
    response = staff_client.get(
        reverse("admin:honors_honor_export", args=["csv"]), {"level__exact": "provincial"}
    )
    rows = read_csv_response(response)
    assert rows[0] == headers(COLUMNS)
    assert len(rows) - 1 == Honor.objects.filter(level="provincial").count()
    log = ExportLog.objects.get()
    assert log.with_private and log.row_count == len(rows) - 1 and "provincial" in log.filters


def test_staff_without_the_permission_get_no_private_columns(editor):
    response = editor.get(reverse("admin:honors_honor_export", args=["csv"]))
    header = read_csv_response(response)[0]
    assert "状态" in header and "身份证号码" not in header and "联系电话" not in header
    assert not ExportLog.objects.get().with_private


@pytest.mark.usefixtures("demo_year")
def test_export_selected_rows_action(staff_client):
    chosen = list(Honor.objects.values_list("pk", flat=True)[:3])
    response = staff_client.post(
        CHANGELIST, {"action": "export_selected_xlsx", "_selected_action": chosen}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert ExportLog.objects.get().selected


def test_the_public_cannot_reach_staff_exports(client):
    response = client.get(reverse("admin:honors_honor_export", args=["csv"]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_import_template_has_the_staff_export_headers(staff_client):
    response = staff_client.get(reverse("admin:honors_honor_import_template"))
    from tests.tabular_helpers import read_xlsx_response

    sheet = read_xlsx_response(response).worksheets[0]
    assert [c.value for c in sheet[1]] == headers(COLUMNS)


def honour_row(name: str) -> list[str]:
    """A new city-level 三八紅旗手 of 濱城區 in 2023, in the first 13 staff columns."""
    return [
        "2023",
        "三八紅旗手",
        "市級",
        "個人",
        name,
        "女",
        "",
        "",
        "",
        "371602",
        "",
        "",
        "濱州市婦聯",
    ]


def upload(client, rows, maker=xlsx_upload):
    response = client.post(IMPORT, {"file": maker(rows)})
    assert response.status_code == 302, response.content[:500]
    return client.get(response["Location"]), response["Location"]


@pytest.mark.usefixtures("demo_year")
def test_upload_previews_then_confirm_writes(staff_client):
    row = honour_row("預覽者")
    response, job_url = upload(staff_client, [headers(COLUMNS)[:13], row])
    result = response.context["result"]
    assert result.count("new") == 1 and not result.committed
    assert not Honor.objects.filter(recipient__name="預覽者").exists()
    response = staff_client.post(job_url, {"confirm": "1"})
    assert response.status_code == 302
    assert Honor.objects.filter(recipient__name="預覽者", status="draft").exists()
    assert ImportJob.objects.get().state == "done"


def test_a_file_with_errors_shows_them_and_cannot_be_confirmed(staff_client):
    row = ["2023", "三八紅旗手", "市級", "個人", "某", "未知"]
    response, job_url = upload(staff_client, [headers(COLUMNS)[:6], row], csv_upload)
    page = response.content.decode()
    assert "第2行「性别」应为“女”或“男”" in page and 'name="confirm"' not in page
    staff_client.post(job_url, {"confirm": "1"})
    assert not Honor.objects.filter(recipient__name="某").exists()


@pytest.mark.usefixtures("demo_year")
def test_a_large_file_is_checked_in_the_background_with_progress(staff_client, monkeypatch):
    started = []
    monkeypatch.setattr(imports, "INLINE_ROWS", 1)
    monkeypatch.setattr(imports, "run_in_background", lambda target, *args: started.append(args))
    rows = [headers(COLUMNS)[:13]] + [honour_row(f"進度{i}") for i in range(3)]
    response, job_url = upload(staff_client, rows)
    page = response.content.decode()
    assert 'http-equiv="refresh"' in page and "0 / 3" in page  # the thread has not run yet
    job_id, importer_class = started[0]
    imports.check(ImportJob.objects.get(pk=job_id), importer_class)  # what the worker runs
    response = staff_client.get(job_url)
    assert response.context["result"].count("new") == 3
    assert 'http-equiv="refresh"' not in response.content.decode()


def background_job(staff_client, monkeypatch):
    """An upload whose check was queued for a worker that has not run it."""
    started = []
    monkeypatch.setattr(imports, "INLINE_ROWS", 0)
    monkeypatch.setattr(imports, "run_in_background", lambda target, *args: started.append(args))
    row = honour_row("後台")
    _, job_url = upload(staff_client, [headers(COLUMNS)[:13], row])
    return job_url, started[0]


def test_a_check_that_stopped_reporting_is_shown_as_failed(staff_client, monkeypatch):
    job_url, (job_id, _importer_class) = background_job(staff_client, monkeypatch)
    assert 'http-equiv="refresh"' in staff_client.get(job_url).content.decode()
    stalled = timezone.now() - imports.STALLED_AFTER - datetime.timedelta(seconds=1)
    ImportJob.objects.filter(pk=job_id).update(updated_at=stalled, attempts=1)  # its worker died
    page = staff_client.get(job_url).content.decode()
    assert "检查中断" in page and 'http-equiv="refresh"' not in page
    assert ImportJob.objects.get(pk=job_id).state == ImportJob.State.FAILED


def test_a_check_that_crashes_on_its_worker_fails_the_job(staff_client, monkeypatch):
    job_url, (job_id, importer_class) = background_job(staff_client, monkeypatch)

    def crash(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(imports, "check", crash)
    imports.run_check(job_id, importer_class)  # what the worker runs
    page = staff_client.get(job_url).content.decode()
    assert "检查时出错" in page and 'http-equiv="refresh"' not in page


def test_someone_elses_import_job_is_404(staff_client, client):
    row = honour_row("別人")
    _, job_url = upload(staff_client, [headers(COLUMNS)[:13], row])
    other = User.objects.create_user("other", password="x", is_staff=True)
    other.user_permissions.set(
        Permission.objects.filter(codename__in=["view_honor", "change_honor", "add_honor"])
    )
    client.force_login(other)
    assert client.get(job_url).status_code == 404


@pytest.mark.parametrize(
    ("name", "content"),
    [("photo.xlsx", b"\\x89PNG\\r\\n"), ("list.xlsx", b""), ("evil.html", b"<html>")],
)
def test_wrong_files_get_a_message_and_400(staff_client, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = staff_client.post(IMPORT, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400 and response.context["file_error"]


def test_editor_without_add_permission_cannot_import(client):
    user = User.objects.create_user("viewer", password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_honor"))
    client.force_login(user)
    assert client.get(IMPORT).status_code == 403


def test_a_confirm_of_a_job_being_written_writes_nothing_and_says_so(staff_client):
    response, job_url = upload(staff_client, [headers(COLUMNS)[:13], honour_row("寫入中")])
    ImportJob.objects.update(state=ImportJob.State.WRITING)  # another confirm took it
    response = staff_client.post(job_url, {"confirm": "1"}, follow=True)
    assert "正在写入或已经完成" in response.content.decode()
    assert not Honor.objects.filter(recipient__name="寫入中").exists()
    ImportJob.objects.update(state=ImportJob.State.DONE)  # and of one written already
    response = staff_client.post(job_url, {"confirm": "1"}, follow=True)
    assert "正在写入或已经完成" in response.content.decode()
    assert not Honor.objects.filter(recipient__name="寫入中").exists()


def stored_path(job: ImportJob):
    return imports.storage().path(job.file_name)


def test_an_uploaded_file_is_readable_by_the_server_only(staff_client):
    upload(staff_client, [headers(COLUMNS)[:13], honour_row("私密者")])
    assert os.stat(stored_path(ImportJob.objects.get())).st_mode & 0o777 == 0o600


def test_cancelling_a_job_deletes_its_file(staff_client):
    response, job_url = upload(staff_client, [headers(COLUMNS)[:13], honour_row("取消者")])
    assert 'name="cancel"' in response.content.decode()
    job = ImportJob.objects.get()
    assert os.path.exists(stored_path(job))
    staff_client.post(job_url, {"cancel": "1"})
    job.refresh_from_db()
    assert job.state == ImportJob.State.CANCELLED and not os.path.exists(stored_path(job))
    staff_client.post(job_url, {"confirm": "1"})
    assert not Honor.objects.filter(recipient__name="取消者").exists()


def test_unconfirmed_files_are_deleted_after_a_day_by_the_next_import_or_the_command(
    staff_client,
):
    upload(staff_client, [headers(COLUMNS)[:13], honour_row("昨天者")])
    old = ImportJob.objects.get()
    ImportJob.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    upload(staff_client, [headers(COLUMNS)[:13], honour_row("今天者")])
    old.refresh_from_db()
    assert old.state == ImportJob.State.CANCELLED and not os.path.exists(stored_path(old))
    new = ImportJob.objects.exclude(pk=old.pk).get()
    assert os.path.exists(stored_path(new))
    ImportJob.objects.filter(pk=new.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    out = io.StringIO()
    call_command("purge_import_files", stdout=out)
    assert "已删除 1 个" in out.getvalue() and not os.path.exists(stored_path(new))
