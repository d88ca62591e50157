"""Public pages cached under versions of the data that every committed write moves on (finer
invalidation, per app and region: tests/core/test_invalidation.py)."""

import pytest
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import cache, invalidation
from core.pagination import KeysFirstPaginator
from families.selectors import ordered as families_ordered
from families.selectors import public_families
from honors.models import Honor, Recipient
from honors.selectors import ordered as honors_ordered
from honors.selectors import public_honors
from tests.honors.factories import HonorFactory

pytestmark = pytest.mark.django_db
LIST = reverse("honors:list")


@pytest.mark.parametrize(
    ("sql", "public"),
    [
        ('INSERT INTO "honors_honor" ("year") VALUES (%s)', True),
        ('UPDATE "families_family" SET "status" = %s', True),
        ('DELETE FROM "programs_activity" WHERE "id" IN (%s)', True),
        ('UPDATE "core_region" SET "name" = %s', True),
        ('INSERT INTO "reports_figure" ("label") VALUES (%s)', True),
        ('INSERT INTO "honors_historicalhonor" ("year") VALUES (%s)', False),
        ('UPDATE "django_session" SET "expire_date" = %s', False),
        ('INSERT INTO "core_exportlog" ("rows") VALUES (%s)', False),
        ('SELECT * FROM "honors_honor"', False),
    ],
)
def test_writes_to_public_tables_are_recognised(sql, public):
    assert invalidation.writes_public_data(sql) is public


