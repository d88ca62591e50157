"""Issue 12's access holes, each tried the way it was found from outside.

Two county editors (濱城區 371602, 沾化區 371603), a county reviewer and the city
administrator; recipients and honours made for each test.
"""

import pytest
from django.urls import reverse

from core.models import Region, Status
from honors.models import Honor, Recipient
from programs.models import Program, StockFigure
from tests.families.factories import FamilyFactory
from tests.honors.factories import HonorFactory, RecipientFactory
from tests.staff import make_staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]

ID_NUMBER, PHONE = "11010519491231002X", "13912345678"


@pytest.fixture
def users():
    return {
        "editor_602": make_staff("e602", "editor", "371602"),
        "editor_603": make_staff("e603", "editor", "371603"),
        "reviewer_602": make_staff("r602", "reviewer", "371602"),
        "reviewer_603": make_staff("r603", "reviewer", "371603"),
        "city_admin": make_staff("admin", "admin", "371600"),
        "city_reviewer": make_staff("rcity", "reviewer", "371600"),
    }


@pytest.fixture
def honor_602(users):
    recipient = RecipientFactory(id_number=ID_NUMBER, phone=PHONE)
    return HonorFactory(
        region=Region.objects.get(code="371602"),
        status=Status.DRAFT,
        recipient=recipient,
        created_by=users["editor_602"],
        updated_by=users["editor_602"],
    )


