"""A write empties the cached pages that show it, and only those (core.cache): pages are kept
under versions per app and region subtree, so a save in one city leaves another's cached."""

import contextlib

import pytest
from django.core.cache import cache as django_cache
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from core import cache, copy_from
from core.models import Region
from core.services import bulk_save, delete_record, save_record
from families.models import Family
from honors.models import Honor
from honors.services import save_honor, save_recipient
from programs.models import Activity
from tests.core.factories import CountyFactory, RegionFactory
from tests.families.factories import FamilyFactory
from tests.honors.factories import HonorFactory, RecipientFactory
from tests.programs.factories import ActivityFactory

pytestmark = pytest.mark.django_db
HONORS = reverse("honors:list")
FAMILIES = reverse("families:list")
PROGRAMS = reverse("programs:list")


@pytest.fixture
def tree():
    """Two cities of two counties each, a town in the first county, an honour, a family and
    an activity in every county."""
    cities = [RegionFactory(code="980100"), RegionFactory(code="980200")]
    counties = {}
    for city in cities:
        for number in (1, 2):
            county = CountyFactory(parent=city, code=f"{city.code[:4]}0{number}")
            counties[county.code] = county
            HonorFactory(region=county, year=2023)
            FamilyFactory(region=county, year=2023)
            ActivityFactory(region=county)
    town = Region.objects.create(
        code="980101001000", name="测试镇", level="town", parent=counties["980101"]
    )
    run_on_commit()
    return {"cities": cities, "town": town, **counties}


def run_on_commit() -> None:
    """What the test's transaction has done so far counts as committed: its on_commit
    callbacks run, once (the test's own transaction never commits)."""
    pending, connection.run_on_commit = connection.run_on_commit, []
    for _sids, callback, _robust in pending:
        callback()


@contextlib.contextmanager
def committed():
    """A write, committed at the end of the block (a request's transaction)."""
    yield
    run_on_commit()


def new_honor(region, year: int = 2023) -> Honor:
    """An honour not yet saved, of an existing title, for a recipient who has none yet."""
    recipient = RecipientFactory()
    run_on_commit()
    return HonorFactory.build(
        region=region, year=year, title=Honor.objects.first().title, recipient=recipient
    )


def page(url, **params) -> str:
    """Whether the page came from the cache: "hit" or "miss" (a fresh client: no session)."""
    return Client().get(url, params)["X-Page-Cache"]


def warm(*pages) -> None:
    for url, params in pages:
        assert page(url, **params) == "miss"
        assert page(url, **params) == "hit"


def test_a_save_in_one_county_leaves_another_citys_pages_cached(tree, caching):
    # Another city's county, the saved record's county, its city, the whole list.
    pages = [(HONORS, {"region": code}) for code in ("980201", "980101", "980100")]
    pages.append((HONORS, {}))
    warm(*pages)
    honor = Honor.objects.get(region=tree["980101"])
    honor.conferring_body = "改过的单位"
    with committed():
        save_honor(honor, user=None)
    assert [page(url, **params) for url, params in pages] == ["hit", "miss", "miss", "miss"]


def test_another_county_of_the_same_city_stays_cached(tree, caching):
    warm((HONORS, {"region": "980102"}), (FAMILIES, {"region": "980101"}))
    honor = Honor.objects.get(region=tree["980101"])
    honor.conferring_body = "改过的单位"
    with committed():
        save_honor(honor, user=None)
    assert page(HONORS, region="980102") == "hit"
    assert page(FAMILIES, region="980101") == "hit"  # another app's page of the county


def test_a_record_that_moves_empties_both_counties(tree, caching):
    pages = [(HONORS, {"region": code}) for code in ("980101", "980201", "980102", "980202")]
    warm(*pages)
    honor = Honor.objects.get(region=tree["980101"])
    honor.region = tree["980201"]
    with committed():
        save_honor(honor, user=None)
    assert [page(url, **params) for url, params in pages] == ["miss", "miss", "hit", "hit"]


def test_a_town_counts_under_its_county(tree, caching):
    honor = new_honor(tree["980101"])
    warm((HONORS, {"region": "980101001000"}), (HONORS, {"region": "980102"}))
    with committed():
        save_honor(honor, user=None)
    assert page(HONORS, region="980101001000") == "miss"  # versions stop at the county
    assert page(HONORS, region="980102") == "hit"


def test_a_deletion_empties_its_county_only(tree, caching):
    warm((FAMILIES, {"region": "980101"}), (FAMILIES, {"region": "980201"}))
    with committed():
        delete_record(Family.objects.get(region=tree["980201"]), user=None)
    assert page(FAMILIES, region="980101") == "hit"
    assert page(FAMILIES, region="980201") == "miss"


