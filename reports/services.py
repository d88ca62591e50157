"""Compute the year's figures from the records, for a region and its sub-regions."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth
from django.utils import translation

from core.models import Region
from core.regions import roll_up
from core.text import report_number
from families.models import Family
from honors.models import Honor
from programs.models import Activity, FocusArea, StockFigure
from reports.models import Figure, Measure, Source


@dataclass
class RegionValue:
    region: Region
    value: Decimal | None
    text: str
    share: float | None  # of the parent region's value


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
        phrase = self.figure.phrase or f"{self.figure.label}{{}}"
        return phrase.replace("{}", self.text)

    @property
    def change_text(self) -> str:
        return "" if self.change is None else f"{self.change:+.1%}"

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


def records(figure: Figure, year: int, region: Region):
    """The queryset a figure counts, for one year and region subtree."""
    if figure.source == Source.ACTIVITIES:
        qs = Activity.objects.public().filter(date__year=year).in_region(region)
        programs = list(figure.programs.all())
        if programs:
            qs = qs.filter(program__in=programs)
        if figure.activity_kind:
            qs = qs.filter(kind=figure.activity_kind)
        return qs
    if figure.source == Source.STOCK:
        return (
            StockFigure.objects.public()
            .filter(kind_id=figure.stock_kind_id, year=year)
            .in_region(region)
        )
    if figure.source == Source.HONORS:
        qs = Honor.objects.public().filter(year=year).in_region(region)
        titles = list(figure.honor_titles.all())
        if titles:
            qs = qs.filter(title__in=titles)
        if figure.honor_levels:
            qs = qs.filter(level__in=figure.honor_levels)
        if figure.honor_channel:
            qs = qs.filter(channel=figure.honor_channel)
        return qs
    qs = Family.objects.public().filter(year=year).in_region(region)
    titles = list(figure.family_titles.all())
    if titles:
        qs = qs.filter(title__in=titles)
    if figure.family_levels:
        qs = qs.filter(level__in=figure.family_levels)
    return qs


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


def figure_value(figure: Figure, year: int, region: Region) -> Decimal | None:
    totals = records(figure, year, region).order_by().aggregate(**_aggregates(figure.measure))
    return _value(figure.measure, totals["a"], totals.get("b"))


def figure_by_subregion(figure: Figure, year: int, region: Region, total) -> list[RegionValue]:
    """The figure for each sub-region of `region` (rolled up from wherever records sit)."""
    rows = (
        records(figure, year, region)
        .order_by()
        .values("region_id")
        .annotate(**_aggregates(figure.measure))
    )
    depth = len(region.ancestor_codes)
    fields = ["a", "b"] if figure.measure == Measure.RATE else ["a"]
    rolled = roll_up(rows, depth, fields)
    values = []
    for child, sums in rolled:
        if child.pk == region.pk:
            continue  # records entered for the region itself belong to no sub-region
        value = _value(figure.measure, sums["a"], sums.get("b"))
        share = (
            float(value / total)
            if total and value is not None and figure.measure != Measure.RATE
            else None
        )
        values.append(RegionValue(child, value, format_value(figure, value), share))
    return values


def year_has_records(year: int) -> bool:
    return (
        Activity.objects.public().filter(date__year=year).exists()
        or Honor.objects.public().filter(year=year).exists()
        or StockFigure.objects.public().filter(year=year).exists()
    )


def year_report(year: int, region: Region, *, by_region: bool = True) -> list[AreaSection]:
    """Every published figure for the year and region, grouped by focus area."""
    compare = year_has_records(year - 1)
    figures = (
        Figure.objects.published()
        .select_related("stock_kind")
        .prefetch_related("programs", "honor_titles", "family_titles")
    )
    sections = {key: AreaSection(key, str(label), []) for key, label in FocusArea.choices}
    for figure in figures:
        value = figure_value(figure, year, region)
        result = FigureResult(figure, value, format_value(figure, value))
        if compare:
            result.previous = figure_value(figure, year - 1, region)
            result.previous_text = format_value(figure, result.previous)
        if by_region:
            result.by_region = figure_by_subregion(figure, year, region, value)
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
    dates = Activity.objects.public().dates("date", "year", order="DESC")[:1]
    return dates[0].year if dates else None