def form_data(response) -> dict:
    """The values an admin form page shows, as the browser would post them back."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, "") or name in {"photo", "image", "cover"}:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return data


# ------------------------------------------------------------------ recipients


def test_recipient_history_of_another_county_is_refused(client, users, honor_602):
    recipient = honor_602.recipient
    recipient.phone = "13900000000"
    recipient.save()
    version = recipient.history.earliest("history_date")
    client.force_login(users["editor_603"])
    history = reverse("admin:honors_recipient_history", args=[recipient.pk])
    version_url = reverse(
        "admin:honors_recipient_simple_history", args=[recipient.pk, version.history_id]
    )
    assert client.get(history).status_code in (302, 403, 404)
    page = client.get(version_url)
    assert page.status_code in (302, 403, 404)
    assert ID_NUMBER not in page.content.decode()
    client.post(version_url, {"kind": "individual", "name": "改名", "gender": "female"})
    assert Recipient.objects.get(pk=recipient.pk).name == recipient.name


def test_an_honour_cannot_adopt_another_countys_recipient(client, users, honor_602):
    client.force_login(users["editor_603"])
    response = client.post(
        reverse("admin:honors_honor_add"),
        {
            "title": honor_602.title_id,
            "level": "city",
            "year": 2022,
            "channel": "conferred",
            "recipient": honor_602.recipient_id,
            "region": Region.objects.get(code="371603").pk,
            "conferring_body": "x",
        },
    )
    assert response.status_code == 200
    assert "recipient" in response.context["adminform"].form.errors
    assert not Honor.objects.filter(recipient=honor_602.recipient, year=2022).exists()
    change = reverse("admin:honors_recipient_change", args=[honor_602.recipient_id])
    assert client.get(change).status_code in (302, 403, 404)


def test_a_recipient_not_yet_honoured_belongs_to_the_county_that_entered_it(client, users):
    client.force_login(users["editor_602"])
    client.post(
        reverse("admin:honors_recipient_add"),
        {"kind": "individual", "name": "新录入", "gender": "female", "phone": PHONE},
    )
    recipient = Recipient.objects.get(name="新录入")
    assert recipient.entered_region.code == "371602"
    change = reverse("admin:honors_recipient_change", args=[recipient.pk])
    assert client.get(change).status_code == 200
    client.force_login(users["editor_603"])
    listed = client.get(reverse("admin:honors_recipient_changelist")).context["cl"].result_list
    assert recipient not in list(listed)
    assert client.get(change).status_code in (302, 403, 404)
    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {"term": "新录入", "app_label": "honors", "model_name": "honor", "field_name": "recipient"},
    )
    assert autocomplete.json()["results"] == []


# ------------------------------------------------------------------ history


def test_reverting_a_revoked_honour_keeps_it_revoked(client, users, honor_602):
    Honor.objects.filter(pk=honor_602.pk).update(status=Status.CONFERRED)
    honor = Honor.objects.get(pk=honor_602.pk)
    honor.deeds = "授予时的事迹"
    honor.save()  # a history row with status conferred
    conferred = honor.history.latest("history_date")
    honor.status, honor.revoked_reason = Status.REVOKED, "查实有误"
    honor.save()
    client.force_login(users["city_admin"])
    url = reverse("admin:honors_honor_simple_history", args=[honor.pk, conferred.history_id])
    client.post(url, form_data(client.get(url)))
    honor.refresh_from_db()
    assert honor.status == Status.REVOKED and honor.revoked_reason == "查实有误"
    assert not Honor.objects.public().filter(pk=honor.pk).exists()


def test_restoring_a_deleted_honour_needs_delete_permission_and_comes_back_a_draft(
    client, users, honor_602
):
    Honor.objects.filter(pk=honor_602.pk).update(status=Status.CONFERRED)
    client.force_login(users["city_admin"])
    client.post(
        reverse("admin:honors_honor_delete", args=[honor_602.pk]), {"post": "yes", "reason": "重复"}
    )
    deleted = Honor.history.filter(id=honor_602.pk, history_type="-").get()
    url = reverse("admin:honors_honor_simple_history", args=[honor_602.pk, deleted.history_id])
    data = form_data(client.get(url))

    client.force_login(users["editor_602"])
    client.post(url, data)
    assert not Honor.objects.filter(pk=honor_602.pk).exists()

    client.force_login(users["city_admin"])
    client.post(url, data)
    restored = Honor.objects.get(pk=honor_602.pk)
    assert restored.status == Status.DRAFT
    assert restored.history.latest("history_date").history_change_reason == "从历史记录恢复"


def test_history_diffs_mask_private_fields_for_reviewers(client, users):
    family = FamilyFactory(
        region=Region.objects.get(code="371602"), status=Status.DRAFT, phone=PHONE
    )
    family.phone, family.address = "13787654321", "滨城区黄河五路100号"
    family.save()
    url = reverse("admin:families_family_history", args=[family.pk])
    client.force_login(users["reviewer_602"])
    page = client.get(url).content.decode()
    assert "13787654321" not in page and PHONE not in page
    assert "黄河五路100号" not in page
    client.force_login(users["editor_602"])
    assert "13787654321" in client.get(url).content.decode()


# ------------------------------------------------------------------ reviews


def test_a_county_reviewer_cannot_withdraw_a_city_wide_program(client, users):
    program = Program.objects.filter(is_published=True).first()
    client.force_login(users["reviewer_603"])
    client.post(
        reverse("admin:programs_program_changelist"),
        {"action": "withdraw", "_selected_action": [program.pk]},
    )
    assert Program.objects.get(pk=program.pk).is_published
    client.force_login(users["city_reviewer"])
    client.post(
        reverse("admin:programs_program_changelist"),
        {"action": "withdraw", "_selected_action": [program.pk]},
    )
    assert not Program.objects.get(pk=program.pk).is_published


def test_an_editors_stock_figure_waits_for_review(client, users):
    from programs.models import StockKind

    kind = StockKind.objects.first()
    client.force_login(users["editor_602"])
    client.post(
        reverse("admin:programs_stockfigure_add"),
        {
            "kind": kind.pk,
            "region": Region.objects.get(code="371602").pk,
            "year": 2030 - 1,
            "value": 12,
        },
    )
    figure = StockFigure.objects.get(kind=kind, year=2029)
    assert not figure.is_published
    assert not StockFigure.objects.public().filter(pk=figure.pk).exists()
    client.force_login(users["reviewer_602"])
    client.post(
        reverse("admin:programs_stockfigure_changelist"),
        {"action": "publish", "_selected_action": [figure.pk]},
    )
    assert StockFigure.objects.public().filter(pk=figure.pk).exists()


# ------------------------------------------------------------------ the services themselves


def test_the_honour_service_refuses_a_record_outside_the_accounts_county(users, honor_602):
    from django.core.exceptions import PermissionDenied

    from honors import services

    honor_602.deeds = "改写"
    with pytest.raises(PermissionDenied):
        services.save_honor(honor_602, user=users["editor_603"])
    # Moving it into one's own county is refused too: the current region counts.
    honor_602.region = Region.objects.get(code="371603")
    with pytest.raises(PermissionDenied):
        services.save_honor(honor_602, user=users["editor_603"])
    assert Honor.objects.get(pk=honor_602.pk).region.code == "371602"


def test_an_edit_through_the_service_never_changes_the_status(users, honor_602):
    from honors import services

    honor_602.status = Status.CONFERRED
    services.save_honor(honor_602, user=users["editor_602"])
    assert Honor.objects.get(pk=honor_602.pk).status == Status.DRAFT