def test_a_recipients_new_name_empties_the_counties_of_her_honours(tree, caching):
    recipient = Honor.objects.get(region=tree["980101"]).recipient
    HonorFactory(recipient=recipient, region=tree["980201"], year=2023)
    run_on_commit()
    warm(*[(HONORS, {"region": code}) for code in ("980101", "980102", "980201")])
    recipient.name = "新名字"
    with committed():
        save_recipient(recipient, user=None)
    assert page(HONORS, region="980101") == "miss"
    assert page(HONORS, region="980201") == "miss"
    assert page(HONORS, region="980102") == "hit"


def test_a_write_no_service_made_still_empties_the_apps_pages(tree, caching):
    warm((HONORS, {"region": "980201"}), (FAMILIES, {"region": "980201"}))
    with committed():
        Honor.objects.filter(region=tree["980101"]).update(conferring_body="某某")
    assert page(HONORS, region="980201") == "miss"  # where it wrote is not known: every page
    assert page(FAMILIES, region="980201") == "hit"  # of its app, none of another's


def test_a_region_renamed_empties_every_page(tree, caching):
    pages = [(HONORS, {"region": "980201"}), (FAMILIES, {}), (PROGRAMS, {"region": "980102"})]
    warm(*pages)
    region = tree["980202"]
    region.name = "改名县"
    with committed():
        region.save()
    assert [page(url, **params) for url, params in pages] == ["miss"] * 3


def test_a_rolled_back_save_empties_nothing(tree, caching):
    pages = [(HONORS, {"region": "980101"}), (HONORS, {})]
    warm(*pages)
    honor = Honor.objects.get(region=tree["980101"])
    honor.conferring_body = "改过的单位"
    with (
        committed(),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        save_honor(honor, user=None)
        raise RuntimeError
    assert [page(url, **params) for url, params in pages] == ["hit", "hit"]


def test_a_save_rolled_back_to_a_savepoint_is_still_seen_after_it(tree, caching):
    """The savepoint takes the first write's callback with it; the next write needs one."""
    warm((HONORS, {"region": "980201"}), (HONORS, {"region": "980101"}))
    with committed(), transaction.atomic():
        try:
            with transaction.atomic():
                save_honor(Honor.objects.get(region=tree["980101"]), user=None)
                raise RuntimeError
        except RuntimeError:
            pass
        save_honor(Honor.objects.get(region=tree["980201"]), user=None)
    assert page(HONORS, region="980201") == "miss"
    assert page(HONORS, region="980101") == "hit"


def test_one_set_of_versions_per_transaction(tree, caching):
    with transaction.atomic():
        for code in ("980101", "980201", "980202"):
            save_honor(Honor.objects.get(region=tree[code]), user=None)
        Honor.objects.filter(year=1990).update(level="city")  # matches nothing: still a write
    assert len(connection.run_on_commit) == 1


def test_a_bulk_save_empties_the_counties_of_its_records(tree, caching):
    warm((HONORS, {"region": "980101"}), (HONORS, {"region": "980201"}))
    honors = list(Honor.objects.filter(region=tree["980201"]))
    for honor in honors:
        honor.conferring_body = "导入的单位"

    def writer(new, changed, fields):
        Honor.objects.bulk_update(changed, fields)

    with committed():
        bulk_save(Honor, [], honors, ["conferring_body"], user=None, reason="", writer=writer)
    assert page(HONORS, region="980101") == "hit"
    assert page(HONORS, region="980201") == "miss"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY FROM is PostgreSQL's")
def test_copy_from_empties_the_pages(tree, caching):
    warm((FAMILIES, {"region": "980101"}), (HONORS, {"region": "980101"}))
    new = FamilyFactory.build(region=tree["980201"], title=Family.objects.first().title)
    new.derive_keys()
    with committed(), transaction.atomic():
        copy_from.insert_with_history(Family, [new], user=None, reason="")
    assert page(FAMILIES, region="980101") == "miss"  # outside a service: where is not known
    assert page(HONORS, region="980101") == "hit"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY FROM is PostgreSQL's")
def test_copy_from_in_a_bulk_save_empties_its_counties(tree, caching):
    warm((FAMILIES, {"region": "980101"}), (FAMILIES, {"region": "980201"}))
    new = FamilyFactory.build(region=tree["980201"], title=Family.objects.first().title)

    def writer(new, changed, fields):
        copy_from.insert_with_history(Family, new, user=None, reason="")

    with committed():
        bulk_save(Family, [new], [], [], user=None, reason="", writer=writer)
    assert page(FAMILIES, region="980101") == "hit"
    assert page(FAMILIES, region="980201") == "miss"


def test_a_title_saved_empties_its_apps_pages(tree, caching):
    warm((HONORS, {"region": "980201"}), (FAMILIES, {"region": "980201"}))
    title = Honor.objects.get(region=tree["980101"]).title
    title.name = "改名的称号"
    with committed():
        save_record(title, user=None)
    assert page(HONORS, region="980201") == "miss"
    assert page(FAMILIES, region="980201") == "hit"


def test_the_first_record_of_a_new_year_empties_every_county_of_its_app(tree, caching):
    """Every list offers the years of all its records, whatever its region filter."""
    honor = new_honor(tree["980101"], 2041)
    warm((HONORS, {"region": "980201"}), (FAMILIES, {"region": "980201"}))
    with committed():
        save_honor(honor, user=None)
    response = Client().get(HONORS, {"region": "980201"})
    assert response["X-Page-Cache"] == "miss"
    assert "2041" in response.content.decode()
    assert page(FAMILIES, region="980201") == "hit"


def test_the_first_activity_of_a_new_year_empties_every_region_page(tree, caching):
    """A region's page opens at the report's latest year: the latest of any activity."""
    FamilyFactory(region=tree["980201"], year=2041)
    run_on_commit()
    page_of = reverse("region-detail", args=["980201"])
    warm((page_of, {}))
    activity = Activity.objects.get(region=tree["980101"])
    activity.date = activity.date.replace(year=2041)
    with committed():
        save_record(activity, user=None)
    response = Client().get(page_of)
    assert response["X-Page-Cache"] == "miss"
    assert response.context["year"] == 2041


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (reverse("home"), {}),
        (reverse("region-detail", args=["980101"]), {}),
        (reverse("reports:region", args=[2023, "980101"]), {}),
    ],
)
@pytest.mark.parametrize("model", [Honor, Family, Activity])
def test_a_page_of_several_apps_misses_after_a_write_in_any(tree, caching, url, params, model):
    warm((url, params))
    record = model.objects.get(region=tree["980101"])
    with committed():
        save_record(record, user=None)
    assert page(url, **params) == "miss"


