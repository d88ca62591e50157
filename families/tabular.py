"""The family list's columns, declared once for exports, the import template and imports."""

from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Level, Status
from core.rolls import Roll, RollEntry, build_roll, roll_heading
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
    parse_year,
    text_column,
)
from core.text import pad_name
from families.models import Family, FamilyTitle, FamilyType, Tier
from families.selectors import roll_order

L = gettext_lazy

COLUMNS = [
    Column("year", L("年度"), lambda f: f.year, identity=True, width=8, sql=lambda: F("year")),
    text_column("title", L("称号"), "title__name", identity=True, width=16),
    choice_column("level", L("级别"), "level", Level, identity=True, width=8),
    choice_column("tier", L("档次"), "tier", Tier, width=8),
    choice_column("family_type", L("类型"), "family_type", FamilyType, width=10),
    text_column("name", L("户主或成员姓名"), "name", identity=True, width=14),
    text_column("members", L("家庭成员"), "members", width=24),
    text_column("region_code", L("地区代码"), "region__code", identity=True, width=14),
    text_column("region", L("地区"), "region__name", width=14),
    text_column("body", L("授予机关"), "conferring_body", width=18),
    text_column("story", L("事迹"), "story", width=40, running_text=True),
    choice_column("status", L("状态"), "status", Status, staff=True, width=10),
    Column("notice_start", L("公示开始"), lambda f: f.notice_start, staff=True, width=12),
    Column("notice_end", L("公示结束"), lambda f: f.notice_end, staff=True, width=12),
    text_column("objection_contact", L("异议联系方式"), "objection_contact", staff=True, width=24),
    text_column("phone", L("联系电话"), "phone", private=True, width=14),
    text_column("address", L("家庭住址"), "address", private=True, width=30),
    text_column("id_number", L("身份证号码"), "id_number", private=True, width=22),
]
HEADER = {column.key: str(column.header) for column in COLUMNS}
TEXT_FIELDS = [
    ("members", "members"),
    ("body", "conferring_body"),
    ("story", "story"),
    ("objection_contact", "objection_contact"),
    ("phone", "phone"),
    ("address", "address"),
]


def export_queryset(queryset):
    # prefetch_related(None): the list's photos are not in the file.
    queryset = queryset.prefetch_related(None).select_related("title", "region")
    return queryset.iterator(chunk_size=2000)


FAMILY_FIELDS = [
    "updated_by",
    "title_rank",
    "tier",
    "family_type",
    "status",
    "notice_start",
    "notice_end",
    "members",
    "conferring_body",
    "story",
    "objection_contact",
    "phone",
    "address",
    "id_number",
    "stroke_key",
    "pinyin_key",
    "search_text",
]


class FamilyImporter(Importer):
    """Rows of families: the same name, region, title, level and year update the record.

    The region is part of the identity and must be in the importer's scope, so a row can
    only ever match a family of her own subtree; a same-named family elsewhere is another.
    Status and notice: see Importer.check_workflow.
    """

    columns = COLUMNS
    private_fields = frozenset({"phone", "address", "id_number"})
    model = Family
    update_fields = FAMILY_FIELDS

    def prepare(self, rows: list[dict]) -> None:
        super().prepare(rows)
        self.titles = list(FamilyTitle.objects.all())
        names = {row.get("name", "") for row in rows} - {""}
        self.existing = {
            (f.name, f.region_id, f.title_id, f.level, f.year): f
            for f in chunked_in(Family.objects.all(), "name", names)
        }

    def import_row(self, row: dict) -> tuple[str, str]:
        check = Collector()
        year = check(parse_year, row.get("year", ""), HEADER["year"])
        title = self.find_named(self.titles, row.get("title", ""), "title", check.errors)
        level = check(parse_choice, row.get("level", ""), Level, HEADER["level"])
        name = check.require(row.get("name", ""), HEADER["name"])
        region = self.find_region(row, check.errors)
        values = {}
        if row.get("tier"):
            values["tier"] = check(parse_choice, row["tier"], Tier, HEADER["tier"])
        if row.get("family_type"):
            values["family_type"] = check(
                parse_choice, row["family_type"], FamilyType, HEADER["family_type"]
            )
        if row.get("status"):
            values["status"] = check(parse_choice, row["status"], Status, HEADER["status"])
        for key in ("notice_start", "notice_end"):
            if key in row:
                values[key] = check(parse_date, row[key], HEADER[key])
        check.raise_if_any()
        for key, attribute in TEXT_FIELDS:
            if key in row:
                values[attribute] = row[key]
        if "id_number" in row:
            values["id_number"] = row["id_number"].upper()

        family = self.existing.get((name, region.pk, title.pk, level, year))
        if family is not None:
            self.check_in_scope(family)  # the region is part of the identity: a guard
        if family is None:
            family = Family(name=name, region=region, title=title, level=level, year=year)
        self.check_workflow(family, values)  # no status beyond submitted, nothing public rewritten
        if family.pk is None:
            values.setdefault("status", Status.DRAFT)  # a file without a status publishes nothing
        changed = assign_changed(family, values)
        label = f"{year} {title} {name}"
        if family.pk and not changed:
            return UNCHANGED, label
        check_fields(family, exclude=["title", "region"])  # looked up already
        family.derive_keys()
        return self.queue(family, label)


def roll_entry(family: Family) -> RollEntry:
    """One line of a printed list: the padded name (家庭 for a household) and its region."""
    name = pad_name(family.name)
    if family.title.is_household:
        name += _("家庭")
    return RollEntry(name, family.region.name)


def build_family_roll(queryset, filters: dict) -> Roll:
    families = list(roll_order(queryset).select_related("title", "region"))
    bodies = {f.conferring_body for f in families}
    level = filters.get("level")
    return build_roll(
        families,
        group_of=lambda f: f.title.name + (f"（{f.get_tier_display()}）" if f.tier else ""),
        unit_of=lambda f: str(f.title.count_unit),
        region_of=lambda f: f.region,
        entry_of=roll_entry,
        heading=roll_heading(
            filters.get("year"),
            str(dict(Level.choices)[level]) if level else "",
            bodies.pop() if len(bodies) == 1 else "",
            _("家庭典型"),
        ),
    )
