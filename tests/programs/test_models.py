from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from programs.models import Activity, StockFigure
from tests.core.factories import RegionFactory
from tests.programs.factories import ActivityFactory, ProgramFactory, StockKindFactory

pytestmark = pytest.mark.django_db


def test_a_program_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgramFactory(year_start=2022, year_end=2021)


def test_a_negative_amount_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityFactory(amount_yuan=Decimal("-1"))


def test_activities_in_a_region_include_its_subtree():
    city = RegionFactory()
    town = RegionFactory(code=f"{city.code}001000", level="town", parent=city)
    inside = ActivityFactory(region=town)
    outside = ActivityFactory()
    found = set(Activity.objects.in_region(city))
    assert inside in found and outside not in found


def test_public_activities_need_a_published_program():
    hidden = ActivityFactory(program__is_published=False)
    assert hidden not in set(Activity.objects.public())


def test_stock_value_cannot_exceed_its_total_and_is_unique_per_region_year():
    kind, region = StockKindFactory(), RegionFactory()
    figure = StockFigure.objects.create(kind=kind, region=region, year=2023, value=381, total=1000)
    assert figure.rate == pytest.approx(0.381)
    with pytest.raises(IntegrityError), transaction.atomic():
        StockFigure.objects.create(kind=kind, region=region, year=2024, value=2, total=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        StockFigure.objects.create(kind=kind, region=region, year=2023, value=5)
