import pytest
from django.db import IntegrityError, transaction

from tests.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db


def test_the_same_family_gets_a_title_once_per_level_and_year():
    family = FamilyFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        FamilyFactory(name=family.name, region=family.region, title=family.title, year=family.year)


def test_an_empty_name_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        FamilyFactory(name="  ")


def test_search_text_is_simplified_and_covers_the_story():
    family = FamilyFactory(name="劉秀英", story="照顧婆婆十年如一日")
    assert "刘秀英" in family.search_text and "照顾婆婆" in family.search_text


def test_count_unit_follows_household_or_member():
    household = FamilyFactory(title__is_household=True)
    member = FamilyFactory(title__is_household=False, title__slug="member-title")
    assert (household.title.count_unit, member.title.count_unit) == ("户", "人")
