"""The official list (名单): grouped by title, then by county, names by surname strokes.

Used by both the printable HTML page and the Word document, for honours and
families alike, so the two can never disagree.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.models import Region


@dataclass
class RollRegion:
    name: str
    entries: list[str] = field(default_factory=list)


@dataclass
class RollGroup:
    title: str
    unit: str
    regions: list[RollRegion] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(region.entries) for region in self.regions)


@dataclass
class Roll:
    heading: str
    subheading: str
    groups: list[RollGroup]
    note: str

    @property
    def count(self) -> int:
        return sum(group.count for group in self.groups)


def county_names(records: list, region_of: Callable) -> dict[str, str]:
    """Names of the county-level ancestors of the records' regions, in one query."""
    codes = {_county_code(region_of(record)) for record in records}
    return dict(Region.objects.filter(code__in=codes).values_list("code", "name"))


def _county_code(region: Region) -> str:
    codes = region.ancestor_codes
    return codes[1] if len(codes) > 1 else codes[0]


def build_roll(
    records: Iterable,
    *,
    group_of: Callable,
    unit_of: Callable,
    region_of: Callable,
    entry_of: Callable,
    heading: str,
    subheading: str = "",
) -> Roll:
    """Group records, given in title and surname-stroke order, by title and then county.

    The county grouping is done here, by a stable sort, so that names stay in
    stroke order within each county whatever level of the tree their region is.
    """
    records = list(records)
    names = county_names(records, region_of)
    title_positions: dict[str, int] = {}
    for record in records:
        title_positions.setdefault(group_of(record), len(title_positions))
    records.sort(key=lambda r: (title_positions[group_of(r)], _county_code(region_of(r))))
    groups: list[RollGroup] = []
    for record in records:
        title = group_of(record)
        if not groups or groups[-1].title != title:
            groups.append(RollGroup(title=title, unit=unit_of(record)))
        county = names.get(_county_code(region_of(record)), "")
        regions = groups[-1].regions
        if not regions or regions[-1].name != county:
            regions.append(RollRegion(name=county))
        regions[-1].entries.append(entry_of(record))
    note = _("（名单按姓氏笔画排序，排名不分先后）")
    return Roll(heading=heading, subheading=subheading, groups=groups, note=note)


def roll_heading(year, level_label: str, body: str, what: str) -> str:
    parts = []
    if year:
        parts.append(_("%(year)s年度") % {"year": year})
    if level_label:
        parts.append(level_label)
    parts.append(what)
    heading = "".join(parts) + _("名单")
    return f"{body}{heading}" if body else heading


def roll_docx(roll: Roll):
    """The roll as a Word document, laid out as printed Chinese lists are."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "FangSong"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(roll.heading)
    run.bold = True
    run.font.size = Pt(20)
    if roll.subheading:
        sub = document.add_paragraph(roll.subheading)
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    note = document.add_paragraph(roll.note)
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for group in roll.groups:
        title = document.add_paragraph()
        title_run = title.add_run(f"{group.title}（{group.count}{group.unit}）")
        title_run.bold = True
        for region in group.regions:
            if region.name:
                region_paragraph = document.add_paragraph()
                region_paragraph.add_run(
                    f"{region.name}（{len(region.entries)}{group.unit}）"
                ).bold = True
            for entry in region.entries:
                document.add_paragraph(entry)
    return document
