"""Activity rows, declared once for the staff export, the import template and imports."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.tabular import (
    UNCHANGED,
    Collector,
    Column,
    Importer,
    assign_changed,
    check_fields,
    choice_column,
    chunked_in,
    parse_choice,
    parse_date,
    parse_decimal,
    parse_int,
    text_column,
)
from programs.models import Activity, ActivityKind, Program

L = gettext_lazy

COLUMNS = [
    text_column("program", L("所属项目"), "program__name", identity=True, width=28),
    Column("date", L("日期"), lambda a: a.date, identity=True, width=12),
    text_column("title", L("活动名称"), "title", identity=True, width=30),
    choice_column("kind", L("活动类型"), "kind", ActivityKind, width=10),
    text_column("region_code", L("地区代码"), "region__code", identity=True, width=14),
    text_column("region", L("地区"), "region__name", width=14),
    Column("sessions", L("场次（期）"), lambda a: a.sessions, width=10),
    Column("people_served", L("服务人次"), lambda a: a.people_served, width=10),
    Column("amount_yuan", L("金额（元）"), lambda a: a.amount_yuan, width=12),
    Column("jobs_offered", L("提供岗位（个）"), lambda a: a.jobs_offered, width=12),
    text_column("notes", L("备注"), "notes", width=30, running_text=True),
]
HEADER = {column.key: str(column.header) for column in COLUMNS}


def export_queryset(queryset):
    return queryset.select_related("program", "region").iterator(chunk_size=2000)


ACTIVITY_FIELDS = [
    "updated_by",
    "kind",
    "sessions",
    "people_served",
    "amount_yuan",
    "jobs_offered",
    "notes",
]


class ActivityImporter(Importer):
    """Rows of activities: the same program, date, name and region update the record.

    The region is part of the identity and must be in the importer's scope, so a row can
    only ever match an activity of her own subtree. New activities are unpublished, and a
    published one is not rewritten by an import (its figures are public).
    """

    columns = COLUMNS
    model = Activity

    def lock_scope(self, row: dict) -> tuple[str, str]:
        return row.get("program", ""), row.get("date", "")[:4]  # the program and its year

    def is_public(self, record) -> bool:
        return record.is_published

    def public_record_message(self, record) -> str:
        return _("：已发布的活动不能通过导入修改，请在系统中修改")

    update_fields = ACTIVITY_FIELDS

    def prepare(self, rows: list[dict]) -> None:
        super().prepare(rows)
        self.programs = list(Program.objects.all())
        titles = {row.get("title", "") for row in rows} - {""}
        self.existing = {
            (a.program_id, a.date, a.title, a.region_id): a
            for a in chunked_in(Activity.objects.all(), "title", titles)
        }

    def import_row(self, row: dict) -> tuple[str, str]:
        check = Collector()
        program = self.find_named(self.programs, row.get("program", ""), "program", check.errors)
        date = check(parse_date, check.require(row.get("date", ""), HEADER["date"]), HEADER["date"])
        title = check.require(row.get("title", ""), HEADER["title"])
        region = self.find_region(row, check.errors)
        values = {}
        if row.get("kind"):
            values["kind"] = check(parse_choice, row["kind"], ActivityKind, HEADER["kind"])
        for key in ("sessions", "people_served", "jobs_offered"):
            if row.get(key):
                values[key] = check(parse_int, row[key], HEADER[key])
        if row.get("amount_yuan"):
            values["amount_yuan"] = check(parse_decimal, row["amount_yuan"], HEADER["amount_yuan"])
        check.raise_if_any()
        if "notes" in row:
            values["notes"] = row["notes"]
        activity = self.existing.get((program.pk, date, title, region.pk))
        if activity is not None:
            self.check_in_scope(activity)  # the region is part of the identity: a guard
        if activity is None:
            activity = Activity(program=program, date=date, title=title, region=region)
            values.setdefault("kind", ActivityKind.OTHER)
        self.check_workflow(activity, values)  # imported activities are unpublished
        changed = assign_changed(activity, values)
        label = f"{date} {title}"
        if activity.pk and not changed:
            return UNCHANGED, label
        check_fields(activity, exclude=["program", "region"])  # looked up already
        return self.queue(activity, label)
