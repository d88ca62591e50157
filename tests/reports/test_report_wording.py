"""Figures as reports write them: rates change in percentage points, shares add up."""

from decimal import Decimal

import pytest

from reports.models import Figure, Measure
from reports.services import FigureResult, largest_remainder, year_report


def test_shares_round_to_whole_per_cents_that_add_up():
    assert largest_remainder([1 / 3, 1 / 3, 1 / 3]) == [34, 33, 33]
    assert sum(largest_remainder([0.125, 0.125, 0.25, 0.5])) == 100
    assert largest_remainder([0.301, 0.298, 0.401]) == [30, 30, 40]


def test_a_rate_changes_in_percentage_points_and_a_count_in_per_cent():
    rate = Figure(measure=Measure.RATE, label="建成率")
    result = FigureResult(rate, Decimal("0.381"), "38.1%", previous=Decimal("0.324"))
    assert result.change_text == "提高5.7个百分点"
    result.previous = Decimal("0.390")
    assert result.change_text == "下降0.9个百分点"
    count = Figure(measure=Measure.COUNT, label="场次")
    assert FigureResult(count, Decimal(762), "762", previous=Decimal(648)).change_text == (
        "增长17.6%"
    )
    assert FigureResult(count, Decimal(5), "5", previous=Decimal(5)).change_text == "持平"


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_year")
def test_the_city_reports_county_shares_add_up_to_a_hundred():
    from core.models import Region

    report = year_report(2022, Region.objects.get(code="371600"))
    checked = 0
    for section in report:
        for result in section.results:
            percents = [rv.percent for rv in result.by_region if rv.percent is not None]
            covered = sum(rv.value for rv in result.by_region if rv.value is not None)
            if percents and result.value and covered == result.value:
                assert sum(percents) == 100, result.figure.label
                checked += 1
    assert checked > 5
