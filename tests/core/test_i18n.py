"""Three languages: every page in each, every string translated, the visitor's script."""

import ast
import re
from pathlib import Path
from urllib.parse import unquote

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation.template import templatize

from honors.models import Honor
from tests.honors.factories import HonorFactory, RecipientFactory

ROOT = Path(settings.BASE_DIR)
LANGUAGES = ["", "/zh-hant", "/en"]
PAGES = [
    "/",
    "/honors/?year=2022",
    "/families/",
    "/programs/",
    "/programs/xin-xiang-dang/",
    "/regions/371602/",
    "/reports/2022/",
    "/notices/",
    "/honors/roll/?year=2022&level=city",
]
# What Django's templatize turns {% translate %} and {% blocktranslate %} into.
TEMPLATE_CALL = re.compile(r"\b[np]?gettext\(u'((?:[^'\\]|\\.)*)'")
GETTEXT_CALLS = {"_", "_l", "gettext", "gettext_lazy", "L", "ngettext", "pgettext"}


@pytest.mark.usefixtures("demo_year")
@pytest.mark.django_db
@pytest.mark.parametrize("prefix", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)  # not "page": pytest-playwright's fixture name
def test_each_public_page_renders_in_each_language(client, prefix, path):
    response = client.get(prefix + path)
    assert response.status_code == 200
    code = {"": "zh-hans", "/zh-hant": "zh-hant", "/en": "en"}[prefix]
    assert f'<html lang="{code}">' in response.content.decode()


@pytest.mark.usefixtures("demo_year")
@pytest.mark.django_db
def test_detail_pages_render_in_each_language(client):
    honor = Honor.objects.public().first()
    for prefix in LANGUAGES:
        assert client.get(f"{prefix}/honors/{honor.pk}/").status_code == 200


def interface_strings() -> set[str]:
    """Every msgid the templates and the project's Python code ask to translate."""
    found: set[str] = set()
    for template in (ROOT / "templates").rglob("*.html"):
        code = templatize(template.read_text(encoding="utf-8"), origin=str(template))
        found.update(TEMPLATE_CALL.findall(code))
    for source in ROOT.glob("*/**/*.py"):
        if any(part in {".venv", "tests", "bench", "migrations"} for part in source.parts):
            continue
        found.update(_calls(source.read_text(encoding="utf-8")))
    return found


def _calls(code: str) -> set[str]:
    tree = ast.parse(code)
    found = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", None) in GETTEXT_CALLS
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_every_interface_string_has_a_translation(language):
    catalogue = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
    translated = {entry.msgid for entry in catalogue.translated_entries()}
    missing = sorted(s for s in interface_strings() if s and s not in translated)
    assert not missing, f"{language} lacks {len(missing)}: {missing[:10]}"


def test_the_extraction_finds_template_and_python_strings():
    strings = interface_strings()
    assert "荣誉表彰名单" in strings  # a template's {% translate %}
    assert "身份证号码校验位不正确，请核对。" in strings  # a validator's gettext_lazy


@pytest.mark.django_db
def test_switcher_keeps_path_and_query_and_remembers_the_choice(client):
    response = client.get(
        reverse("switch-language"), {"language": "en", "next": "/honors/?year=2022&level=city"}
    )
    assert (
        response.status_code == 302 and response["Location"] == "/en/honors/?year=2022&level=city"
    )
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    remembered = client.get("/families/?year=2022")
    assert remembered.status_code == 302 and remembered["Location"] == "/en/families/?year=2022"
    back = client.get(
        reverse("switch-language"), {"language": "zh-hans", "next": "/en/honors/?q=劉"}
    )
    assert unquote(back["Location"]) == "/honors/?q=劉"
    assert client.get("/honors/").status_code == 200  # simplified is remembered too: no redirect


@pytest.mark.django_db
def test_switcher_refuses_to_send_visitors_elsewhere(client):
    response = client.get(
        reverse("switch-language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/en/"


@pytest.mark.django_db
def test_accept_language_picks_the_first_visits_language(client):
    response = client.get("/reports/2022/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 302 and response["Location"] == "/en/reports/2022/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-TW,zh;q=0.9")
    assert response["Location"] == "/zh-hant/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN").status_code == 200


@pytest.mark.django_db
def test_content_is_shown_in_the_visitors_script_and_stored_as_typed(client, staff_client):
    honor = HonorFactory(recipient=RecipientFactory(name="刘晓红"), unit="滨城区妇联", year=2038)
    traditional = client.get(f"/zh-hant/honors/{honor.pk}/").content.decode()
    assert "劉曉紅" in traditional and "濱城區婦聯" in traditional
    simplified = client.get(f"/honors/{honor.pk}/").content.decode()
    assert "刘晓红" in simplified
    honor.refresh_from_db()
    assert honor.recipient.name == "刘晓红"  # never overwritten
    admin_page = staff_client.get(reverse("admin:honors_honor_change", args=[honor.pk]))
    assert "滨城区妇联" in admin_page.content.decode()  # staff see what is stored


@pytest.mark.usefixtures("demo_year")
@pytest.mark.django_db
def test_english_writes_numbers_and_dates_the_english_way(client):
    page = client.get("/en/reports/2022/").content.decode()
    assert "75,500 people served" in page and "762 sessions" in page and "8,700+" in page
    program = client.get("/en/programs/chufeng/").content.decode()
    assert re.search(
        r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|"
        r"October|November|December) 2022\b",
        program,
    )


@pytest.mark.usefixtures("demo_year")
@pytest.mark.django_db
def test_english_shows_the_english_title_beside_the_chinese(client):
    page = client.get("/en/honors/?year=2022&title=sanba-hongqishou").content.decode()
    assert "三八红旗手 (March 8th Red-Banner Pacesetter)" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "next_url",
    [
        "/en//evil.example",  # the prefix is removed: //evil.example is another site
        "/zh-hant//evil.example/honors/",
        "/en/\\evil.example",  # browsers read /\ as //
        "/en/\t/evil.example",  # and drop tabs and newlines
        "/zh-hant/\\\\evil.example",
        "//evil.example",
        "https://evil.example/",
    ],
)
@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_switcher_checks_the_page_it_sends_to_not_the_one_it_was_given(client, next_url, language):
    response = client.get(reverse("switch-language"), {"language": language, "next": next_url})
    location = response["Location"]
    assert response.status_code == 302
    assert url_has_allowed_host_and_scheme(location, allowed_hosts={"testserver"}), location
    assert location.startswith("/") and location[1:2] not in ("/", "\\"), location
