"""Who may do what: each role and region against each admin door.

Roles: editor and reviewer of 濱城區 (371602), an editor of 沾化區 (371603), the
city administrator. Records: an honour (a family, an activity) in 濱城區 entered by its
editor, one in 沾化區.
"Refused" is any answer that is not the page: 403, 404, or the admin's redirect.
"""

import json

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.models import Region, Status
from honors.models import Honor
from tests.families.factories import FamilyFactory
from tests.honors.factories import HonorFactory, RecipientFactory
from tests.programs.factories import ActivityFactory
from tests.staff import make_staff
from tests.tabular_helpers import read_csv_response

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]

OK, NO = True, False
ROLES = ["editor_602", "reviewer_602", "editor_603", "city_admin"]


@pytest.fixture
def world():
    users = {
        "editor_602": make_staff("e602", "editor", "371602"),
        "reviewer_602": make_staff("r602", "reviewer", "371602"),
        "editor_603": make_staff("e603", "editor", "371603"),
        "city_admin": make_staff("admin", "admin", "371600"),
    }
    recipient = RecipientFactory(id_number="11010519491231002X", phone="13912345678")
    honor_602 = HonorFactory(
        region=Region.objects.get(code="371602"),
        status=Status.DRAFT,
        recipient=recipient,
        created_by=users["editor_602"],
        updated_by=users["editor_602"],
    )
    honor_603 = HonorFactory(region=Region.objects.get(code="371603"), status=Status.DRAFT)
    return users, honor_602, honor_603


def urls(model_label: str, record_602, record_603):
    app, model = model_label.split(".")
    door = lambda name, *args: reverse(f"admin:{app}_{model}_{name}", args=args)  # noqa: E731
    return {
        "changelist": door("changelist"),
        "add": door("add"),
        "change own county": door("change", record_602.pk),
        "change other county": door("change", record_603.pk),
        "delete own county": door("delete", record_602.pk),
        "history own county": door("history", record_602.pk),
        "history other county": door("history", record_603.pk),
        "export": door("export", "csv"),
        "import": door("import"),
        "users": reverse("admin:auth_user_changelist"),
    }


# The three kinds of record share the roles' permissions and the admin's scoping mixins,
# so one table holds for all of them.
RECORDS = {
    "honors.honor": lambda **kw: HonorFactory(status=Status.DRAFT, **kw),
    "families.family": lambda **kw: FamilyFactory(status=Status.DRAFT, **kw),
    "programs.activity": lambda **kw: ActivityFactory(is_published=False, **kw),
}

# fmt: off
EXPECTED = {
    #                       editor_602 reviewer_602 editor_603 city_admin
    "changelist":           (OK, OK, OK, OK),
    "add":                  (OK, NO, OK, OK),
    "change own county":    (OK, OK, NO, OK),
    "change other county":  (NO, NO, OK, OK),
    "delete own county":    (NO, NO, NO, OK),
    "history own county":   (OK, OK, NO, OK),
    "history other county": (NO, NO, OK, OK),
    "export":               (OK, OK, OK, OK),
    "import":               (OK, NO, OK, OK),
    "users":                (NO, NO, NO, OK),
}
# fmt: on


@pytest.mark.parametrize("model_label", list(RECORDS))
@pytest.mark.parametrize("door", list(EXPECTED))
def test_each_role_and_region_at_each_door(client, world, model_label, door):
    users, *_ = world
    make = RECORDS[model_label]
    record_602 = make(
        region=Region.objects.get(code="371602"),
        created_by=users["editor_602"],
        updated_by=users["editor_602"],
    )
    record_603 = make(region=Region.objects.get(code="371603"))
    url = urls(model_label, record_602, record_603)[door]
    for role, allowed in zip(ROLES, EXPECTED[door], strict=True):
        client.force_login(users[role])
        status = client.get(url).status_code
        assert (status == 200) == allowed, f"{role} at {door} of {model_label}: {status}"


def test_changelist_and_export_hold_only_the_own_subtree(client, world):
    users, _honor_602, _honor_603 = world
    client.force_login(users["editor_602"])
    listed = client.get(reverse("admin:honors_honor_changelist")).context["cl"].result_count
    assert listed == Honor.objects.filter(region__path__startswith="371600/371602/").count()
    rows = read_csv_response(client.get(reverse("admin:honors_honor_export", args=["csv"])))
    assert len(rows) - 1 == listed
    codes = {row[rows[0].index("地区代码")] for row in rows[1:]}
    assert all(code.startswith("371602") for code in codes)