@pytest.mark.parametrize("model", [Honor, Family, Activity])
def test_another_citys_report_and_region_page_stay_cached(tree, caching, model):
    pages = [
        (reverse("region-detail", args=["980201"]), {}),
        (reverse("reports:region", args=[2023, "980200"]), {}),
    ]
    warm(*pages)
    with committed():
        save_record(model.objects.get(region=tree["980101"]), user=None)
    assert [page(url, **params) for url, params in pages] == ["hit", "hit"]


def test_a_figure_written_empties_the_reports_only(tree, caching):
    from django.db.models import F

    from reports.models import Figure

    report, home = reverse("reports:region", args=[2023, "980201"]), reverse("home")
    warm((report, {}), (home, {}))
    with committed():
        Figure.objects.update(label=F("label"))  # no figures here: still a write to their table
    assert [page(report), page(home)] == ["miss", "hit"]


def test_the_site_identity_empties_every_page(tree, caching):
    from pages.models import SiteIdentity

    pages = [(HONORS, {"region": "980201"}), (reverse("home"), {})]
    warm(*pages)
    with committed():
        SiteIdentity.objects.create(name="测试市妇女联合会")
    assert [page(url, **params) for url, params in pages] == ["miss", "miss"]


def test_a_cached_page_is_two_cache_round_trips(tree, caching, monkeypatch):
    """The versions of a page in one get_many, then the page."""
    url, params = reverse("reports:region", args=[2023, "980101"]), {}
    warm((url, params))
    calls, inside = [], []
    for name in ("get", "get_many", "add", "set", "set_many"):
        original = getattr(django_cache, name)

        def counted(*args, _name=name, _original=original, **kwargs):
            if not inside:  # locmem's get_many calls its get: one round trip in Redis
                calls.append(_name)
            inside.append(_name)
            try:
                return _original(*args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(django_cache, name, counted)
    assert page(url, **params) == "hit"
    assert calls == ["get_many", "get"]


def test_the_data_version_moves_on_with_any_write(tree, caching):
    before = cache.data_version()
    with committed():
        save_record(Activity.objects.get(region=tree["980101"]), user=None)
    assert cache.data_version() != before
