"""An import sets no status beyond 已提交 and never moves an existing record through the
workflow; what is public (in notice, conferred, revoked, published) it does not rewrite."""

import io

import pytest
from django.core.management import CommandError, call_command

from core.models import Region, Status
from core.tabular import Table
from families.tabular import FamilyImporter
from honors.models import Honor
from honors.tabular import HonorImporter
from programs.models import Activity
from programs.tabular import ActivityImporter
from tests.families.factories import FamilyFactory
from tests.honors.factories import HonorFactory, HonorTitleFactory
from tests.programs.factories import ActivityFactory
from tests.staff import make_staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]
HEADERS = ["年度", "称号", "级别", "姓名或集体全称", "地区代码", "授予机关", "事迹", "状态"]


@pytest.fixture
def city_admin():
    return make_staff("city", "admin", "371600")


def new_row(title, status: str, name: str = "新人") -> list[str]:
    return ["2023", title.name, "市级", name, "371602", "x", "事迹", status]


def existing_row(honor, **changes) -> list[str]:
    row = dict(zip(HEADERS, ["2023", honor.title.name, "市级", honor.recipient.name, "371602",
                             honor.conferring_body, honor.deeds, str(honor.get_status_display())],
                   strict=True))  # fmt: skip
    row.update(changes)
    return list(row.values())


@pytest.mark.parametrize("user", ["city_admin", None])
@pytest.mark.parametrize("status", ["已授予", "公示中", "已撤销"])
def test_no_import_confers_or_publishes_a_new_record(request, user, status):
    importer = HonorImporter(user=request.getfixturevalue(user) if user else None)
    title = HonorTitleFactory()
    result = importer.run(Table(HEADERS, [new_row(title, status)]), commit=True)
    assert not result.committed
    assert any("导入只能是“草稿”或“已提交审核”" in m for m in result.error_messages)
    assert not Honor.objects.filter(title=title).exists()


def test_a_new_record_may_be_imported_as_submitted(city_admin):
    title = HonorTitleFactory()
    result = HonorImporter(user=city_admin).run(
        Table(HEADERS, [new_row(title, "已提交审核")]), commit=True
    )
    assert result.committed and Honor.objects.get(title=title).status == Status.SUBMITTED


@pytest.fixture
def conferred():
    return HonorFactory(region=Region.objects.get(code="371602"), status=Status.CONFERRED,
                        deeds="原事迹", level="city", year=2023)  # fmt: skip


def test_an_import_never_changes_an_existing_records_status(city_admin):
    draft = HonorFactory(region=Region.objects.get(code="371602"), status=Status.DRAFT, year=2023)
    row = existing_row(draft, 状态="已授予")
    result = HonorImporter(user=city_admin).run(Table(HEADERS, [row]), commit=True)
    assert not result.committed
    assert any("不能通过导入更改" in m for m in result.error_messages)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_conferred_honours_public_fields_are_not_rewritten_by_import(city_admin, conferred):
    row = existing_row(conferred, 事迹="改写的事迹")
    result = HonorImporter(user=city_admin).run(Table(HEADERS, [row]), commit=True)
    assert not result.committed
    assert any("不能通过导入修改" in m for m in result.error_messages)
    conferred.refresh_from_db()
    assert conferred.deeds == "原事迹" and conferred.status == Status.CONFERRED


def test_an_unchanged_conferred_honour_imports_again_as_unchanged(city_admin, conferred):
    result = HonorImporter(user=city_admin).run(
        Table(HEADERS, [existing_row(conferred)]), commit=True
    )
    assert result.committed and result.count("unchanged") == 1


def test_notice_dates_are_the_workflows_not_the_imports(city_admin):
    draft = HonorFactory(region=Region.objects.get(code="371602"), status=Status.DRAFT, year=2023)
    table = Table(
        [*HEADERS, "公示开始", "公示结束"], [[*existing_row(draft), "2024-01-01", "2024-01-08"]]
    )
    result = HonorImporter(user=city_admin).run(table, commit=True)
    assert any("「公示开始」只能在审核流程中填写" in m for m in result.error_messages)


def test_a_conferred_family_is_not_rewritten_and_none_is_conferred(city_admin):
    family = FamilyFactory(region=Region.objects.get(code="371602"), status=Status.CONFERRED,
                           story="原")  # fmt: skip
    headers = ["年度", "称号", "级别", "户主或成员姓名", "地区代码", "事迹", "状态"]
    rows = [
        [str(family.year), family.title.name, "县级", family.name, "371602", "改", "已授予"],
        [str(family.year), family.title.name, "县级", "新户", "371602", "新", "已授予"],
    ]
    result = FamilyImporter(user=city_admin).run(Table(headers, rows), commit=True)
    assert not result.committed
    assert any(m.startswith("第2行") and "不能通过导入修改" in m for m in result.error_messages)
    assert any(m.startswith("第3行") and "导入只能是" in m for m in result.error_messages)
    family.refresh_from_db()
    assert family.story == "原"


def test_a_published_activity_is_not_rewritten_by_import(city_admin):
    activity = ActivityFactory(region=Region.objects.get(code="371602"), is_published=True)
    table = Table(
        ["所属项目", "日期", "活动名称", "地区代码", "服务人次"],
        [[activity.program.name, "2023-03-08", activity.title, "371602", "99999"]],
    )
    result = ActivityImporter(user=city_admin).run(table, commit=True)
    assert any("已发布的活动不能通过导入修改" in m for m in result.error_messages)
    assert Activity.objects.get(pk=activity.pk).people_served != 99999


def test_the_operator_may_restore_an_archive_with_its_statuses():
    title = HonorTitleFactory()
    result = HonorImporter(archive=True).run(
        Table(HEADERS, [new_row(title, "已授予")]), commit=True
    )
    assert result.committed and Honor.objects.get(title=title).status == Status.CONFERRED


def test_the_import_command_takes_archive_and_otherwise_refuses_statuses(tmp_path):
    title = HonorTitleFactory()
    path = tmp_path / "list.csv"
    path.write_text(",".join(HEADERS) + "\n" + ",".join(new_row(title, "已授予")) + "\n")
    with pytest.raises(CommandError):
        call_command("import_honors", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    call_command(
        "import_honors", str(path), "--archive", stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert Honor.objects.get(title=title).status == Status.CONFERRED
