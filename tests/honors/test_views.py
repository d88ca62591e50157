import pytest
from django.urls import reverse

from core.i18n import to_visitor_script
from core.models import Region, Status
from core.text import stroke_sort_key
from honors.models import Honor
from tests.honors.factories import HonorFactory, RecipientFactory
from tests.public import query_count

pytestmark = pytest.mark.django_db
LIST = reverse("honors:list")


def names_on(response) -> list[str]:
    return [honor.recipient.name for honor in response.context["object_list"]]


@pytest.mark.usefixtures("demo_year")
def test_filters_in_the_query_string_narrow_the_roll(client):
    response = client.get(LIST, {"year": 2022, "level": "city", "title": "sanba-hongqishou"})
    assert response.status_code == 200
    assert response.context["result_count"] == 120
    assert all(h.title.slug == "sanba-hongqishou" for h in response.context["object_list"])


@pytest.mark.usefixtures("demo_year")
def test_kind_filter_separates_individuals_and_collectives(client):
    response = client.get(LIST, {"year": 2022, "level": "city", "kind": "collective"})
    assert response.context["result_count"] == 60 + 15 + 20 + 30
    assert {h.recipient.kind for h in response.context["object_list"]} == {"collective"}


@pytest.mark.usefixtures("demo_year")
def test_a_county_includes_everything_below_it(client):
    county = Region.objects.get(code="371602")
    village = Region.objects.filter(path__startswith=county.path, level="village").first()
    honor = HonorFactory(region=village, year=2030)
    response = client.get(LIST, {"region": "371602", "year": 2030})
    assert honor in response.context["object_list"]
    elsewhere = client.get(LIST, {"region": "371603", "year": 2030})
    assert honor not in elsewhere.context["object_list"]


@pytest.mark.parametrize("query", ["刘", "劉"])
def test_search_treats_simplified_and_traditional_as_the_same(client, query):
    HonorFactory(recipient=RecipientFactory(name="劉曉紅"), year=2031)
    response = client.get(LIST, {"q": query, "year": 2031})
    assert "劉曉紅" in names_on(response)


def test_search_matches_units_posts_and_deeds(client):
    HonorFactory(year=2031, unit="濱城區市東街道婦聯", post="主席", deeds="帶領婦女種植冬棗")
    for query in ["滨城区市东街道", "主席", "冬枣"]:
        assert client.get(LIST, {"q": query, "year": 2031}).context["result_count"] == 1


def test_roll_is_ordered_by_title_then_surname_strokes(client):
    response = client.get(LIST, {"year": 2022, "level": "city", "title": "sanba-hongqishou"})
    keys = [stroke_sort_key(name) for name in names_on(response)]
    assert keys == sorted(keys)
    ranks = [h.title.rank for h in client.get(LIST, {"year": 2022}).context["object_list"]]
    assert ranks == sorted(ranks)


def test_pinyin_order(client):
    for name in ["趙敏", "安娜", "曾紅"]:  # zhao, an, zeng (a surname table fixes 曾)
        HonorFactory(recipient=RecipientFactory(name=name), year=2032)
    response = client.get(LIST, {"year": 2032, "order": "pinyin"})
    assert names_on(response) == ["安娜", "曾紅", "趙敏"]


def test_two_character_names_are_padded_on_the_list(client):
    HonorFactory(recipient=RecipientFactory(name="王玉"), year=2033)
    assert "王\u3000玉" in client.get(LIST, {"year": 2033}).content.decode()


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.REJECTED])
def test_unpublished_honours_are_absent_and_404(client, status):
    honor = HonorFactory(status=status, year=2034, recipient=RecipientFactory(name="隱藏者"))
    assert "隱藏者" not in client.get(LIST, {"year": 2034}).content.decode()
    assert client.get(reverse("honors:detail", args=[honor.pk])).status_code == 404


def test_revoked_honour_is_gone_from_its_page(client):
    honor = HonorFactory(status=Status.REVOKED, revoked_reason="事迹失實")
    assert client.get(reverse("honors:detail", args=[honor.pk])).status_code == 404


def test_private_fields_never_reach_the_public_pages(client):
    recipient = RecipientFactory(id_number="11010519491231002X", phone="13912345678")
    honor = HonorFactory(recipient=recipient, year=2035)
    for url in [reverse("honors:detail", args=[honor.pk]), f"{LIST}?year=2035", "/"]:
        page = client.get(url).content.decode()
        assert "11010519491231002X" not in page and "13912345678" not in page


def test_detail_shows_the_honour_and_the_recipients_other_honours(client):
    first = HonorFactory(year=2020, unit="惠民縣人民醫院", post="護士長")
    later = HonorFactory(recipient=first.recipient, year=2023)
    response = client.get(reverse("honors:detail", args=[later.pk]))
    page = response.content.decode()
    shown = to_visitor_script(first.recipient.name, "zh-hans")  # the page is in simplified
    assert shown in page and "惠民县人民医院" not in page  # 2023's unit is blank
    assert reverse("honors:detail", args=[first.pk]) in page


@pytest.mark.usefixtures("demo_year")
def test_photo_is_a_sized_lazy_thumbnail_and_detail_has_an_open_graph_image(client):
    honor = Honor.objects.public().exclude(photo="").first()
    listing = client.get(LIST, {"year": 2022, "q": honor.recipient.name}).content.decode()
    assert "-240.jpg" in listing and honor.photo.url not in listing
    assert 'loading="lazy"' in listing and 'width="' in listing and 'height="' in listing
    detail = client.get(reverse("honors:detail", args=[honor.pk])).content.decode()
    assert 'property="og:image"' in detail and "-960.jpg" in detail


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"level": "emperor"},
        {"region": "999999"},
        {"title": "no-such-title"},
        {"kind": "<b>x</b>"},
        {"order": "'; drop table"},
        {"q": "劉" * 5000},
    ],
)
def test_bad_input_gives_an_empty_list_and_a_message(client, params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert response.context["result_count"] == 0
    assert response.context["filter_errors"]


def test_markup_typed_by_a_visitor_is_escaped(client):
    page = client.get(LIST, {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_a_page_past_the_end_is_404_not_500(client):
    assert client.get(LIST, {"page": 99999}).status_code == 404
    assert client.get(LIST, {"page": "x"}).status_code == 404


@pytest.mark.usefixtures("demo_year")
def test_pagination_keeps_the_filters(client):
    response = client.get(LIST, {"year": 2022, "level": "city"})
    assert "?year=2022&amp;level=city&amp;page=2" in response.content.decode()


def test_list_query_count_does_not_grow_with_rows(client):
    few = query_count(client, LIST, {"year": 2022, "level": "national"})
    many = query_count(client, LIST, {"year": 2022})
    assert many == few


@pytest.mark.usefixtures("demo_year")
def test_detail_query_count_is_fixed(client, django_assert_max_num_queries):
    honor = Honor.objects.public().first()
    with django_assert_max_num_queries(4):
        client.get(reverse("honors:detail", args=[honor.pk]))


@pytest.mark.parametrize("query", ["Wang Fang", "wangfang", "WANG"])
def test_english_readers_find_a_name_by_its_pinyin(client, query):
    from tests.honors.factories import HonorFactory, RecipientFactory

    honor = HonorFactory(recipient=RecipientFactory(name="王芳"))
    listed = client.get("/en/honors/", {"q": query}).context["object_list"]
    assert honor in list(listed)
