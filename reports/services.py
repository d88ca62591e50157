"""Compute the year's figures from the records, for a region and its sub-regions.

How the report is counted, and why. Figures are records (reports.models.Figure): the demo
defines 38 and staff add more without a programmer. Counted one figure at a time, each cost
about five queries (its total, the year before, its values by sub-region and their regions):
200 queries for the city page, 220 ms on SQLite and 350-450 ms on PostgreSQL with the demo,
uncached (fastest of 15, `python -m bench.report_pages`). `year_report` asks instead one
query per source (activities, stock, honours, families), whatever the number of figures and
sub-regions: 14 queries for the whole page, 105 ms on SQLite and 120 ms on PostgreSQL, of
which about 45 ms in the four aggregates.

- Each figure of the source is a few columns of conditional aggregation
  (`Count("pk", filter=...)`, `Sum(field, filter=...)`) whose filter is what the figure
  counts (`figure_q`) and the year: this year, and the year before when there is one.
- The rows are grouped by the sub-region each record sits under, its region's path cut one
  level below the report's region (`subregion_path`). Each group is a sub-region's value; the
  total is the sum of the groups, including the group of records entered for the region
  itself, which counts in the total and in no sub-region.

Python then assembles the figures from those few rows. `records` and `figure_value` remain
the plain way, one query per figure; tests/reports/test_report_queries.py holds the two equal
for every figure, the year before and every sub-region, and pins the page's query count.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum, Value
from django.db.models.functions import ExtractMonth, StrIndex, Substr
from django.utils import translation
from django.utils.translation import gettext as _

from core import cache
from core.filters import distinct_descending
from core.models import Region, Status
from core.text import report_number
from families.models import Family
from honors.models import Honor
from programs.models import Activity, FocusArea, StockFigure
from programs.selectors import public_activity_years
from reports.models import Figure, Measure, Source


@dataclass
class RegionValue:
    region: Region
    value: Decimal | None
    text: str
    share: float | None  # of the parent region's value
    percent: int | None = None  # the share as printed: whole per cent, adding up (see below)


def largest_remainder(shares: list[float]) -> list[int]:
    """Whole per cents for `shares` that add up to their rounded total (100 when the
    sub-regions hold everything), as a printed table's shares must: each is rounded down,
    and the points left go to the largest remainders."""
    exact = [share * 100 for share in shares]
    floors = [int(value) for value in exact]
    left = round(sum(exact)) - sum(floors)
    by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - floors[i], reverse=True)
    for index in by_remainder[: max(left, 0)]:
        floors[index] += 1
    return floors


@dataclass
class FigureResult:
    figure: Figure
    value: Decimal | None
    text: str
    previous: Decimal | None = None
    previous_text: str = ""
    by_region: list[RegionValue] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The figure's name, with the English one beside it for English readers."""
        if translation.get_language() == "en" and self.figure.label_en:
            return f"{self.figure.label} ({self.figure.label_en})"
        return self.figure.label

    @property
    def sentence(self) -> str:
        """The figure's phrase with its value in place: 「全年累计开展巾帼宣讲线下活动762场次」.

        ``{value}`` (or the older ``{}``) marks the place; a phrase without one gets the
        value at its end."""
        phrase = self.figure.phrase or f"{self.figure.label}{{value}}"
        for mark in ("{value}", "{}"):
            if mark in phrase:
                return phrase.replace(mark, self.text)
        return phrase + self.text

    @property
    def change_text(self) -> str:
        """The change on the year before as reports write it: a rate 提高5.7个百分点 (its
        difference in points, never a percentage of a percentage), a count 增长17.6%."""
        if self.figure.measure == Measure.RATE:
            if self.previous is None or self.value is None:
                return ""
            points = float(self.value - self.previous) * 100
            if round(points, 1) == 0:
                return _("持平")
            template = _("提高%(n)s个百分点") if points > 0 else _("下降%(n)s个百分点")
            return template % {"n": f"{abs(points):.1f}"}
        if self.change is None:
            return ""
        if round(self.change, 3) == 0:
            return _("持平")
        template = _("增长%(n)s") if self.change > 0 else _("下降%(n)s")
        return template % {"n": f"{abs(self.change):.1%}"}

    @property
    def change(self) -> float | None:
        """Year-on-year change as a fraction, where the year before has a value."""
        if self.previous in (None, 0) or self.value is None:
            return None
        return float((self.value - self.previous) / self.previous)


@dataclass
class AreaSection:
    key: str
    label: str
    results: list[FigureResult]


SOURCE_MODELS = {Source.STOCK: StockFigure, Source.HONORS: Honor, Source.FAMILIES: Family}


def source_records(source: str, years: Iterable[int], region: Region) -> QuerySet:
    """The public records of one source in the given years and the region's subtree."""
    years = list(years)
    if source == Source.ACTIVITIES:
        # A date range rather than date__year__in, which would extract the year of every row.
        qs = Activity.objects.public().filter(
            date__gte=datetime.date(min(years), 1, 1), date__lte=datetime.date(max(years), 12, 31)
        )
    else:
        qs = SOURCE_MODELS[source].objects.public().filter(year__in=years)
    return qs.in_region(region).order_by()


