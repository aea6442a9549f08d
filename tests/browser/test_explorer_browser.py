"""The explorer in headless Chromium: filter, sort, scroll, download -> the grid's rows come from the server a block at
a time, in the server's order, and the downloaded rows are the grid's rows."""
from __future__ import annotations

import io

import pandas as pd
import pytest
from dash.testing.wait import until

from browsing import axe_violations, console_errors, current_query, start, visit, wait_idle

pytestmark = pytest.mark.browser

BLOCK = 100  # rows per request (pages/explorer.BLOCK_ROWS)
# Every row of the grid, as a reader scrolling to the end would see them: the rows the grid holds are read, and
# where a row has not arrived yet the grid is scrolled to it (it then asks the server for that block). Async.
SCROLL_THROUGH = """
const done = arguments[arguments.length - 1];
const fields = arguments[0];
const api = dash_ag_grid.getApi('explorer-grid');
const rows = [];
const deadline = Date.now() + 60000;
let i = 0;
const next = () => {
    if (Date.now() > deadline) { done({error: 'timeout at row ' + i, rows: rows}); return; }
    const n = api.getDisplayedRowCount();
    while (i < n) {
        const node = api.getDisplayedRowAtIndex(i);
        if (!node || !node.data) { break; }
        rows.push(fields.map(f => node.data[f]));
        i += 1;
    }
    if (i >= n && api.isLastRowIndexKnown()) { done({rows: rows, count: n}); return; }
    if (i < n) { api.ensureIndexVisible(i, 'top'); }
    setTimeout(next, 50);
};
next();
"""
FIRST_ROW_THERE = """
try {
    const node = dash_ag_grid.getApi('explorer-grid').getDisplayedRowAtIndex(0);
    return Boolean(node && node.data);
} catch (e) { return false; }
"""
NO_ROWS_SHOWN = """
try { return dash_ag_grid.getApi('explorer-grid').getDisplayedRowCount() === 0; } catch (e) { return false; }
"""
VALUES_SHOWN = """
const api = dash_ag_grid.getApi('explorer-grid');
return Array.from(document.querySelectorAll('#explorer-grid .ag-center-cols-container .ag-row')).map(row => {
    const node = api.getDisplayedRowAtIndex(Number(row.getAttribute('row-index')));
    const cell = row.querySelector(".ag-cell[col-id='value']");
    return node && node.data && cell ? [node.data.value, cell.textContent.trim()] : null;
}).filter(Boolean);
"""
# Before the page's own scripts: note every answer to the grid's requests for rows (how many rows each carried).
RECORD_BLOCKS = """
window.__blocks = [];
const original = window.fetch;
window.fetch = function(url, options) {
    const body = options && typeof options.body === 'string' ? options.body : '';
    const answer = original.apply(this, arguments);
    if (body.includes('getRowsRequest')) {
        const asked = JSON.parse(body).inputs[0].value;
        answer.then(r => r.clone().json()).then(j => {
            const got = j.response['explorer-grid'].getRowsResponse;
            window.__blocks.push({start: asked.startRow, end: asked.endRow, rows: got.rowData.length,
                                  count: got.rowCount});
        }).catch(() => {});
    }
    return answer;
};
"""
FETCH_TEXT = """
const done = arguments[arguments.length - 1];
fetch(arguments[0]).then(r => r.text()).then(done, e => done('ERROR ' + e));
"""


def grid_rows(dash_duo, fields=("country", "year", "value")) -> list[tuple]:
    """Every row of the grid, scrolling through it, once its first block is there (slow under load)."""
    until(lambda: dash_duo.driver.execute_script(FIRST_ROW_THERE) or dash_duo.driver.execute_script(NO_ROWS_SHOWN),
          timeout=20, msg="the grid's first rows never came")
    dash_duo.driver.set_script_timeout(90)
    got = dash_duo.driver.execute_async_script(SCROLL_THROUGH, list(fields))
    assert "error" not in got, got.get("error")
    return [tuple(r) for r in got["rows"]]


