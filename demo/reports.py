"""The 2022 report's figures, defined as the staff would define them in the admin.

Each line: focus area, label, unit, phrase, source, measure, and what it counts.
Computed from the demo records they give the report's numbers (DOMAIN.md).
"""

from core import services
from demo.context import DemoContext
from demo.figures import FIGURES, UNITS_EN
from families.models import FamilyTitle
from honors.models import HonorTitle
from programs.models import Program, StockKind
from reports.models import Figure


def load(context: DemoContext) -> int:
    """Create the report's figure definitions; skip when they are already there."""
    if Figure.objects.exists():
        return 0
    for position, (
        area,
        label,
        label_hant,
        unit,
        phrase,
        source,
        measure,
        filters,
        writing,
    ) in enumerate(FIGURES):
        figure = Figure(
            focus_area=area,
            position=position,
            label=label,
            label_hant=label_hant,
            unit=unit,
            unit_en=UNITS_EN.get(unit, ""),
            phrase=phrase,
            source=source,
            measure=measure,
            activity_kind=filters.get("activity_kind", ""),
            stock_kind=StockKind.objects.get(slug=filters["stock_kind"])
            if "stock_kind" in filters
            else None,
            honor_levels=filters.get("honor_levels", []),
            honor_channel=filters.get("honor_channel", ""),
            family_levels=filters.get("family_levels", []),
            **writing,
        )
        services.save_record(figure, user=None)
        figure.programs.set(Program.objects.filter(slug__in=filters.get("programs", [])))
        figure.honor_titles.set(HonorTitle.objects.filter(slug__in=filters.get("honor_titles", [])))
        figure.family_titles.set(
            FamilyTitle.objects.filter(slug__in=filters.get("family_titles", []))
        )
    return len(FIGURES)
