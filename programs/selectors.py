"""Reads of programs and activities that the public pages share."""

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import ExtractYear

from core import cache
from core.regions import roll_up
from programs.models import Activity, Program

TOTAL_FIELDS = ["events", "sessions", "people_served", "amount_yuan", "jobs_offered"]


def public_programs() -> QuerySet:
    return Program.objects.public().order_by("focus_area", "name")


def _public_activity_years() -> list[int]:
    return [day.year for day in Activity.objects.public().dates("date", "year", order="DESC")]


# The years of published activities, newest first: the program list offers them and the
# report opens at the latest, whatever the region (a fact: core.cache.Fact).
public_activity_years = cache.Fact("programs:activity-years", ("programs",), _public_activity_years)


def published_activities() -> QuerySet:
    """Every published activity (of any program), for totals by year or region."""
    return Activity.objects.public()


def public_activities(program: Program) -> QuerySet:
    return program.activities.public().select_related("region").order_by("-date", "pk")


def _sums():
    return {
        "events": Count("pk"),
        "sessions": Sum("sessions"),
        "people_served": Sum("people_served"),
        "amount_yuan": Sum("amount_yuan"),
        "jobs_offered": Sum("jobs_offered"),
    }


def activity_totals(activities: QuerySet) -> dict:
    return activities.order_by().aggregate(**_sums())


def activity_totals_by_year(activities: QuerySet) -> list[dict]:
    return list(
        activities.order_by()
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(**_sums())
        .order_by("-year")
    )


def activity_totals_by_region(activities: QuerySet, depth: int = 1):
    """Totals per county (depth 1) or per town (depth 2), rolled up from each activity's region."""
    rows = activities.order_by().values("region_id").annotate(**_sums())
    return roll_up(rows, depth, TOTAL_FIELDS)


def programs_by_focus_area() -> dict:
    grouped: dict = {}
    for program in public_programs():
        grouped.setdefault(program.get_focus_area_display(), []).append(program)
    return grouped
