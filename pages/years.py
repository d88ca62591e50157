"""Which year the front page and a region's page show, and which years they offer.

The figures are a year's, as the annual report's are: by default the latest year the
report opens (reports.services.latest_report_year, the latest year of published
activities), so a new year's first honour does not turn the page into a year of zeros;
any year with public records can be chosen with ?year=.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from families.selectors import public_families
from honors.selectors import public_honors
from programs.selectors import published_activities
from reports.services import latest_report_year


@dataclass(frozen=True)
class YearChoice:
    year: int | None
    years: list[int]
    message: str = ""


def record_years(activities=None, honors=None, families=None) -> list[int]:
    """The years with public activities, honours or families (of these querysets: a
    region's), newest first (three queries)."""
    activities = published_activities() if activities is None else activities
    honors = public_honors() if honors is None else honors
    families = public_families() if families is None else families
    years = {day.year for day in activities.order_by().dates("date", "year")}
    years |= set(honors.order_by().values_list("year", flat=True).distinct())
    years |= set(families.order_by().values_list("year", flat=True).distinct())
    return sorted(years, reverse=True)


def choose_year(request, years: list[int]) -> YearChoice:
    """The year asked for with ?year= when it is one of `years`, else the report's latest
    year (or the newest of `years` when the report has none), with a message for a year
    that cannot be shown."""
    default = latest_report_year()
    if default not in years:
        default = years[0] if years else None
    asked = request.GET.get("year", "").strip()
    if not asked:
        return YearChoice(default, years)
    if asked.isdigit() and int(asked) in years:
        return YearChoice(int(asked), years)
    # The asked value is not echoed: it may be anything a visitor typed.
    return YearChoice(default, years, _("没有这个年度的公开记录，下面是默认年度的数字。"))
