"""The report answers in a fixed number of queries, whatever the number of figures and
sub-regions, and its grouped queries give what one query per figure gives."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Level, Region
from families.models import FamilyTitle
from honors.models import HonorTitle
from programs.models import Program, StockKind
from reports.models import Figure
from reports.services import figure_value, records, year_report
from tests.core.factories import CountyFactory
from tests.programs.factories import ActivityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]

# The whole page: the region, the figures (with their programs and titles), whether the
# years have records, one aggregate per source, the regions named, and the two charts.
MOST_QUERIES = 20

PAGES = [
    reverse("reports:year", args=[2022]),
    reverse("reports:region", args=[2022, "371602"]),
    reverse("reports:xlsx", args=[2022]),
    reverse("reports:region-docx", args=[2022, "371602"]),
]


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(captured)


def add_figures_and_subregions():
    """Four more figures of every source, with each kind of filter, and a new county of the
    city and a new town of 371602 with an activity each."""
    program = Program.objects.filter(is_published=True).order_by("pk").first()
    county = CountyFactory(code="371699", parent=Region.objects.get(code="371600"))
    town = CountyFactory(
        code="371602999000", parent=Region.objects.get(code="371602"), level=Region.Level.TOWN
    )
    for region in (county, town):
        ActivityFactory(program=program, region=region, date=datetime.date(2022, 6, 1))
    stock_kind = StockKind.objects.order_by("pk").first()
    honor_title = HonorTitle.objects.order_by("pk").first()
    family_title = FamilyTitle.objects.order_by("pk").first()
    for n in range(4):
        Figure.objects.create(
            focus_area="guidance", label=f"活動{n}", source="activities", measure="sessions"
        ).programs.set([program])
        Figure.objects.create(
            focus_area="development",
            label=f"活動金額{n}",
            source="activities",
            measure="amount_yuan",
            activity_kind="lecture",
        )
        Figure.objects.create(
            focus_area="family",
            label=f"存量{n}",
            source="stock",
            measure="rate",
            stock_kind=stock_kind,
        )
        Figure.objects.create(
            focus_area="rights",
            label=f"表彰{n}",
            source="honors",
            measure="count",
            honor_levels=[Level.CITY],
        ).honor_titles.set([honor_title])
        Figure.objects.create(
            focus_area="family",
            label=f"家庭{n}",
            source="families",
            measure="count",
            family_levels=[Level.COUNTY],
        ).family_titles.set([family_title])


@pytest.mark.parametrize("url", PAGES)
def test_the_report_takes_a_fixed_small_number_of_queries(client, url):
    before = queries(client, url)
    add_figures_and_subregions()
    assert (before, queries(client, url)) == (before, before)
    assert before < MOST_QUERIES


def test_the_city_and_a_county_page_take_the_same_number_of_queries(client):
    assert queries(client, PAGES[0]) == queries(client, PAGES[1])


@pytest.mark.parametrize("code", ["371600", "371602"])
def test_the_grouped_figures_equal_one_query_per_figure_and_subregion(code):
    """`year_report`'s few grouped queries give what each figure's own query gives, for the
    total, the year before and every sub-region (and no sub-region without records)."""
    add_figures_and_subregions()
    region = Region.objects.get(code=code)
    children = list(Region.objects.filter(parent=region))
    results = [r for section in year_report(2022, region) for r in section.results]
    assert len(results) == Figure.objects.published().count()
    for result in results:
        figure = result.figure
        assert result.value == figure_value(figure, 2022, region), figure.label
        assert result.previous == figure_value(figure, 2021, region), figure.label
        shown = {rv.region.pk: rv.value for rv in result.by_region}
        expected = {
            child.pk: figure_value(figure, 2022, child)
            for child in children
            if records(figure, 2022, child).exists()
        }
        assert shown == expected, figure.label
