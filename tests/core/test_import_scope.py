"""Import rows are scoped like every other door: a row that matches a record of another
county is an error on that row, never an update; recipients are matched within scope."""

import pytest

from core.models import Region, Status
from core.tabular import Table
from families.models import Family
from families.tabular import FamilyImporter
from honors.models import Honor, Recipient
from honors.tabular import HonorImporter, recipients_in_scope
from programs.models import Activity
from programs.tabular import ActivityImporter
from tests.families.factories import FamilyFactory
from tests.honors.factories import HonorFactory, HonorTitleFactory, RecipientFactory
from tests.programs.factories import ActivityFactory
from tests.staff import make_staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]
OTHER_COUNTY = "：该记录属于其他地区"
HONOUR_HEADERS = ["年度", "称号", "级别", "姓名或集体全称", "地区代码", "授予机关", "事迹"]


@pytest.fixture
def editor_602():
    return make_staff("e602", "editor", "371602")


@pytest.fixture
def honour_603():
    """A draft honour of 沾化區, whose recipient left a phone and an ID number."""
    recipient = RecipientFactory(id_number="11010519491231002X", phone="13912345678")
    return HonorFactory(
        region=Region.objects.get(code="371603"),
        recipient=recipient,
        status=Status.DRAFT,
        deeds="原事迹",
    )


def honour_row(honor, **changes) -> list[str]:
    row = {
        "年度": str(honor.year),
        "称号": honor.title.name,
        "级别": "市级",
        "姓名或集体全称": honor.recipient.name,
        "地区代码": "371602",
        "授予机关": "x",
        "事迹": "改写的事迹",
    }
    row.update(changes)
    return list(row.values())


@pytest.mark.parametrize("commit", [False, True])
def test_a_row_naming_another_countys_honour_is_an_error_not_an_update(
    editor_602, honour_603, commit
):
    table = Table(HONOUR_HEADERS, [honour_row(honour_603)])
    result = HonorImporter(user=editor_602).run(table, commit=commit)
    assert not result.committed and result.count("update") == 0
    assert result.error_messages == ["第2行" + OTHER_COUNTY]
    honour_603.refresh_from_db()
    assert honour_603.region.code == "371603" and honour_603.deeds == "原事迹"


def test_a_recipient_of_another_county_is_not_matched_by_id_number(editor_602, honour_603):
    other_title = HonorTitleFactory()
    table = Table(
        [
            "年度",
            "称号",
            "级别",
            "姓名或集体全称",
            "地区代码",
            "授予机关",
            "身份证号码",
            "联系电话",
        ],
        [
            [
                "2023",
                other_title.name,
                "市级",
                "冒名",
                "371602",
                "x",
                "11010519491231002X",
                "13800000000",
            ]
        ],
    )
    result = HonorImporter(user=editor_602).run(table, commit=True)
    assert result.error_messages == ["第2行" + OTHER_COUNTY]
    recipient = Recipient.objects.get(pk=honour_603.recipient_id)
    assert recipient.phone == "13912345678" and recipient.name != "冒名"


def test_a_recipient_with_an_honour_in_scope_is_matched_by_id_number(editor_602, honour_603):
    Honor.objects.filter(pk=honour_603.pk).update(region=Region.objects.get(code="371602"))
    other_title = HonorTitleFactory()
    table = Table(
        ["年度", "称号", "级别", "姓名或集体全称", "地区代码", "授予机关", "身份证号码"],
        [["2023", other_title.name, "市级", honour_603.recipient.name, "371602", "x",
          "11010519491231002X"]],
    )  # fmt: skip
    result = HonorImporter(user=editor_602).run(table, commit=True)
    assert result.committed and result.count("new") == 1
    assert Honor.objects.filter(recipient_id=honour_603.recipient_id).count() == 2


def test_recipients_in_scope_follow_their_honours_or_who_entered_them(editor_602, honour_603):
    editor_603 = make_staff("e603", "editor", "371603")
    # No honour yet, entered by 沾化區's editor.
    loner = RecipientFactory(entered_region=Region.objects.get(code="371603"))
    assert (
        set(recipients_in_scope(editor_602).filter(pk__in=[loner.pk, honour_603.recipient_id]))
        == set()
    )
    assert set(
        recipients_in_scope(editor_603).filter(pk__in=[loner.pk, honour_603.recipient_id])
    ) == {
        loner,
        honour_603.recipient,
    }
    assert recipients_in_scope(None).filter(pk=loner.pk).exists()  # the operator: city-wide


def test_the_operators_command_still_works_city_wide(honour_603):
    table = Table(HONOUR_HEADERS, [honour_row(honour_603)])
    result = HonorImporter().run(table, commit=True)
    assert result.committed and result.count("update") == 1
    honour_603.refresh_from_db()
    assert honour_603.region.code == "371602"


def test_a_family_of_another_county_is_never_updated(editor_602):
    family = FamilyFactory(
        region=Region.objects.get(code="371603"), status=Status.DRAFT, story="原"
    )
    table = Table(
        ["年度", "称号", "级别", "户主或成员姓名", "地区代码", "事迹"],
        [
            [str(family.year), family.title.name, "县级", family.name, "371602", "改"],
            [str(family.year), family.title.name, "县级", family.name, "371603", "改"],
        ],
    )
    result = FamilyImporter(user=editor_602).run(table, commit=True)
    assert not result.committed
    family.refresh_from_db()
    assert family.story == "原" and family.region.code == "371603"
    assert not Family.objects.filter(name=family.name, region__code="371602").exists()


def test_an_activity_of_another_county_is_never_updated(editor_602):
    activity = ActivityFactory(region=Region.objects.get(code="371603"), is_published=False)
    table = Table(
        ["所属项目", "日期", "活动名称", "地区代码", "备注"],
        [[activity.program.name, "2023-03-08", activity.title, "371603", "改"]],
    )
    result = ActivityImporter(user=editor_602).run(table, commit=True)
    assert not result.committed
    assert Activity.objects.get(pk=activity.pk).notes == ""
