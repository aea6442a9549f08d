"""The explorer in headless Chromium: filter, sort, download -> the downloaded rows are the grid's rows."""
from __future__ import annotations

import io

import pandas as pd
import pytest
from dash.testing.wait import until

from browsing import axe_violations, console_errors, current_query, start, visit, wait_idle

pytestmark = pytest.mark.browser

GRID_KEYS = """
const api = dash_ag_grid.getApi('explorer-grid');
const keys = [];
api.forEachNodeAfterFilterAndSort(n => keys.push([n.data.country, n.data.year, n.data.value]));
return keys;
"""
FETCH_TEXT = """
const done = arguments[arguments.length - 1];
fetch(arguments[0]).then(r => r.text()).then(done, e => done('ERROR ' + e));
"""


def grid_rows(dash_duo) -> list[tuple]:
    """The grid's rows, once ag-grid has started (it initialises after Dash renders it; slow under load)."""
    from selenium.common.exceptions import JavascriptException
    from selenium.webdriver.support.ui import WebDriverWait

    def rows(driver):
        try:
            return [tuple(r) for r in driver.execute_script(GRID_KEYS)]
        except JavascriptException:  # "grid is not initialized yet": try again until the wait's timeout
            return None

    return WebDriverWait(dash_duo.driver, 20, poll_frequency=0.25).until(rows)


def download(dash_duo, fmt: str) -> str:
    """Fetch what the page's download link points at, as the browser would download it."""
    href = dash_duo.find_element(f"a[href^='/download/observations.{fmt}']").get_attribute("href")
    dash_duo.driver.set_script_timeout(30)
    return dash_duo.driver.execute_async_script(FETCH_TEXT, href)


def test_filtering_updates_grid_count_and_url_and_the_csv_download_holds_the_grid_rows(dash_duo, app):
    start(dash_duo, app)
    visit(dash_duo, "/explorer?region=central_asia", lang="ru")
    preferred_rows = grid_rows(dash_duo)
    assert preferred_rows and {r[0] for r in preferred_rows} <= {"Казахстан", "Кыргызстан", "Таджикистан",
                                                                "Туркменистан", "Узбекистан"}

    dash_duo.find_elements(".explorer-preferred button.toggle")[1].click()  # all sources and releases
    until(lambda: current_query(dash_duo).get("preferred") == "0", timeout=10)
    wait_idle(dash_duo)
    rows = grid_rows(dash_duo)
    assert len(rows) > len(preferred_rows)
    assert str(len(rows)) in dash_duo.find_element("#explorer-count").text

    csv = pd.read_csv(io.StringIO(download(dash_duo, "csv").lstrip("\ufeff")), keep_default_na=False)
    assert [(c, int(y), float(v)) for c, y, v in zip(csv["country"], csv["year"], csv["value"])] == \
        [(c, int(y), float(v)) for c, y, v in rows]
    assert console_errors(dash_duo) == []


def test_sorting_by_a_column_heading_is_kept_in_the_url_and_restored_on_reload(dash_duo, app):
    start(dash_duo, app)
    visit(dash_duo, "/explorer?country=KAZ")
    dash_duo.find_element(".ag-header-cell[col-id='year'] .ag-header-cell-label").click()
    until(lambda: current_query(dash_duo).get("sort") == "year:asc", timeout=10)
    years = [r[1] for r in grid_rows(dash_duo)]
    assert years == sorted(years)
    dash_duo.driver.refresh()
    dash_duo.wait_for_element("#explorer-grid .ag-row", timeout=20)
    wait_idle(dash_duo)
    assert dash_duo.find_element(".ag-header-cell[col-id='year']").get_attribute("aria-sort") == "ascending"
    assert console_errors(dash_duo) == []


def test_the_json_download_and_the_api_give_the_same_rows_as_the_grid(dash_duo, app):
    start(dash_duo, app)
    visit(dash_duo, "/explorer?country=KAZ&country=KGZ&preferred=0&year_from=2010")
    rows = grid_rows(dash_duo)
    body = pd.read_json(io.StringIO(download(dash_duo, "json")), typ="series")
    assert [(d["country"], d["year"], d["value"]) for d in body["data"]] == rows
    assert console_errors(dash_duo) == []


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_explorer_has_no_serious_accessibility_violation(dash_duo, app, axe_source, lang):
    start(dash_duo, app)
    visit(dash_duo, "/explorer?region=central_asia", lang=lang)
    assert axe_violations(dash_duo, axe_source) == []
    assert console_errors(dash_duo) == []
