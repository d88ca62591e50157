"""The Content-Security-Policy breaks nothing: Chromium reports no violation on the public
pages and the admin's login page of the demo site (see conftest.py)."""

import re

import pytest

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed: pip install -r requirements-dev.txt"
)

pytestmark = pytest.mark.browser

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
});
"""


def test_no_page_breaks_the_content_security_policy(page):
    violations = []
    page.add_init_script(REPORT_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text or "CSP violation" in message.text
            else None
        ),
    )
    visited = []
    for url in ["/", "/honors/", "/families/", "/programs/", "/reports/"]:
        response = page.goto(url)
        assert response.ok, url
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        visited.append(url)
        if url in ("/honors/", "/families/", "/programs/"):
            # One record's page from each list.
            detail = page.locator(f"main a[href^='{url}']").evaluate_all(
                "(links) => links.map((link) => link.getAttribute('href'))"
            )
            pattern = re.compile(re.escape(url) + r"[\w-]+/")
            record = next(href for href in detail if pattern.fullmatch(href) and "roll" not in href)
            page.goto(record)
            page.wait_for_load_state("networkidle")
            visited.append(record)
    page.goto("/admin/login/")
    page.wait_for_load_state("networkidle")
    assert page.locator("#id_username").is_visible()
    assert violations == [], (visited, violations)
