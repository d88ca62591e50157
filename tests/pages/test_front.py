"""The public front: the year its figures are of, the federation's identity, error pages,
icons and charts a phone can read."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.template import loader
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from core import charts
from core.models import Region, Status
from pages import identity
from pages.models import SiteIdentity
from tests.honors.factories import HonorFactory, HonorTitleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]


@pytest.fixture
def lone_2023_honor():
    """A new year's first record: one conferred honour of 2023 and nothing else."""
    return HonorFactory(
        year=2023,
        status=Status.CONFERRED,
        region=Region.objects.get(code="371602"),
        title=HonorTitleFactory(name="新年度称号", slug="new-year-title"),
    )


def save_identity(**fields) -> SiteIdentity:
    """The one identity row (the demo enters one), with these fields."""
    row, _created = SiteIdentity.objects.update_or_create(key=1, defaults=fields)
    return row


def figures_text(response) -> str:
    page = response.content.decode()
    return page[page.index('<ul class="figures">') :].split("</ul>", 1)[0]


def test_a_lone_2023_record_leaves_the_home_page_on_2022(client, lone_2023_honor):
    response = client.get("/")
    assert response.context["year"] == 2022
    assert response.context["activity_totals"]["sessions"] > 762
    assert response.context["years"][:2] == [2023, 2022]
    page = response.content.decode()
    assert '<select id="id_figures_year" name="year">' in page
    assert '<option value="2023">2023年</option>' in page
    assert '<option value="2022" selected>2022年</option>' in page


def test_the_year_selector_shows_another_year(client, lone_2023_honor):
    response = client.get("/", {"year": "2023"})
    assert response.context["year"] == 2023
    assert response.context["honor_count"] == 1


@pytest.mark.parametrize("year", ["abc", "1900", "2023\x00"])
def test_a_year_without_records_falls_back_with_a_message(client, year):
    response = client.get("/", {"year": year})
    assert response.status_code < 500
    if response.status_code == 200:
        assert response.context["year"] == 2022
        assert "没有这个年度的公开记录" in response.content.decode()


def test_every_figure_says_its_year(client):
    for url in ["/", "/regions/371602/"]:
        figures = figures_text(client.get(url))
        assert figures.count("2022年") == 4, url


def test_the_region_page_counts_one_year_not_all_added(client):
    response = client.get("/regions/371602/", {"year": "2022"})
    county = Region.objects.get(code="371602")
    honors = HonorFactory._meta.model.objects.public().in_region(county)
    assert response.context["honor_count"] == honors.filter(year=2022).count()
    assert response.context["year"] == 2022


