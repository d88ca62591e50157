"""manage.py generate_bulk: a large data set on top of the demo year, made in bulk, once."""

import io

import pytest
from django.core.management import CommandError, call_command

from core.models import Region
from demo.bulk.context import BulkContext
from families.models import Family
from honors.models import Honor
from programs.models import Activity

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]

SMALL = [
    "--families=300",
    "--honors=120",
    "--activities=200",
    "--years=2015-2017",
    "--villages-per-town=3",
]


def generate(*args: str) -> None:
    call_command("generate_bulk", *SMALL, *args, stdout=io.StringIO(), stderr=io.StringIO())


def test_adds_the_sizes_asked_across_the_widened_tree_and_years():
    before = {m: m.objects.count() for m in (Family, Honor, Activity)}
    villages_before = Region.objects.filter(level="village").count()
    generate()
    assert Family.objects.count() - before[Family] == 300
    assert Honor.objects.count() - before[Honor] == 120
    assert Activity.objects.count() - before[Activity] == 200
    assert Region.objects.filter(level="village").count() > villages_before
    new = Family.objects.exclude(year=2022)
    assert set(new.values_list("year", flat=True)) <= {2015, 2016, 2017}
    family = new.filter(region__level="village").first()
    assert family.stroke_key and family.search_text  # the derived columns bulk writes fill
    assert family.region.path.startswith(f"{family.region.parent.path}")


def test_refuses_a_second_run_and_adds_nothing():
    generate()
    count = Family.objects.count()
    with pytest.raises(CommandError, match="already here"):
        generate()
    assert Family.objects.count() == count


def test_the_same_seed_makes_the_same_people():
    def people(seed: int) -> list[str]:
        names = BulkContext(seed=seed, years=[2020], sizes={}).names("families")
        return [names.person() for _ in range(50)]

    assert people(3) == people(3)
    assert people(3) != people(4)