def year_q(source: str, year: int) -> Q:
    return Q(date__year=year) if source == Source.ACTIVITIES else Q(year=year)


def figure_q(figure: Figure) -> Q:
    """What a figure counts among its source's records (its programs and titles are read
    from the prefetch cache when `year_report` loaded them)."""
    q = Q()
    if figure.source == Source.ACTIVITIES:
        if programs := [program.pk for program in figure.programs.all()]:
            q &= Q(program__in=programs)
        if figure.activity_kind:
            q &= Q(kind=figure.activity_kind)
    elif figure.source == Source.STOCK:
        q &= Q(kind_id=figure.stock_kind_id)
    elif figure.source == Source.HONORS:
        if titles := [title.pk for title in figure.honor_titles.all()]:
            q &= Q(title__in=titles)
        if figure.honor_levels:
            q &= Q(level__in=figure.honor_levels)
        if figure.honor_channel:
            q &= Q(channel=figure.honor_channel)
    else:
        if titles := [title.pk for title in figure.family_titles.all()]:
            q &= Q(title__in=titles)
        if figure.family_levels:
            q &= Q(level__in=figure.family_levels)
    return q


def records(figure: Figure, year: int, region: Region) -> QuerySet:
    """The records a figure counts, for one year and region subtree: the plain way, one
    figure at a time, that the grouped queries of `year_report` are tested against."""
    return source_records(figure.source, [year], region).filter(
        figure_q(figure), year_q(figure.source, year)
    )


def _aggregates(measure: str) -> dict:
    if measure == Measure.COUNT:
        return {"a": Count("pk")}
    if measure == Measure.RATE:
        return {"a": Sum("value"), "b": Sum("total")}
    return {"a": Sum(measure)}


def _value(measure: str, a, b=None) -> Decimal | None:
    if measure == Measure.RATE:
        return Decimal(a) / Decimal(b) if a is not None and b else None
    return Decimal(a or 0)


def figure_value(figure: Figure, year: int, region: Region) -> Decimal | None:
    """One figure's value by its own query (the plain way; `year_report` groups them)."""
    totals = records(figure, year, region).aggregate(**_aggregates(figure.measure))
    return _value(figure.measure, totals["a"], totals.get("b"))


