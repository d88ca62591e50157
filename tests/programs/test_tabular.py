import pytest

from core.tabular import Table, headers, rows_for
from programs.models import Activity
from programs.tabular import COLUMNS, ActivityImporter, export_queryset

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]
HEADERS = headers(COLUMNS)


def staff_rows(queryset):
    return [
        ["" if v is None else str(v) for v in row]
        for row in rows_for(export_queryset(queryset.order_by("pk")), COLUMNS)
    ]


def test_round_trip_of_activities():
    original = staff_rows(Activity.objects.filter(program__slug="chufeng"))
    Activity.objects.filter(program__slug="chufeng").delete()
    result = ActivityImporter().run(Table(HEADERS, original), commit=True)
    assert result.committed and result.count("new") == len(original) > 13
    assert sorted(staff_rows(Activity.objects.filter(program__slug="chufeng"))) == sorted(original)


def test_bad_numbers_and_unknown_program_are_named():
    first = staff_rows(Activity.objects.filter(program__slug="chufeng"))[0]
    row = dict(zip(HEADERS, first, strict=True))
    row["服务人次"] = "很多"
    row["所属项目"] = "不存在的項目"
    result = ActivityImporter().run(Table(HEADERS, [[row[h] for h in HEADERS]]), commit=True)
    assert "第2行「服务人次」应为整数" in result.error_messages
    assert any("「所属项目」没有“不存在的項目”" in m for m in result.error_messages)
