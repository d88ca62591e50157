import pytest
from django.urls import reverse

from core.models import Region
from families.models import Family
from honors.models import Honor

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("demo_year")
def test_home_shows_the_latest_years_figures_from_records(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["year"] == 2022
    assert response.context["honor_count"] == Honor.objects.public().filter(year=2022).count()
    assert response.context["activity_totals"]["sessions"] > 762
    page = response.content.decode()
    for url in [reverse("honors:list"), reverse("families:list"), reverse("programs:list")]:
        assert f'href="{url}' in page


@pytest.mark.usefixtures("demo_year")
def test_region_page_shows_its_subtree_and_sub_regions(client):
    county = Region.objects.get(code="371621")
    response = client.get(reverse("region-detail", args=[county.code]))
    assert response.status_code == 200
    assert set(response.context["children"]) == set(county.children.all())
    families = Family.objects.public().filter(region__path__startswith=county.path).count()
    assert response.context["family_count"] == families > 0
    assert "滨州市" in response.content.decode()  # breadcrumb to the city, in simplified


def test_unknown_region_is_404(client):
    assert client.get("/regions/000000/").status_code == 404
    assert client.get("/regions/%3Cscript%3E/").status_code == 404


@pytest.mark.usefixtures("demo_year")
@pytest.mark.parametrize("url", ["/", "/honors/", "/families/", "/programs/", "/regions/371600/"])
def test_every_page_has_a_title_description_and_language(client, url):
    page = client.get(url).content.decode()
    assert '<html lang="zh-hans">' in page
    assert "<title>" in page and 'name="description"' in page
    assert 'name="viewport"' in page
    assert "cdn" not in page.lower()


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
