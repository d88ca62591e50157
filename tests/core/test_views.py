import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("demo_year")
@pytest.mark.parametrize("factory", ["honors", "families"])
def test_the_year_filter_lists_every_year_with_records_newest_first(factory):
    from core.filters import distinct_descending
    from tests.families.factories import FamilyFactory
    from tests.honors.factories import HonorFactory

    make = {"honors": HonorFactory, "families": FamilyFactory}[factory]
    for year in (2013, 2019, 2019):
        make(year=year)
    model = make._meta.model
    expected = sorted(set(model.objects.values_list("year", flat=True)), reverse=True)
    assert distinct_descending(model, "year") == expected
    assert {2013, 2019} < set(expected)


@pytest.mark.usefixtures("demo_year")
def test_the_loose_index_scan_keeps_to_the_rows_asked_for():
    from core.filters import distinct_descending
    from core.models import Status
    from honors.models import Honor
    from tests.honors.factories import HonorFactory

    HonorFactory(year=2011, status=Status.DRAFT)
    HonorFactory(year=2012, status=Status.CONFERRED)
    public = Honor.objects.public()
    expected = sorted(set(public.values_list("year", flat=True)), reverse=True)
    assert distinct_descending(Honor, "year", status=Status.CONFERRED) == expected
    assert 2012 in expected and 2011 not in expected
