"""Bulk activities for benchmarks: the demo's activity plans over the years.

Each activity follows one of the demo year's plans (demo/plans.py), drawn in
proportion to its number of events, at a town (or a county, as the plan says),
on a day of one of the years, with figures around the plan's mean per event.
"""

from decimal import Decimal

from demo.bulk.context import BulkContext, date_in
from demo.plans import ACTIVITY_PLANS
from demo.programs import PROGRAMS
from programs.models import Activity, Program


def generate(context: BulkContext) -> int:
    total = context.sizes.get("activities", 0)
    if not total:
        return 0
    rng = context.rng("activities")
    programs = {program.slug: program for program in Program.objects.all()}
    if PROGRAMS[0].slug not in programs:
        raise RuntimeError("programs are missing: run `manage.py load_demo` first")
    plans = [plan for plan in ACTIVITY_PLANS if plan.program in programs]
    plan_weights = [plan.events for plan in plans]
    year_weights = context.year_weights()
    towns, counties = context.towns, context.counties

    def around(total_figure: int, events: int) -> int:
        mean = total_figure / events
        return int(mean * rng.uniform(0.5, 1.5)) if mean else 0

    def activities():
        for _ in range(total):
            plan = rng.choices(plans, plan_weights)[0]
            year = rng.choices(context.years, year_weights)[0]
            region = rng.choice(towns if plan.at_town else counties)
            yield Activity(
                program=programs[plan.program],
                title=f"{region.name}{rng.choice(plan.titles)}",
                date=date_in(rng, year),
                region=region,
                kind=plan.kind,
                sessions=rng.choice([1, 1, 1, 2, 3]),
                people_served=around(plan.people, plan.events),
                amount_yuan=Decimal(around(plan.amount_yuan, plan.events)),
                jobs_offered=around(plan.jobs, plan.events),
                is_published=rng.random() < 0.97,
            )

    context.insert(Activity, activities(), "activities", total)
    return total