def record_blocks(dash_duo) -> None:
    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_BLOCKS})


def blocks(dash_duo) -> list[dict]:
    return dash_duo.driver.execute_script("return window.__blocks")


def server_order(query: dict, lang: str, sort: str, fields) -> list[tuple]:
    """The server's order for a view: its page query asked for every row at once (sorting every row)."""
    from dashboard import explorer_grid
    from dashboard.callbacks import explorer as cb

    flt = cb.to_filter(cb.urlstate.read(cb.FIELDS, query))
    df = explorer_grid.ordered(flt, sort, lang, limit=explorer_grid.row_count(flt, lang))
    return [tuple(r.values()) for r in cb.exports.records(df, list(fields))]


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
    until(lambda: dash_duo.driver.execute_script(
        "return dash_ag_grid.getApi('explorer-grid').getDisplayedRowCount()") > len(preferred_rows), timeout=20,
        msg="the grid did not ask again for the new filter's rows")
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
    grid_rows(dash_duo)
    dash_duo.find_element(".ag-header-cell[col-id='year'] .ag-header-cell-label").click()
    until(lambda: current_query(dash_duo).get("sort") == "year:asc", timeout=10)
    wait_idle(dash_duo)
    years = [r[1] for r in grid_rows(dash_duo)]
    assert years == sorted(years) and len(set(years)) > 1
    dash_duo.driver.refresh()
    dash_duo.wait_for_element("#explorer-grid .ag-row", timeout=20)
    wait_idle(dash_duo)
    assert dash_duo.find_element(".ag-header-cell[col-id='year']").get_attribute("aria-sort") == "ascending"
    assert [r[1] for r in grid_rows(dash_duo)] == years
    assert console_errors(dash_duo) == []


def test_the_json_download_and_the_api_give_the_same_rows_as_the_grid(dash_duo, app):
    start(dash_duo, app)
    visit(dash_duo, "/explorer?country=KAZ&country=KGZ&preferred=0&year_from=2010")
    rows = grid_rows(dash_duo)
    body = pd.read_json(io.StringIO(download(dash_duo, "json")), typ="series")
    assert [(d["country"], d["year"], d["value"]) for d in body["data"]] == rows
    assert console_errors(dash_duo) == []


def test_scrolling_brings_block_after_block_in_the_servers_order_sorted_by_russian_labels(dash_duo, app):
    """A URL sort by a column of labels, in Russian: the grid shows it in its heading, asks the server for one block
    at a time as it scrolls, and the rows arrive in the server's order; then a heading click sorts anew."""
    fields = ("country", "year", "indicator_label", "value")
    query = {"preferred": "0"}
    record_blocks(dash_duo)
    start(dash_duo, app)
    visit(dash_duo, "/explorer?preferred=0&sort=indicator:desc", lang="ru")
    until(lambda: dash_duo.driver.execute_script(FIRST_ROW_THERE), timeout=20)
    wait_idle(dash_duo)
    assert dash_duo.find_element(".ag-header-cell[col-id='indicator']").get_attribute("aria-sort") == "descending"
    first_view = blocks(dash_duo)
    n = first_view[0]["count"]
    assert n > 10 * BLOCK and all(b["rows"] <= BLOCK for b in first_view) and len(first_view) <= 2

    shown = dash_duo.driver.execute_script(VALUES_SHOWN)  # the browser formats values: decimal comma in Russian
    fractions = [(value, text) for value, text in shown if value != int(value) and value < 1000]
    assert fractions and all(text == f"{value:.6f}".rstrip("0").replace(".", ",") for value, text in fractions)
    rows = grid_rows(dash_duo, fields)
    assert rows == server_order(query, "ru", "indicator:desc", fields)
    labels = [r[2] for r in rows]
    assert labels == sorted(labels, reverse=True) and "Доля женщин в полиции" in labels  # Russian labels' order
    asked = blocks(dash_duo)
    assert len(asked) >= n // BLOCK and max(b["rows"] for b in asked) == BLOCK and \
        sum(b["rows"] for b in asked) >= n

    dash_duo.find_element(".ag-header-cell[col-id='country'] .ag-header-cell-label").click()
    until(lambda: current_query(dash_duo).get("sort") == "country:asc", timeout=10)
    wait_idle(dash_duo)
    rows = grid_rows(dash_duo, fields)
    assert rows == server_order(query, "ru", "country:asc", fields)
    assert rows[0][0] == "Австралия" and rows[-1][0] == "Япония"
    assert console_errors(dash_duo) == []