def test_a_second_visit_is_served_from_the_cache(client, caching):
    assert client.get(LIST)["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST)
    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert response.status_code == 200
    assert "text/html" in response["Content-Type"]


def test_a_committed_save_shows_on_the_next_visit(
    client, caching, django_capture_on_commit_callbacks
):
    client.get(LIST, {"year": 2031})
    with django_capture_on_commit_callbacks(execute=True):
        HonorFactory(year=2031, recipient__name="陳新來")
    response = client.get(LIST, {"year": 2031})
    assert response["X-Page-Cache"] == "miss"
    assert "新来" in response.content.decode()  # shown in simplified script


def test_queryset_updates_move_the_version_on(caching, django_capture_on_commit_callbacks):
    before = cache.data_version()
    with django_capture_on_commit_callbacks(execute=True):
        Honor.objects.filter(year=2022, level="city").update(conferring_body="某某")
    assert cache.data_version() != before


def test_bulk_inserts_move_the_version_on(caching, django_capture_on_commit_callbacks):
    before = cache.data_version()
    with django_capture_on_commit_callbacks(execute=True):
        Recipient.objects.bulk_create([Recipient(kind="collective", name="某某合作社", gender="")])
    assert cache.data_version() != before


def test_one_bump_per_transaction(caching, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        for _ in range(3):
            HonorFactory(year=2032)
    assert len([c for c in callbacks if isinstance(c, invalidation.VersionBump)]) == 1


def test_a_rolled_back_write_leaves_the_cache_alone(caching, django_capture_on_commit_callbacks):
    before = cache.data_version()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        HonorFactory(year=2033)
        raise RuntimeError
    assert cache.data_version() == before


def test_without_caching_every_visit_is_rendered(client):
    assert "X-Page-Cache" not in client.get(LIST)
    assert "X-Page-Cache" not in client.get(LIST)


@pytest.mark.parametrize(
    "url", ["/admin/", reverse("honors:export-csv"), "/language/?language=en&next=/"]
)
def test_admin_files_and_cookies_are_not_cached(client, admin_client, caching, url):
    for browser in (client, admin_client):
        browser.get(url)
        assert "X-Page-Cache" not in browser.get(url)


@pytest.mark.usefixtures("demo_year")
def test_counts_and_year_choices_are_cached_per_version(client, caching):
    client.get(LIST, {"year": 2022, "order": "pinyin"})
    with CaptureQueriesContext(connection) as warm:
        client.get(LIST, {"year": 2022, "order": "-year"})  # another page, same filters
    with override_settings(PUBLIC_CACHE_SECONDS=0), CaptureQueriesContext(connection) as cold:
        client.get(LIST, {"year": 2022, "order": "-year"})
    assert len(warm) == len(cold) - 3  # no COUNT, no SELECT DISTINCT year, no regions


@pytest.mark.usefixtures("demo_year")
@pytest.mark.parametrize(
    ("selector", "ordered"),
    [(public_honors, honors_ordered), (public_families, families_ordered)],
)
@pytest.mark.parametrize("order", ["strokes", "pinyin", "-year"])
def test_keys_first_pages_hold_the_same_rows_as_slices(selector, ordered, order):
    queryset = ordered(selector().filter(year=2022, level="city"), order)
    per_page = queryset.count() // 9  # about ten pages: half by offset, half from the end
    expected = Paginator(queryset, per_page, orphans=3)
    paginator = KeysFirstPaginator(queryset, per_page, orphans=3)
    assert paginator.count == expected.count
    assert paginator.num_pages >= 6
    for number in expected.page_range:
        assert [o.pk for o in paginator.page(number)] == [o.pk for o in expected.page(number)]


def test_a_logged_in_visitor_gets_a_page_of_her_own(staff_client, caching):
    visitor = Client()
    visitor.get(LIST)
    assert visitor.get(LIST)["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in staff_client.get(LIST)  # not served, not stored


def test_a_page_that_reads_the_session_is_not_stored(client, caching, monkeypatch):
    from honors.views import HonorListView

    original = HonorListView.get_context_data

    def reads_the_user(self, **kwargs):
        self.request.user.is_authenticated  # noqa: B018 — what an "edit" link would do
        return original(self, **kwargs)

    monkeypatch.setattr(HonorListView, "get_context_data", reads_the_user)
    client.get(LIST)
    assert "X-Page-Cache" not in client.get(LIST)


def test_pages_and_writes_go_on_when_redis_is_down(
    client, django_capture_on_commit_callbacks, settings
):
    down = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        "OPTIONS": settings.REDIS_CACHE_OPTIONS,
    }
    with override_settings(CACHES={"default": down}, PUBLIC_CACHE_SECONDS=600):
        assert client.get(LIST).status_code == 200
        assert client.get(LIST).status_code == 200
        with django_capture_on_commit_callbacks(execute=True):
            HonorFactory(year=2034)
        assert client.get(LIST, {"year": 2034}).context["result_count"] == 1


def test_another_release_does_not_serve_this_ones_pages(client, caching):
    with override_settings(RELEASE="a"):
        client.get(LIST)
        assert client.get(LIST)["X-Page-Cache"] == "hit"
    with override_settings(RELEASE="b"):
        assert client.get(LIST)["X-Page-Cache"] == "miss"


@pytest.mark.usefixtures("demo_year")
def test_a_query_parameter_the_page_does_not_read_is_left_out_of_the_key(client, caching):
    client.get(LIST, {"year": 2022, "page": 2})
    assert client.get(LIST, {"page": 2, "year": 2022})["X-Page-Cache"] == "hit"
    assert client.get(LIST, {"year": 2022, "page": 2, "utm": "x"})["X-Page-Cache"] == "hit"
    detail = Honor.objects.public().first().get_absolute_url()
    client.get(detail)
    assert client.get(detail)["X-Page-Cache"] == "hit"
    assert client.get(detail, {"x": "1"})["X-Page-Cache"] == "hit"


def test_a_view_that_does_not_say_what_it_reads_is_cached_only_without_a_query(client, caching):
    from django.http import HttpResponse
    from django.urls import path

    def plain(request):
        return HttpResponse(request.GET.get("x", ""), content_type="text/html")

    with override_settings(ROOT_URLCONF=type("urls", (), {"urlpatterns": [path("p/", plain)]})):
        client.get("/p/")
        assert client.get("/p/")["X-Page-Cache"] == "hit"
        assert client.get("/p/", {"x": "1"}).content == b"1"
        assert "X-Page-Cache" not in client.get("/p/", {"x": "2"})


def test_the_admin_year_filter_is_cached_until_a_write(
    staff_client, caching, django_capture_on_commit_callbacks
):
    from tests.families.factories import FamilyFactory

    url = reverse("admin:families_family_changelist")

    def years() -> list:
        changelist = staff_client.get(url).context["cl"]
        (year_filter,) = [f for f in changelist.filter_specs if f.title == "年度"]
        return list(year_filter.lookup_choices)

    assert 2036 not in years()
    with CaptureQueriesContext(connection) as queries:
        staff_client.get(url)
    assert not any("DISTINCT" in q["sql"] for q in queries.captured_queries)
    with django_capture_on_commit_callbacks(execute=True):
        FamilyFactory(year=2036)
    assert 2036 in years()
