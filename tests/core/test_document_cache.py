"""Word, Excel, roll and report files are cached like pages, and downloads are limited.

A roll.docx took seconds to make and was never cached: three anonymous clients asking
for `?x=<random>` stalled the site. Now the files are stored under the data versions
(unknown query parameters ignored in the key) and every file that has to be made counts
against its address's allowance per minute.
"""

import pytest
from django.core.cache import cache as django_cache
from django.test import Client, override_settings

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]

FILES = [
    "/honors/roll.docx",
    "/families/roll.docx?year=2022",
    "/reports/2022.docx",
    "/reports/2022.xlsx",
    "/reports/2022/371602.xlsx",
]


def with_junk(url: str, junk: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}x={junk}"


@pytest.mark.parametrize("url", FILES)
def test_a_file_asked_again_with_junk_parameters_comes_from_the_cache(client, caching, url):
    first = client.get(with_junk(url, "1"))
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    body = b"".join(first.streaming_content) if first.streaming else first.content
    second = client.get(with_junk(url, "2"))
    assert second["X-Page-Cache"] == "hit"
    assert second.content == body
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize("url", ["/reports/2022/", "/regions/371602/", "/honors/?year=2022"])
def test_a_page_asked_with_junk_parameters_comes_from_the_cache(client, caching, url):
    client.get(url)
    response = client.get(with_junk(url, "junk"))
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"


def test_parameters_the_page_reads_still_make_another_page(client, caching):
    client.get("/honors/", {"year": 2022})
    response = client.get("/honors/", {"year": 2021, "x": "1"})
    assert response["X-Page-Cache"] == "miss"
    assert all(h.year == 2021 for h in response.context["object_list"])


def test_a_changed_record_makes_the_file_again(client, caching, django_capture_on_commit_callbacks):
    from honors.models import Honor

    client.get("/honors/roll.docx")
    with django_capture_on_commit_callbacks(execute=True):
        Honor.objects.public().filter(year=2022).update(unit="新单位")
    assert client.get("/honors/roll.docx")["X-Page-Cache"] == "miss"


@pytest.mark.parametrize(
    "url",
    ["/honors/roll.docx", "/families/export.csv", "/honors/export.xlsx", "/reports/2022.docx"],
)
def test_downloads_are_limited_per_address(url):
    django_cache.clear()
    visitor, neighbour = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="203.0.113.8")
    with override_settings(DOWNLOADS_PER_MINUTE=3):
        for junk in range(3):
            assert visitor.get(with_junk(url, str(junk))).status_code == 200
        refused = visitor.get(with_junk(url, "3"))
        assert refused.status_code == 429
        assert "下载过于频繁" in refused.content.decode()
        assert refused["Retry-After"]
        assert neighbour.get(url).status_code == 200  # another address has its own allowance
        assert visitor.get("/honors/").status_code == 200  # pages are not downloads
    django_cache.clear()


def test_a_file_from_the_cache_does_not_count(caching):
    visitor = Client(REMOTE_ADDR="203.0.113.9")
    with override_settings(DOWNLOADS_PER_MINUTE=2):
        for junk in range(5):
            assert visitor.get(with_junk("/reports/2022.docx", str(junk))).status_code == 200
