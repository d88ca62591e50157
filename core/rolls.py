"""The official list (名单): grouped by title, then by county, names by surname strokes.

Used by both the printable HTML page and the Word document, for honours and
families alike, so the two can never disagree.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.models import Level, Region


class RollEntry(str):
    """One line of a list, as text (what the page prints), that also knows its two parts:
    the padded name and what follows it (unit and post, or the family's region), so a
    printed document can set them in columns."""

    name: str
    detail: str

    def __new__(cls, name: str, detail: str = "") -> "RollEntry":
        entry = super().__new__(cls, f"{name}\u3000{detail}" if detail else name)
        entry.name, entry.detail = name, detail
        return entry


@dataclass
class RollRegion:
    name: str
    entries: list[str] = field(default_factory=list)
    name_hant: str = ""  # the county's traditional name as stored (沾化區), for files


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


def county_names(records: list, region_of: Callable) -> dict[str, tuple[str, str]]:
    """Names (as stored, and the stored traditional form) of the county-level ancestors of
    the records' regions, in one query."""
    codes = {_county_code(region_of(record)) for record in records}
    rows = Region.objects.filter(code__in=codes).values_list("code", "name", "name_hant")
    return {code: (name, name_hant) for code, name, name_hant in rows}


def _county_code(region: Region) -> str:
    codes = region.ancestor_codes
    return codes[1] if len(codes) > 1 else codes[0]


def official_order(records: Iterable, *, group_of: Callable, region_of: Callable) -> list:
    """Records given in title and surname-stroke order, in the order a roll prints them:
    by title, then by county, stroke order kept within each (a stable sort). Certificates
    are printed in this order too."""
    records = list(records)
    title_positions: dict[str, int] = {}
    for record in records:
        title_positions.setdefault(group_of(record), len(title_positions))
    records.sort(key=lambda r: (title_positions[group_of(r)], _county_code(region_of(r))))
    return records


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
    records = official_order(records, group_of=group_of, region_of=region_of)
    names = county_names(records, region_of)
    groups: list[RollGroup] = []
    for record in records:
        title = group_of(record)
        if not groups or groups[-1].title != title:
            groups.append(RollGroup(title=title, unit=unit_of(record)))
        county, county_hant = names.get(_county_code(region_of(record)), ("", ""))
        regions = groups[-1].regions
        if not regions or regions[-1].name != county:
            regions.append(RollRegion(name=county, name_hant=county_hant))
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


def roll_docx(roll: Roll, language: str | None = None):
    """The roll as a Word document laid out as an official document (GB/T 9704-2012), in
    the visitor's script (core/documents)."""
    from core.documents import word
    from core.documents.script import roll_in_script

    return word.roll_document(roll_in_script(roll, language))


def stored_name_in_script(obj, language: str | None = None) -> str:
    """A region's or title's name in the visitor's script: the form stored for that script
    (name_hant, typed by staff: 沾化區, not 霑化區), else as the page converts it."""
    from core.documents.script import text_in_script, visitor_language

    if visitor_language(language) == "zh-hant" and getattr(obj, "name_hant", ""):
        return obj.name_hant
    return text_in_script(obj.name, language)


def list_filename(filters: dict, what: str, language: str | None = None) -> str:
    """The name of a list's files, from its filters and in the visitor's script:
    2022年度市级三八红旗手名单 (region, year, level, title), else 2022年度{what}名单."""
    from core.documents.script import text_in_script

    level = filters.get("level")
    level_label = str(dict(Level.choices)[level]) if level else ""
    title = filters.get("title")
    what = stored_name_in_script(title, language) if title else text_in_script(what, language)
    name = text_in_script(roll_heading(filters.get("year"), level_label, "", "\0"), language)
    region = filters.get("region")
    prefix = stored_name_in_script(region, language) if region else ""
    return prefix + name.replace("\0", what)
