"""What a first visit loads, in headless Chromium: our partial plotly.js draws every chart and Dash's full copy is
never fetched; AG Grid's script comes only with the explorer, which the header's link (and any other way there)
opens with it, in both languages."""
from __future__ import annotations

import pytest
from dash.testing.wait import until
from plotly.offline import get_plotlyjs_version

from browsing import console_errors, start, url, visit, wait_idle
from dashboard import ids

pytestmark = pytest.mark.browser

RESOURCES = "return performance.getEntriesByType('resource').map(e => e.name)"
GRID_ROWS = """
try { return dash_ag_grid.getApi(arguments[0]).getDisplayedRowCount(); } catch (e) { return null; }
"""


def loaded(dash_duo) -> list[str]:
    return dash_duo.driver.execute_script(RESOURCES)


def wait_for_grid(dash_duo) -> int:
    until(lambda: dash_duo.driver.execute_script(GRID_ROWS, ids.EXPLORER_GRID), timeout=30,
          msg="the explorer's grid never showed rows")
    return dash_duo.driver.execute_script(GRID_ROWS, ids.EXPLORER_GRID)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_overview_draws_with_our_plotly_bundle_and_the_explorer_link_brings_ag_grid(dash_duo, app, lang):
    start(dash_duo, app)
    visit(dash_duo, "/", lang)
    driver = dash_duo.driver
    assert driver.execute_script("return window.Plotly.version") == get_plotlyjs_version()
    assert driver.execute_script("return document.querySelectorAll('.js-plotly-plot .trace').length") > 0
    assert [name for name in loaded(dash_duo) if "plotly.min.js" in name or "dash_ag_grid" in name] == []
    assert driver.execute_script("return typeof window.dash_ag_grid") == "undefined"

    dash_duo.find_element(f"#{ids.MAIN}")  # the page is there; now leave it by the header's link
    driver.find_element("css selector", "a.nav-link[href^='/explorer']").click()
    assert wait_for_grid(dash_duo) > 0
    assert driver.current_url.startswith(url(dash_duo, "/explorer"))
    assert driver.execute_script("return document.documentElement.lang") == lang
    wait_idle(dash_duo)
    # and on to a chart page without reloading: the grid's script stays, the charts draw
    driver.find_element("css selector", "a.nav-link[href^='/trends']").click()
    until(lambda: driver.execute_script("return document.querySelectorAll('.js-plotly-plot .trace').length"),
          timeout=20, msg="the trends chart did not draw after the explorer")
    assert [name for name in loaded(dash_duo) if "plotly.min.js" in name] == []
    assert console_errors(dash_duo) == []


def test_reaching_the_explorer_without_its_script_loads_the_page_anew(dash_duo, app):
    """Any way to /explorer that moves the URL without loading the page (a future link, history) still works."""
    start(dash_duo, app)
    visit(dash_duo, "/trends")
    driver = dash_duo.driver
    driver.execute_script("window.__same_document = true;"
                          "window.history.pushState({}, '', '/explorer?lang=en');"
                          "window.dispatchEvent(new CustomEvent('_dashprivate_pushstate'));")
    assert wait_for_grid(dash_duo) > 0
    assert driver.execute_script("return window.__same_document === undefined")  # it was a new page
    assert console_errors(dash_duo) == []
