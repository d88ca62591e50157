import pytest
from django.urls import reverse

from core.i18n import NAME_END, NAME_START
from core.models import Region, Status
from families.models import Family, FamilyType, Tier
from tests.families.factories import FamilyFactory, FamilyTitleFactory
from tests.public import query_count

pytestmark = pytest.mark.django_db
LIST = reverse("families:list")


@pytest.mark.usefixtures("demo_year")
def test_filters_by_year_level_title_tier_and_type(client):
    response = client.get(
        LIST, {"year": 2022, "level": "city", "title": "zuimei-jiating", "tier": "model"}
    )
    expected = Family.objects.public().filter(
        year=2022, level="city", title__slug="zuimei-jiating", tier="model"
    )
    assert response.context["result_count"] == expected.count() > 0
    typed = client.get(LIST, {"year": 2022, "type": "filial"})
    assert {f.family_type for f in typed.context["object_list"]} == {"filial"}


def test_a_card_names_the_household_and_shows_tier_and_type(client):
    household = FamilyTitleFactory(is_household=True)
    FamilyFactory(title=household, name="王玉", tier=Tier.MODEL, year=2038)
    FamilyFactory(title=household, name="<i>李</i>", family_type=FamilyType.GREEN, year=2038)
    member = FamilyTitleFactory(is_household=False)
    FamilyFactory(title=member, name="張曉", year=2038)  # a member's own title: her name alone
    page = client.get(LIST, {"year": 2038}).content.decode()
    page = page.replace(NAME_START, "").replace(NAME_END, "")  # the text as read
    assert "王\u3000玉家庭" in page and "（标兵）" in page
    assert "&lt;i&gt;李&lt;/i&gt;家庭" in page and " · 绿色环保 · " in page
    assert "张\u3000晓</span>" in page  # shown in the visitor's (simplified) script


@pytest.mark.usefixtures("demo_year")
def test_a_county_includes_its_villages(client):
    county = Region.objects.get(code="371625")
    in_county = Family.objects.public().filter(region__path__startswith=county.path).count()
    assert client.get(LIST, {"region": "371625"}).context["result_count"] == in_county > 0


def test_search_in_simplified_finds_a_story_in_traditional(client):
    FamilyFactory(name="劉桂蘭", story="照顧癱瘓婆婆十年", year=2031)
    assert client.get(LIST, {"q": "瘫痪婆婆", "year": 2031}).context["result_count"] == 1
    assert client.get(LIST, {"q": "刘桂兰", "year": 2031}).context["result_count"] == 1


def test_private_contact_fields_never_reach_public_pages(client):
    family = FamilyFactory(
        year=2036, phone="13912345678", address="濱城區某某村88號", id_number="11010519491231002X"
    )
    for url in [reverse("families:detail", args=[family.pk]), f"{LIST}?year=2036"]:
        page = client.get(url).content.decode()
        for secret in ["13912345678", "某某村88號", "11010519491231002X"]:
            assert secret not in page


def test_drafts_are_absent_and_404(client):
    family = FamilyFactory(status=Status.SUBMITTED, year=2037)
    assert client.get(LIST, {"year": 2037}).context["result_count"] == 0
    assert client.get(reverse("families:detail", args=[family.pk])).status_code == 404


@pytest.mark.usefixtures("demo_year")
def test_detail_shows_photos_as_thumbnails_with_open_graph(client):
    family = Family.objects.public().filter(photos__isnull=False).first()
    page = client.get(reverse("families:detail", args=[family.pk])).content.decode()
    assert "-960.jpg" in page and 'property="og:image"' in page
    assert family.photos.first().image.url not in page


@pytest.mark.parametrize("params", [{"tier": "gold"}, {"type": "x"}, {"year": "20x2"}])
def test_bad_input_gives_an_empty_list_and_a_message(client, params):
    response = client.get(LIST, params)
    assert response.status_code == 200 and response.context["filter_errors"]


@pytest.mark.usefixtures("demo_year")
def test_list_query_count_does_not_grow_with_rows(client):
    few = query_count(client, LIST, {"level": "national"})
    many = query_count(client, LIST, {"year": 2022})
    assert many == few
