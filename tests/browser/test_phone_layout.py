"""The public pages on a 390-pixel phone (the conftest's context): nothing scrolls sideways,
the filters are folded behind a button, chart labels are at least 12 pixels high; and on a
desktop screen the filters show without the button."""

import pytest

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed: pip install -r requirements-dev.txt"
)
expect = sync_api.expect

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/?year=2021",
    "/honors/",
    "/families/",
    "/programs/",
    "/programs/?area=guidance",
    "/regions/371602/",
    "/reports/2022/",
    "/notices/",
    "/honors/roll/?year=2022&level=city&title=sanba-hongqishou",
    "/zh-hant/programs/",
    "/en/programs/",
    "/en/reports/2022/",
]


@pytest.mark.parametrize("path", PAGES)
def test_nothing_scrolls_sideways_on_a_phone(page, path):
    page.goto(path)
    width = page.evaluate("() => document.scrollingElement.scrollWidth")
    inner = page.evaluate("() => window.innerWidth")
    # A phone browser widens its layout viewport to the content: innerWidth grows too.
    assert width <= inner == 390, f"{path}: {width} wide, innerWidth {inner}"


def test_program_pages_do_not_scroll_sideways(page):
    page.goto("/programs/")
    links = page.locator("li.card a.card-link").evaluate_all("(a) => a.map((x) => x.href)")
    for href in links[:6]:
        page.goto(href)
        width = page.evaluate("() => document.scrollingElement.scrollWidth")
        inner = page.evaluate("() => window.innerWidth")
        assert width <= inner == 390, href


@pytest.mark.parametrize("path", ["/honors/", "/families/", "/programs/"])
def test_the_filters_are_folded_on_a_phone(page, path):
    page.goto(path)
    expect(page.locator("#id_q")).to_be_hidden()
    # The first results are on the first screen, not below the filters.
    first = page.locator(".result-count").bounding_box()
    assert first["y"] < 844
    page.locator("summary.filter-toggle").click()
    expect(page.locator("#id_q")).to_be_visible()


def test_the_filters_show_without_the_button_on_a_desktop(browser, base_url):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{base_url}/honors/")
    expect(page.locator("#id_q")).to_be_visible()
    expect(page.locator("summary.filter-toggle")).to_be_hidden()
    context.close()


def test_chart_labels_are_at_least_12_pixels_high_on_a_phone(page):
    page.goto("/reports/2022/")
    heights = page.locator("svg.chart text").evaluate_all(
        "(texts) => texts.filter((t) => t.getClientRects().length)"
        ".map((t) => t.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 12, min(heights or [0])


def test_figures_keep_their_units_on_a_phone(page):
    page.goto("/")
    for item in page.locator(".figures li strong.nowrap").all():
        assert item.evaluate("(e) => getComputedStyle(e).whiteSpace") == "nowrap"
