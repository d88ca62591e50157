import pytest
from django.db import IntegrityError, transaction

from core import services
from core.models import Region
from tests.core.factories import CountyFactory, RegionFactory

pytestmark = pytest.mark.django_db


def test_path_follows_the_parent_and_subtree_includes_descendants():
    county = CountyFactory()
    town = RegionFactory(code=f"{county.code}001000", level=Region.Level.TOWN, parent=county)
    other = CountyFactory(parent=county.parent)
    assert town.path == f"{county.parent.code}/{county.code}/{town.code}/"
    subtree = set(Region.objects.subtree(county))
    assert {county, town} <= subtree and other not in subtree


def test_search_text_matches_either_script():
    region = RegionFactory(name="濱城區測試")
    assert "滨城区" in region.search_text


def test_only_a_city_may_have_no_parent():
    with pytest.raises(IntegrityError), transaction.atomic():
        Region.objects.create(code="990001000", name="孤鎮", level=Region.Level.TOWN)


def test_region_codes_are_unique():
    RegionFactory(code="990777")
    with pytest.raises(IntegrityError), transaction.atomic():
        Region.objects.create(code="990777", name="重複", level=Region.Level.CITY)


def make_tree():
    city = RegionFactory()
    county_a, county_b = CountyFactory(parent=city), CountyFactory(parent=city)
    town = RegionFactory(
        code=f"{county_a.code}001000", parent=county_a, level=Region.Level.TOWN, name="甲鎮"
    )
    village = RegionFactory(
        code=f"{county_a.code}001001", parent=town, level=Region.Level.VILLAGE, name="乙村"
    )
    return county_a, county_b, town, village


def test_a_region_that_moves_takes_its_subtree_with_it(client):
    from tests.honors.factories import HonorFactory

    county_a, county_b, town, village = make_tree()
    honor = HonorFactory(region=village, year=2035)
    town.parent = county_b
    services.save_region(town, user=None)
    village.refresh_from_db()
    assert village.path == f"{county_b.path}{town.code}/{village.code}/"
    assert set(Region.objects.subtree(county_b)) == {county_b, town, village}
    assert set(Region.objects.subtree(county_a)) == {county_a}
    listed = client.get("/honors/", {"region": county_b.code, "year": 2035})
    assert list(listed.context["object_list"]) == [honor]


def test_a_region_cannot_move_below_itself():
    from django.core.exceptions import ValidationError

    county_a, _county_b, _town, village = make_tree()
    county_a.parent = village
    with pytest.raises(ValidationError) as error:
        county_a.full_clean()
    assert "parent" in error.value.message_dict
