"""A visitor's journey through the honour roll on a phone, in headless Chromium.

Runs against the demo year 2022 served by ``live_site`` (see conftest.py).
"""

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import opencc
import pytest

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed: pip install -r requirements-dev.txt"
)
expect = sync_api.expect

pytestmark = pytest.mark.browser

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "honor-roll.png"
IDEOGRAPHIC_SPACE = "\u3000"
T2S = opencc.OpenCC("t2s")


def card_names(page) -> list[str]:
    """The names on the visible result cards, without the padding of two-character names."""
    return [
        text.replace(IDEOGRAPHIC_SPACE, "")
        for text in page.locator("li.card a.card-link .name").all_inner_texts()
    ]


def card_named(page, name: str):
    """The result card whose (unpadded) name is `name`."""
    padded = re.compile("^" + f"{IDEOGRAPHIC_SPACE}*".join(map(re.escape, name)) + "$")
    return page.locator("li.card a.card-link").filter(
        has=page.locator(".name").filter(has_text=padded)
    )


def result_count(page) -> int:
    """N from the count line "共 N 条"."""
    match = re.fullmatch(r"共 (\d+) [条條]", page.locator(".result-count").inner_text().strip())
    assert match, page.locator(".result-count").inner_text()
    return int(match[1])


def load_lazy_images(page) -> None:
    """Bring each lazy-loaded image into view and wait for it, so screenshots show them all."""
    for img in page.locator("img").all():
        img.scroll_into_view_if_needed()
    page.wait_for_function("() => [...document.images].every((img) => img.complete)")
    page.evaluate("() => window.scrollTo(0, 0)")


def open_filters(page) -> None:
    """On a phone the filters are folded behind their summary (a <details>)."""
    details = page.locator("details.filter-details")
    if details.get_attribute("open") is None:
        page.locator("summary.filter-toggle").click()


def submit_filters(page) -> None:
    page.get_by_role("button", name="筛选", exact=True).click()
    page.wait_for_load_state()


def test_honor_roll_journey(page):
    # The front page links to the honour roll from its navigation.
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="荣誉表彰", exact=True).click()
    expect(page).to_have_url(re.compile(r"/honors/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("荣誉表彰名单")

    # Filter to the city's 三八紅旗手 of 2022.
    open_filters(page)
    page.locator("#id_year").select_option("2022")
    page.locator("#id_level").select_option("city")
    page.locator("#id_title").select_option("sanba-hongqishou")
    submit_filters(page)
    expect(page).to_have_url(re.compile(r"/honors/\?"))
    assert "year=2022&level=city&title=sanba-hongqishou" in page.url
    query = parse_qs(urlsplit(page.url).query)
    assert query["year"] == ["2022"]
    assert query["level"] == ["city"]
    assert query["title"] == ["sanba-hongqishou"]
    expect(page.locator(".result-count")).to_have_text("共 120 条")
    roll_url = page.url
    # Nothing is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    load_lazy_images(page)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    # The filter form and the first cards: enough for README, small enough for the repository.
    page.screenshot(
        path=SCREENSHOT, full_page=True, clip={"x": 0, "y": 0, "width": 390, "height": 1300}
    )

    # The same list in traditional characters, through the switcher, filters kept.
    page.get_by_role("link", name="繁體中文", exact=True).click()
    expect(page).to_have_url(re.compile(r"/zh-hant/honors/\?"))
    assert "year=2022&level=city&title=sanba-hongqishou" in page.url

    # Search in simplified characters for a name the roll stores in traditional ones.
    names = card_names(page)
    assert names, "the filtered roll shows no cards"
    traditional = next((n for n in names if T2S.convert(n) != n), None)
    assert traditional, f"no name on the first page differs between scripts: {names}"
    simplified = T2S.convert(traditional.split("（")[0])  # without the ethnicity, if any
    open_filters(page)
    page.locator("#id_q").fill(simplified)
    page.get_by_role("button", name="篩選", exact=True).click()
    page.wait_for_load_state()
    assert parse_qs(urlsplit(page.url).query)["q"] == [simplified]
    assert 1 <= result_count(page) < 120
    card = card_named(page, traditional).first
    expect(card).to_be_visible()

    # Its detail page carries the name as stored, in traditional characters.
    card.click()
    expect(page).to_have_url(re.compile(r"/honors/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(traditional)

    # A record with a photo: the photo loads, with its size declared in the markup.
    page.goto(roll_url)
    with_photo = page.locator("li.card a.card-link").filter(has=page.locator("img")).first
    expect(with_photo).to_be_visible()
    with_photo.click()
    expect(page).to_have_url(re.compile(r"/honors/\d+/$"))
    photo = page.locator("img.record-photo")
    expect(photo).to_be_visible()
    photo.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const img = document.querySelector('img.record-photo');"
        " return img && img.complete; }"
    )
    natural = page.evaluate(
        "() => { const img = document.querySelector('img.record-photo');"
        " return [img.naturalWidth, img.naturalHeight]; }"
    )
    assert natural[0] > 0, "the photo did not load"
    width, height = int(photo.get_attribute("width")), int(photo.get_attribute("height"))
    assert width > 0
    assert height > 0
    # The declared size has the picture's shape, so the layout does not jump when it loads.
    assert width / height == pytest.approx(natural[0] / natural[1], rel=0.02)


def test_invalid_year_gives_message_not_error(page):
    response = page.goto("/honors/?year=abc")
    assert response.status == 200
    expect(page.get_by_role("alert")).to_contain_text("筛选条件有误")
    expect(page.locator(".result-count")).to_have_text("共 0 条")
    expect(page.locator("li.card")).to_have_count(0)