def format_value(figure: Figure, value: Decimal | None) -> str:
    """The figure as the visitor's language writes it: 7.55万人次, or 75,500 people."""
    if value is None:
        return "—"
    if figure.measure == Measure.RATE:
        return f"{value * 100:.1f}%"
    if translation.get_language() == "en":
        shown = (
            (value // figure.rounding_step) * figure.rounding_step
            if figure.rounding_step
            else value
        )
        more = "+" if shown < value else ""
        unit = figure.unit_en or figure.unit
        return f"{shown:,.0f}{more} {unit}".rstrip()
    number = report_number(value, step=figure.rounding_step, in_wan=figure.in_wan)
    return f"{number}{figure.unit}"


def subregion_path(region: Region):
    """The path of the child of `region` a record sits under ("371600/371602/" for a town
    of 371602 in the city's report), or the region's own path for records entered for the
    region itself: the path cut at the first "/" after the region's part."""
    depth = len(region.path)
    below = StrIndex(Substr("region__path", depth + 1), Value("/"))
    return Substr("region__path", 1, Value(depth) + below)


def _columns(figure: Figure, q: Q, year: int, *, presence: bool) -> dict:
    """A figure's aggregates for one year: a (and b for a rate), and n (how many records it
    counts) where `presence` asks which sub-regions have any. A count is n alone."""
    q &= year_q(figure.source, year)
    columns = {}
    if figure.measure == Measure.COUNT or presence:
        columns["n"] = Count("pk", filter=q)
    if figure.measure == Measure.RATE:
        columns |= {"a": Sum("value", filter=q), "b": Sum("total", filter=q)}
    elif figure.measure != Measure.COUNT:
        columns["a"] = Sum(figure.measure, filter=q)
    return {f"f{figure.pk}_{year}_{name}": aggregate for name, aggregate in columns.items()}


def _source_groups(
    source: str, figures: list[Figure], years: list[int], region: Region, by_region: bool
) -> dict[str, dict]:
    """One query: every figure of `source` for every year (the first is the report's), by
    sub-region path when `by_region` (else one group under the region's own path)."""
    columns = {}
    for figure in figures:
        q = figure_q(figure)
        for year in years:
            columns |= _columns(figure, q, year, presence=by_region and year == years[0])
    qs = source_records(source, years, region)
    if not by_region:
        return {region.path: qs.aggregate(**columns)}
    rows = qs.values(subregion=subregion_path(region)).annotate(**columns)
    return {row.pop("subregion"): row for row in rows}


def _part(row: dict, figure: Figure, year: int, name: str):
    if name == "a" and figure.measure == Measure.COUNT:
        name = "n"
    return row[f"f{figure.pk}_{year}_{name}"]


def _sql_sum(values: Iterable):
    """Python's sum with SQL's SUM semantics: None where there is no value at all."""
    present = [value for value in values if value is not None]
    return sum(present) if present else None


def _total(figure: Figure, groups: dict[str, dict], year: int) -> Decimal | None:
    """The figure over all groups, as one aggregate over all the records would give it."""
    a = _sql_sum(_part(row, figure, year, "a") for row in groups.values())
    b = None
    if figure.measure == Measure.RATE:
        b = _sql_sum(_part(row, figure, year, "b") for row in groups.values())
    return _value(figure.measure, a, b)


def _by_subregion(
    figure: Figure,
    groups: dict[str, dict],
    year: int,
    region: Region,
    subregions: dict[str, Region],
    total: Decimal | None,
) -> list[RegionValue]:
    """The figure for each sub-region with records it counts, in the order of their codes."""
    values = []
    for path, row in groups.items():
        # Records entered for the region itself belong to no sub-region, and a sub-region is
        # listed only where the figure counts some of its records (as one query per figure).
        if path == region.path or not _part(row, figure, year, "n"):
            continue
        a = _part(row, figure, year, "a") or 0
        b = (_part(row, figure, year, "b") or 0) if figure.measure == Measure.RATE else None
        value = _value(figure.measure, a, b)
        share = (
            float(value / total)
            if total and value is not None and figure.measure != Measure.RATE
            else None
        )
        values.append(RegionValue(subregions[path], value, format_value(figure, value), share))
    shared = [region_value for region_value in values if region_value.share is not None]
    for region_value, percent in zip(
        shared, largest_remainder([rv.share for rv in shared]), strict=True
    ):
        region_value.percent = percent
    return sorted(values, key=lambda region_value: region_value.region.code)


def _years_with_records() -> set[int]:
    """The years of public activities (a fact of their own), honours (by the index of their
    status and year) and stock figures (a small table)."""
    years = set(public_activity_years())
    years.update(distinct_descending(Honor, "year", status=Status.CONFERRED))
    years.update(StockFigure.objects.public().order_by().values_list("year", flat=True).distinct())
    return years


# Whether a year has records decides whether a region's report compares with the year before:
# a fact (core.cache.Fact), since it is the same for every region.
years_with_records = cache.Fact("reports:years", ("programs", "honors"), _years_with_records)


def year_has_records(year: int) -> bool:
    """Whether any public activity, honour or stock figure is of the year."""
    return year in years_with_records()


def year_report(
    year: int,
    region: Region,
    *,
    by_region: bool = True,
    compare: bool | None = None,
    subregions: Iterable[Region] | None = None,
) -> list[AreaSection]:
    """Every published figure for the year and region, grouped by focus area.

    One query per source for all figures (see the module's docstring), plus the figures
    and their filters (4), the sub-regions (1, none when the caller passes `subregions`,
    the children of `region`) and whether the year before has records (none when the
    caller passes `compare`).
    """
    if compare is None:
        compare = year_has_records(year - 1)
    years = [year, year - 1] if compare else [year]
    figures = list(
        Figure.objects.published()
        .select_related("stock_kind")
        .prefetch_related("programs", "honor_titles", "family_titles")
    )
    if by_region and subregions is None:
        subregions = Region.objects.filter(parent=region)
    by_path = {child.path: child for child in subregions or []}
    groups = {
        source: _source_groups(
            source, [f for f in figures if f.source == source], years, region, by_region
        )
        for source in {figure.source for figure in figures}
    }
    sections = {key: AreaSection(key, str(label), []) for key, label in FocusArea.choices}
    for figure in figures:
        rows = groups[figure.source]
        value = _total(figure, rows, year)
        result = FigureResult(figure, value, format_value(figure, value))
        if compare:
            result.previous = _total(figure, rows, year - 1)
            result.previous_text = format_value(figure, result.previous)
        if by_region:
            result.by_region = _by_subregion(figure, rows, year, region, by_path, value)
        sections[figure.focus_area].results.append(result)
    return [section for section in sections.values() if section.results]


def activities_by_month(year: int, region: Region) -> list[tuple[int, int]]:
    rows = (
        Activity.objects.public()
        .filter(date__year=year)
        .in_region(region)
        .annotate(month=ExtractMonth("date"))
        .values("month")
        .annotate(sessions=Sum("sessions"))
        .order_by("month")
    )
    by_month = {row["month"]: row["sessions"] or 0 for row in rows}
    return [(month, by_month.get(month, 0)) for month in range(1, 13)]


def people_by_focus_area(year: int, region: Region) -> list[tuple[str, int]]:
    rows = (
        Activity.objects.public()
        .filter(date__year=year)
        .in_region(region)
        .values("program__focus_area")
        .annotate(people=Sum("people_served"))
    )
    by_area = {row["program__focus_area"]: row["people"] or 0 for row in rows}
    return [(str(label), by_area.get(key, 0)) for key, label in FocusArea.choices]


def latest_report_year() -> int | None:
    years = public_activity_years()
    return years[0] if years else None
