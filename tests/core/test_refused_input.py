"""Input PostgreSQL refuses (NUL, lone surrogates) is a form error or a 404, never a 500.

PostgreSQL cannot store or compare a text holding NUL; before these checks
`?region=%00` reached a query and the page answered 500. Run on PostgreSQL too
(DATABASE_URL) — SQLite takes NUL and would hide the fault.
"""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]

LISTS = ["/honors/", "/families/", "/programs/", "/en/honors/"]
FILES = [
    f"/{app}/{name}"
    for app in ("honors", "families")
    for name in ("export.csv", "export.xlsx", "roll/", "roll.docx")
]
BAD = ["\x00", "37\x0016"]


LIST_FIELDS = [
    (url, field)
    for url in LISTS
    for field in ("region", "q", "year", "area" if "programs" in url else "title")
]


@pytest.mark.parametrize(("url", "field"), LIST_FIELDS)
@pytest.mark.parametrize("value", BAD)
def test_a_list_answers_an_empty_page_with_a_message(client, url, field, value):
    response = client.get(url, {field: value})
    assert response.status_code == 200
    assert response.context["result_count"] == 0
    assert response.context["filter_errors"]


@pytest.mark.parametrize("field", ["region", "q", "title", "year"])
def test_a_lone_surrogate_is_a_form_error(field):
    """A query string cannot carry one (Django decodes it with replacement), a form can."""
    from honors.filters import HonorFilter
    from honors.selectors import public_honors

    filterset = HonorFilter({field: "\ud800x"}, queryset=public_honors())
    assert not filterset.is_valid()
    assert field in filterset.errors


def test_the_message_is_chinese(client):
    response = client.get("/honors/", {"region": "\x00"})
    assert "不能使用的字符" in response.content.decode()


@pytest.mark.parametrize("url", FILES)
@pytest.mark.parametrize("field", ["region", "q", "title"])
def test_a_file_answers_400(client, url, field):
    response = client.get(url, {field: "\x00"})
    assert response.status_code == 400
    assert "不能使用的字符" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/regions/%00/",
        "/regions/37%0016/",
        "/en/regions/%00/",
        "/reports/2022/%00/",
        "/reports/2022/%00.docx",
        "/reports/2022/%00.xlsx",
    ],
)
def test_a_region_code_in_the_path_that_cannot_be_one_is_404(client, url):
    assert client.get(url).status_code == 404


def test_region_pages_still_open_by_code(client):
    assert client.get("/regions/371602/").status_code == 200
    assert client.get("/reports/2022/371602/").status_code == 200


def test_admin_autocomplete_refuses_nul(staff_client):
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "honors", "model_name": "honor", "field_name": "region", "term": "\x00"},
    )
    assert response.status_code == 400


def test_admin_search_refuses_nul(staff_client):
    response = staff_client.get(reverse("admin:honors_honor_changelist"), {"q": "\x00"})
    assert response.status_code == 400
    assert "不能使用的字符" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/honors/honor/1/history/abc/",
        "/admin/honors/honor/abc/history/1/",
        "/admin/honors/recipient/1/history/%00/",
    ],
)
def test_admin_history_version_that_is_not_a_number_is_404(staff_client, url):
    assert staff_client.get(url).status_code == 404
