import io

import pytest
from django.urls import reverse
from docx import Document

from core import cache
from core.tabular import Table, headers, rows_for
from families.models import Family
from families.tabular import COLUMNS, FamilyImporter, export_queryset
from tests.tabular_helpers import docx_lines, read_csv_response

pytestmark = pytest.mark.django_db
HEADERS = headers(COLUMNS)


def staff_rows(queryset):
    return [
        ["" if v is None else str(v) for v in row]
        for row in rows_for(export_queryset(queryset.order_by("pk")), COLUMNS)
    ]


def test_round_trip_into_an_empty_table():
    original = staff_rows(Family.objects.filter(level__in=["city", "provincial"]))
    Family.objects.all().delete()
    result = FamilyImporter(archive=True).run(Table(HEADERS, original), commit=True)
    assert result.committed and result.count("new") == len(original)
    assert sorted(staff_rows(Family.objects.all())) == sorted(original)


@pytest.mark.usefixtures("demo_year")
def test_same_family_updates_and_bad_tier_is_named():
    first_two = Family.objects.filter(level="provincial").order_by("pk")[:2]
    Family.objects.filter(pk__in=[f.pk for f in first_two]).update(status="submitted")
    rows = staff_rows(Family.objects.filter(pk__in=[f.pk for f in first_two]))
    rows[0][HEADERS.index("事迹")] = "新的事迹"
    rows[1][HEADERS.index("档次")] = "金牌"
    result = FamilyImporter().run(Table(HEADERS, rows), commit=True)
    assert not result.committed
    assert "第3行「档次」应为“标兵”或“称号”或“提名”" in result.error_messages
    rows[1][HEADERS.index("档次")] = ""
    result = FamilyImporter().run(Table(HEADERS, rows), commit=True)
    assert result.committed and result.count("update") == 1 and result.count("unchanged") == 1


@pytest.mark.usefixtures("demo_year")
def test_public_csv_has_no_private_columns_or_values(client):
    family = Family.objects.public().filter(level="provincial").first()
    response = client.get(reverse("families:export-csv"), {"level": "provincial"})
    rows = read_csv_response(response)
    text = "".join(",".join(r) for r in rows)
    assert "联系电话" not in rows[0] and "家庭住址" not in rows[0]
    assert family.phone not in text and family.address not in text


@pytest.mark.usefixtures("demo_year")
def test_word_roll_lists_households_with_counts(client):
    response = client.get(reverse("families:roll-docx"), {"level": "provincial"})
    lines = docx_lines(Document(io.BytesIO(b"".join(response.streaming_content))))
    count = Family.objects.public().filter(level="provincial").count()
    assert any(line.startswith("最美家庭") and f"（{count}户）" in line for line in lines)
    assert sum(1 for line in lines if "家庭\u3000" in line) == count


@pytest.mark.usefixtures("demo_year")
def test_an_import_records_who_wrote_each_row_in_the_history(admin_user):
    first = Family.objects.filter(level="provincial").order_by("pk").first()
    Family.objects.filter(pk=first.pk).update(status="draft")  # a conferred one is not rewritten
    rows = staff_rows(Family.objects.filter(pk=first.pk))
    rows[0][HEADERS.index("事迹")] = "改過的事迹"
    result = FamilyImporter(user=admin_user).run(Table(HEADERS, rows), commit=True)
    assert result.count("update") == 1
    family = Family.objects.get(story="改過的事迹")
    latest = family.history.first()
    assert (latest.history_user, latest.history_change_reason) == (admin_user, "导入")
    assert family.updated_by == admin_user


@pytest.mark.usefixtures("demo_year")
def test_new_rows_are_written_whole_with_a_history_row_each(
    admin_user, django_capture_on_commit_callbacks
):
    """On PostgreSQL new rows go in by COPY FROM (core.copy_from); on SQLite by bulk_create."""
    model = Family.objects.filter(level="provincial").order_by("pk").first()
    rows = staff_rows(Family.objects.filter(pk=model.pk))
    rows[0][HEADERS.index("户主或成员姓名")] = "曾新來"
    for header in ("状态", "公示开始", "公示结束", "异议联系方式"):
        rows[0][HEADERS.index(header)] = ""  # a new record is a draft: the workflow's fields empty
    before = cache.data_version()
    with django_capture_on_commit_callbacks(execute=True):
        result = FamilyImporter(user=admin_user).run(Table(HEADERS, rows), commit=True)
    assert result.count("new") == 1
    family = Family.objects.get(name="曾新來")
    assert (family.year, family.title_id, family.region_id) == (
        model.year,
        model.title_id,
        model.region_id,
    )
    assert family.stroke_key and "曾新来" in family.search_text
    assert family.created_by == admin_user and family.created_at is not None
    (created,) = family.history.all()
    assert (created.history_type, created.history_user) == ("+", admin_user)
    assert created.history_change_reason == "导入" and created.name == "曾新來"
    assert cache.data_version() != before  # cached public pages are not served any more
    family.name = "曾新來二"
    family.save()  # an update of the row COPY wrote, not a second row
    assert list(Family.objects.filter(name__startswith="曾新來")) == [family]
    later = Family.objects.create(
        **{f: getattr(model, f) for f in ("title", "level", "year")},
        region=model.region,
        name="曾後來",
    )
    assert later.pk > family.pk  # the sequence moved on past the keys COPY took
