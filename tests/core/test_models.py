import pytest
from django.db import IntegrityError, transaction

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