def test_numbers_stay_with_their_units(client):
    figures = figures_text(client.get("/"))
    assert re.search(
        r'<strong class="nowrap">[\d,]+</strong><span class="nowrap">场次活动</span>', figures
    )
    report = client.get("/reports/2022/").content.decode()
    assert "white-space: nowrap" in (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    assert '<td class="figure-value">762场次</td>' in report


def test_the_identity_is_in_header_and_footer(client):
    save_identity(
        name="滨州市妇女联合会",
        address="滨州市黄河五路",
        phone="0543-3188888",
        email="fulian@example.cn",
        icp_number="鲁ICP备12345678号-1",
    )
    identity.forget()
    page = client.get("/honors/").content.decode()
    header = page[page.index("<header") : page.index("</header>")]
    footer = page[page.index("<footer") : page.index("</footer>")]
    assert "滨州市妇女联合会" in header
    for shown in ["滨州市妇女联合会", "滨州市黄河五路", "0543-3188888", "fulian@example.cn"]:
        assert shown in footer
    assert 'href="https://beian.miit.gov.cn/"' in footer and "鲁ICP备12345678号-1" in footer


def test_the_identity_costs_no_query_per_page(client, django_assert_num_queries):
    save_identity(name="滨州市妇女联合会")
    identity.forget()
    identity.current_identity()
    with django_assert_num_queries(0):
        assert identity.current_identity().name == "滨州市妇女联合会"


def test_one_identity_row_only(admin_client):
    save_identity(name="滨州市妇女联合会")
    assert admin_client.get("/admin/pages/siteidentity/add/").status_code == 403


def test_admin_pages_do_not_ask_the_database_whether_the_identity_exists(admin_client):
    """The sidebar asks every model admin whether it may add (has_add_permission) on every
    admin page; the identity's answer comes from the remembered row, not a query (make
    bench: the family changelist went from 6 to 7 queries)."""
    save_identity(name="滨州市妇女联合会")
    identity.forget()
    admin_client.get("/admin/families/family/")
    with CaptureQueriesContext(connection) as queries:
        assert admin_client.get("/admin/families/family/").status_code == 200
    assert not [q["sql"] for q in queries if "pages_siteidentity" in q["sql"]]


def test_the_identity_may_be_added_while_there_is_none(admin_client):
    SiteIdentity.objects.all().delete()
    identity.forget()
    assert admin_client.get("/admin/pages/siteidentity/add/").status_code == 200


@override_settings(DEBUG=False)
@pytest.mark.parametrize(
    ("prefix", "heading"),
    [("", "找不到这个页面"), ("/zh-hant", "找不到這個頁面"), ("/en", "Page not found")],
)
def test_404_is_branded_in_three_languages(client, prefix, heading):
    response = client.get(f"{prefix}/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert 'class="site-header"' in page and "Not Found" not in page


def test_500_page_needs_no_database_or_request(django_assert_num_queries):
    with django_assert_num_queries(0):
        page = loader.get_template("500.html").render()
    for text in ["网站暂时出错", "網站暫時出錯", "Something went wrong"]:
        assert text in page


@override_settings(DEBUG=False)
def test_500_is_served_from_the_static_page(client, monkeypatch):
    from pages import views

    def broken(self, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.HomeView, "get_context_data", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert "网站暂时出错" in response.content.decode()


def test_favicon_and_touch_icon_are_linked_and_exist(client):
    page = client.get("/").content.decode()
    for path in ["favicon.ico", "icons/apple-touch-icon.png", "icons/icon.svg"]:
        assert (Path(settings.BASE_DIR) / "static" / path).is_file()
    assert 'rel="icon"' in page and 'rel="apple-touch-icon"' in page


def test_chart_labels_are_not_scaled_below_12_pixels():
    svg = charts.bar_chart([("滨城区", 10), ("沾化区", 4)], title="测试")
    assert "viewBox" not in svg  # a viewBox scales the text with the chart's width
    sizes = [int(size) for size in re.findall(r'font-size="(\d+)"', svg)]
    assert sizes and min(sizes) >= 12


def test_without_a_shared_cache_the_identity_is_read_again_after_a_minute(monkeypatch):
    save_identity(name="旧名称")
    identity.forget()
    assert identity.current_identity().name == "旧名称"
    SiteIdentity.objects.update(name="新名称")  # as another worker would, unseen here
    assert identity.current_identity().name == "旧名称"
    later = identity.time.monotonic() + identity.UNSHARED_SECONDS + 1
    monkeypatch.setattr(identity.time, "monotonic", lambda: later)
    assert identity.current_identity().name == "新名称"


def test_the_demo_names_the_federation(client):
    identity.forget()
    page = client.get("/").content.decode()
    assert "滨州市妇女联合会" in page[page.index("<header") : page.index("</header>")]
    english = client.get("/en/").content.decode()
    assert "Binzhou Women&#x27;s Federation" in english or "Binzhou Women's Federation" in english


@pytest.mark.django_db
def test_a_kind_with_no_records_that_year_shows_a_dash_not_zero(client):
    from tests.honors.factories import HonorFactory

    honor = HonorFactory(year=2023)
    page = client.get(f"/regions/{honor.region.code}/?year=2023").content.decode()
    figures = page.split('class="figures"')[1].split("</ul>")[0]
    assert "—" in figures and ">0<" not in figures
