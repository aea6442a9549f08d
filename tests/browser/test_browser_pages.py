"""Every page, English and Russian, in headless Chromium: loads, clean console, no serious axe-core violation."""
from __future__ import annotations

import pytest

from browsing import axe_violations, console_errors, start, visit
from dashboard.i18n import t

pytestmark = pytest.mark.browser

PAGES = ["/", "/trends", "/country/KAZ", "/country/UZB", "/coverage", "/sources", "/associations", "/no-such-page"]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_with_a_clean_console_and_no_serious_accessibility_violation(dash_duo, app, axe_source,
                                                                                   path, lang):
    start(dash_duo, app)
    visit(dash_duo, path, lang)
    problems = {"console": console_errors(dash_duo), "axe": axe_violations(dash_duo, axe_source)}
    assert problems == {"console": [], "axe": []}, "\n".join(f"{k}: {v}" for k, vs in problems.items() for v in vs)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_unknown_address_shows_the_not_found_page_in_the_language(dash_duo, app, lang):
    start(dash_duo, app)
    visit(dash_duo, "/no-such-page", lang)
    assert dash_duo.find_element("#app-main h1").text == t("app.not_found_title", lang)
    assert console_errors(dash_duo) == []