def test_region_autocomplete_offers_only_the_own_subtree(client, world):
    users, *_ = world
    client.force_login(users["editor_603"])
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "濱城", "app_label": "honors", "model_name": "honor", "field_name": "region"},
    )
    results = json.loads(response.content)["results"]
    assert results == []
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "", "app_label": "honors", "model_name": "honor", "field_name": "region"},
    )
    codes = [Region.objects.get(pk=r["id"]).code for r in json.loads(response.content)["results"]]
    assert codes and all(code.startswith("371603") for code in codes)


def test_an_editor_cannot_save_a_record_into_another_county(client, world):
    users, honor_602, _ = world
    client.force_login(users["editor_602"])
    other = Region.objects.get(code="371603")
    response = client.post(
        reverse("admin:honors_honor_change", args=[honor_602.pk]),
        {
            "title": honor_602.title_id,
            "level": "city",
            "year": 2023,
            "channel": "conferred",
            "recipient": honor_602.recipient_id,
            "region": other.pk,
            "conferring_body": "x",
        },
    )
    assert response.status_code == 200 and "region" in response.context["adminform"].form.errors


def test_actions_only_touch_records_in_scope(client, world):
    users, honor_602, honor_603 = world
    Honor.objects.filter(pk__in=[honor_602.pk, honor_603.pk]).update(status=Status.SUBMITTED)
    client.force_login(users["reviewer_602"])
    client.post(
        reverse("admin:honors_honor_changelist"),
        {
            "action": "workflow_reject",
            "_selected_action": [honor_602.pk, honor_603.pk],
            "apply": "1",
            "reason": "材料不全",
        },
    )
    assert Honor.objects.get(pk=honor_602.pk).status == Status.REJECTED
    assert Honor.objects.get(pk=honor_603.pk).status == Status.SUBMITTED


def test_imports_refuse_rows_outside_the_importers_region(world):
    from core.tabular import Table
    from honors.tabular import HonorImporter

    users, *_ = world
    table = Table(
        ["年度", "称号", "级别", "姓名或集体全称", "地区代码", "授予机关", "状态"],
        [
            ["2023", "三八紅旗手", "市級", "甲", "371603", "x", ""],
            ["2023", "三八紅旗手", "市級", "乙", "371602", "x", "已授予"],
        ],
    )
    result = HonorImporter(user=users["editor_602"]).run(table, commit=True)
    assert not result.committed
    assert any("不在您管理的地区范围内" in m for m in result.error_messages)
    assert any("导入只能是“草稿”或“已提交审核”" in m for m in result.error_messages)


def test_reviewer_sees_id_numbers_and_phones_masked(client, world):
    users, honor_602, _ = world
    client.force_login(users["reviewer_602"])
    url = reverse("admin:honors_recipient_change", args=[honor_602.recipient_id])
    page = client.get(url).content.decode()
    assert "1101**********002X" in page and "139****5678" in page
    assert "11010519491231002X" not in page
    client.force_login(users["editor_602"])
    assert "11010519491231002X" in client.get(url).content.decode()


def test_deleting_a_conferred_record_needs_a_reason_and_can_be_restored(client, world):
    users, *_ = world
    honor = Honor.objects.public().filter(region__code="371602").first()
    client.force_login(users["city_admin"])
    url = reverse("admin:honors_honor_delete", args=[honor.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 200 and "需要填写原因" in response.content.decode()
    assert Honor.objects.filter(pk=honor.pk).exists()
    client.post(url, {"post": "yes", "reason": "重复录入"})
    assert not Honor.objects.filter(pk=honor.pk).exists()
    deleted = Honor.history.filter(id=honor.pk, history_type="-").get()
    assert deleted.history_change_reason == "重复录入"
    # Restore from the history: the historical copy's form saves the record again.
    history_url = reverse("admin:honors_honor_simple_history", args=[honor.pk, deleted.history_id])
    form = client.get(history_url)
    assert form.status_code == 200
    initial = form.context["adminform"].form.initial
    data = {
        k: getattr(v, "pk", v) for k, v in initial.items() if v not in (None, "") and k != "photo"
    }
    client.post(history_url, data)
    assert Honor.objects.filter(pk=honor.pk).exists()


def test_create_staff_prints_a_password_and_sets_role_and_region(capsys):
    call_command("create_staff", "newclerk", "--role", "editor", "--region", "371621")
    out = capsys.readouterr().out
    user = User.objects.get(username="newclerk")
    assert "密码" in out and user.check_password(out.split("密码：")[1].strip())
    assert user.staff_profile.region.code == "371621"
    assert user.groups.get().name == "录入员"
    with pytest.raises(CommandError):
        call_command("create_staff", "x", "--role", "editor", "--region", "000000")