def test_the_keyboard_sorts_by_a_heading_and_reaches_the_last_row_which_the_grid_then_fetches(dash_duo, app):
    """Enter on a focused heading sorts (on the server); End from a cell goes to the last row (AG Grid's key for it),
    whose block the grid then asks for: the row shown is the server's last row in that order."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    start(dash_duo, app)
    visit(dash_duo, "/explorer?preferred=0", lang="ru")
    until(lambda: dash_duo.driver.execute_script(FIRST_ROW_THERE), timeout=20)
    heading = dash_duo.find_element(".ag-header-cell[col-id='year']")
    dash_duo.driver.execute_script("arguments[0].focus()", heading)
    ActionChains(dash_duo.driver).send_keys(Keys.ENTER).perform()
    until(lambda: current_query(dash_duo).get("sort") == "year:asc", timeout=10)
    wait_idle(dash_duo)
    until(lambda: dash_duo.driver.execute_script(FIRST_ROW_THERE), timeout=20)
    want = server_order({"preferred": "0"}, "ru", "year:asc", ("country", "year"))
    dash_duo.find_element("#explorer-grid .ag-row[row-index='0'] .ag-cell").click()
    ActionChains(dash_duo.driver).send_keys(Keys.END).perform()
    focused = "const f = dash_ag_grid.getApi('explorer-grid').getFocusedCell(); return f && f.rowIndex"
    until(lambda: dash_duo.driver.execute_script(focused) == len(want) - 1, timeout=10, msg="End did not move focus")
    last = "const n = dash_ag_grid.getApi('explorer-grid').getDisplayedRowAtIndex(arguments[0]); return n && n.data"
    until(lambda: dash_duo.driver.execute_script(last, len(want) - 1), timeout=20, msg="the last row never came")
    row = dash_duo.driver.execute_script(last, len(want) - 1)
    assert (row["country"], row["year"]) == want[-1]
    shown = f"#explorer-grid .ag-row[row-index='{len(want) - 1}'] .ag-cell-focus"  # on screen, with the focus
    assert dash_duo.find_element(shown).text == row["note"]
    assert len(want) - 1 > BLOCK and want[-1][1] == max(year for _country, year in want)
    assert console_errors(dash_duo) == []


def test_a_filter_without_rows_says_so_and_the_next_filter_fills_the_grid_again(dash_duo, app):
    start(dash_duo, app)
    visit(dash_duo, "/explorer?country=TKM", lang="ru")
    until(lambda: dash_duo.driver.execute_script(NO_ROWS_SHOWN), timeout=20)
    assert dash_duo.find_element(".ag-overlay").text == "Нет строк по этому отбору"
    assert "Туркменистан" in dash_duo.find_element("#explorer-count").text
    dash_duo.find_element("#explorer-reset").click()
    until(lambda: "country" not in current_query(dash_duo), timeout=10)
    wait_idle(dash_duo)
    rows = grid_rows(dash_duo)
    assert len(rows) > BLOCK and str(len(rows)) in dash_duo.find_element("#explorer-count").text
    assert console_errors(dash_duo) == []


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_explorer_has_no_serious_accessibility_violation(dash_duo, app, axe_source, lang):
    start(dash_duo, app)
    visit(dash_duo, "/explorer?region=central_asia", lang=lang)
    grid_rows(dash_duo)
    assert axe_violations(dash_duo, axe_source) == []
    assert console_errors(dash_duo) == []
