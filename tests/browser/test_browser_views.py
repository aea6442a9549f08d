"""Views in headless Chromium: URL round trip, year slider, language switch, back button, locale, map, /sources."""
from __future__ import annotations

import duckdb
import pytest
from dash.testing.wait import until
from selenium.webdriver.common.keys import Keys

from browsing import console_errors, current_query, start, visit, wait_idle
from dashboard import ids
from dashboard.i18n import t

pytestmark = pytest.mark.browser

PROP = """
const state = window.store.getState(), path = state.paths.strs[arguments[0]];
if (!path) { return null; }
let node = state.layout;
for (const key of path) { node = node[key]; }
return node.props[arguments[1]];
"""
FIGURE_DATA = "const gd = document.querySelector(arguments[0] + ' .js-plotly-plot'); return gd ? gd.data : null;"
TITLE = "const el = document.querySelector(arguments[0] + ' .gtitle'); return el ? el.textContent : null;"
SLIDER_THUMB = f'[id^="{ids.OVERVIEW_YEAR_SLIDER}"] [role="slider"]'


def prop(dash_duo, component_id: str, name: str):
    """A component property as Dash holds it (independent of how the component draws itself)."""
    return dash_duo.driver.execute_script(PROP, component_id, name)


def country_name(warehouse, iso3: str, lang: str) -> str:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        name_en, name_ru = con.execute("SELECT name_en, name_ru FROM country WHERE iso3 = ?", [iso3]).fetchone()
    return name_ru if lang == "ru" else name_en


def year_shown(dash_duo) -> str:
    return dash_duo.find_element(SLIDER_THUMB).get_attribute("aria-valuetext")


def move_year_left(dash_duo) -> str:
    """Press ArrowLeft on the year slider; wait until the URL and the map follow; return the new year."""
    before = year_shown(dash_duo)
    dash_duo.find_element(SLIDER_THUMB).send_keys(Keys.ARROW_LEFT)
    until(lambda: year_shown(dash_duo) != before, timeout=10, msg="the slider did not move")
    year = year_shown(dash_duo)
    until(lambda: current_query(dash_duo).get("year") == year, timeout=10, msg="the URL did not follow the slider")
    until(lambda: year in (dash_duo.driver.execute_script(TITLE, f"#{ids.OVERVIEW_MAP}") or ""), timeout=15,
          msg="the map title did not change")
    wait_idle(dash_duo)
    return year


def test_a_trends_url_restores_its_countries_in_russian(dash_duo, app, warehouse):
    start(dash_duo, app)
    visit(dash_duo, "/trends?countries=KAZ,SRB", "ru")
    assert prop(dash_duo, ids.TRENDS_COUNTRIES, "value") == ["KAZ", "SRB"]
    shown = dash_duo.find_element(f"#{ids.TRENDS_COUNTRIES}").text
    assert country_name(warehouse, "KAZ", "ru") in shown and country_name(warehouse, "SRB", "ru") in shown
    assert dash_duo.driver.title.startswith(t("trends.page_title", "ru"))
    assert current_query(dash_duo)["countries"] == "KAZ,SRB"
    assert console_errors(dash_duo) == []


def test_moving_the_overview_year_slider_changes_the_map_and_the_ranking(dash_duo, app):
    start(dash_duo, app)
    visit(dash_duo, "/")
    map_before = dash_duo.driver.execute_script(FIGURE_DATA, f"#{ids.OVERVIEW_MAP}")
    ranking_before = dash_duo.driver.execute_script(FIGURE_DATA, f"#{ids.OVERVIEW_RANKING}")
    year = move_year_left(dash_duo)
    assert dash_duo.driver.execute_script(FIGURE_DATA, f"#{ids.OVERVIEW_MAP}") != map_before
    assert dash_duo.driver.execute_script(FIGURE_DATA, f"#{ids.OVERVIEW_RANKING}") != ranking_before
    assert year in dash_duo.driver.execute_script(TITLE, f"#{ids.OVERVIEW_RANKING}")
    assert console_errors(dash_duo) == []


def test_the_ru_button_switches_the_labels_and_keeps_the_view(dash_duo, app):
    start(dash_duo, app)
    visit(dash_duo, "/trends?countries=KAZ,SRB")
    heading_en = dash_duo.find_element("#app-main h1").text
    dash_duo.find_element(f"#{ids.LANG_RU}").click()
    until(lambda: dash_duo.driver.execute_script("return document.documentElement.lang") == "ru", timeout=10)
    wait_idle(dash_duo)
    assert current_query(dash_duo) == {"lang": "ru", "countries": "KAZ,SRB"}
    assert dash_duo.find_element("#app-main h1").text not in ("", heading_en)
    assert dash_duo.find_element(f"#{ids.LANG_RU}").get_attribute("aria-pressed") == "true"
    assert prop(dash_duo, ids.TRENDS_COUNTRIES, "value") == ["KAZ", "SRB"]
    assert console_errors(dash_duo) == []


def test_the_back_button_restores_the_previous_year(dash_duo, app):
    start(dash_duo, app)
    visit(dash_duo, "/")
    first = year_shown(dash_duo)
    move_year_left(dash_duo)
    dash_duo.driver.back()
    until(lambda: year_shown(dash_duo) == first, timeout=10, msg="back did not restore the slider")
    until(lambda: first in (dash_duo.driver.execute_script(TITLE, f"#{ids.OVERVIEW_MAP}") or ""), timeout=15,
          msg="back did not restore the map")
    assert current_query(dash_duo).get("year") in (None, first)
    assert console_errors(dash_duo) == []


def test_the_dropdown_focus_proxy_hands_keyboard_focus_to_the_labelled_dropdown(dash_duo, app):
    """Backs the one listed axe exception (browsing.UPSTREAM_FALSE_POSITIVES): focus never rests on the proxy."""
    start(dash_duo, app)
    visit(dash_duo, "/trends")
    dash_duo.driver.execute_script("document.getElementById(arguments[0]).parentElement"
                                   ".querySelector('.dash-dropdown-focus-target').focus()", ids.TRENDS_COUNTRIES)
    focused = dash_duo.driver.switch_to.active_element
    assert focused.get_attribute("id") == ids.TRENDS_COUNTRIES
    assert focused.get_attribute("aria-hidden") is None
    assert console_errors(dash_duo) == []


def test_charts_in_russian_have_a_russian_modebar(dash_duo, app):
    start(dash_duo, app)
    visit(dash_duo, "/", "ru")
    titles = {el.get_attribute("data-title") for el in dash_duo.find_elements(".modebar-btn")}
    assert "Скачать график в PNG" in titles
    assert not titles & {"Download plot as a PNG", "Zoom in", "Zoom out", "Reset view", "Pan"}
    assert console_errors(dash_duo) == []


def test_the_map_reads_its_topojson_from_the_app_never_from_a_cdn(dash_duo, app):
    start(dash_duo, app)
    visit(dash_duo, "/")
    loaded = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    assert any("/assets/topojson/" in name for name in loaded)
    assert [name for name in loaded if "cdn.plot.ly" in name or not name.startswith(dash_duo.server.url)] == []
    assert console_errors(dash_duo) == []


def test_the_skip_link_moves_keyboard_focus_to_the_main_content(dash_duo, app):
    start(dash_duo, app)
    visit(dash_duo, "/sources")
    dash_duo.find_element("body").send_keys(Keys.TAB)
    focused = dash_duo.driver.switch_to.active_element
    assert focused.get_attribute("id") == ids.SKIP_LINK
    focused.send_keys(Keys.ENTER)
    until(lambda: dash_duo.driver.execute_script(
        f"return document.activeElement.id === '{ids.MAIN}' || location.hash === '#{ids.MAIN}'"), timeout=5)
    assert console_errors(dash_duo) == []


def test_sources_contents_links_jump_to_a_section_without_reloading_the_page(dash_duo, app):
    start(dash_duo, app)
    visit(dash_duo, "/sources", "ru")
    dash_duo.driver.execute_script("document.querySelector('#app-main h1').dataset.marker = 'kept';")
    dash_duo.find_element(f'#{ids.SOURCES_TOC} a[href="#{ids.SOURCES_BUILD}"]').click()
    until(lambda: dash_duo.driver.execute_script("return window.scrollY") > 0, timeout=5)
    assert dash_duo.driver.execute_script("return location.hash") == f"#{ids.SOURCES_BUILD}"
    assert dash_duo.find_element("#app-main h1").get_attribute("data-marker") == "kept"
    assert current_query(dash_duo) == {"lang": "ru"}
    assert console_errors(dash_duo) == []


def test_sources_documents_open_with_the_keyboard(dash_duo, app):
    start(dash_duo, app)
    visit(dash_duo, "/sources")
    summary = dash_duo.find_element(f"#{ids.SOURCES_DOCUMENTS} details > summary")
    summary.send_keys(Keys.ENTER)
    until(lambda: dash_duo.find_element(f"#{ids.SOURCES_DOCUMENTS} details").get_attribute("open") is not None,
          timeout=5)
    assert dash_duo.find_element(f"#{ids.SOURCES_DOCUMENTS} details table").is_displayed()
    assert console_errors(dash_duo) == []


def test_playing_the_years_adds_one_history_entry_not_one_per_year(dash_duo, app):
    start(dash_duo, app)
    visit(dash_duo, "/")
    first = year_shown(dash_duo)
    wait_idle(dash_duo)
    before, entries = current_query(dash_duo), dash_duo.driver.execute_script("return history.length")
    dash_duo.find_element(f"#{ids.OVERVIEW_PLAY}").click()
    until(lambda: year_shown(dash_duo) != first, timeout=15, poll=0.1, msg="play did not step to the next year")
    assert prop(dash_duo, ids.OVERVIEW_TICK, "disabled") is False, "play stopped after one year"
    assert current_query(dash_duo) == before, "the URL followed the year while playing"
    dash_duo.find_element(f"#{ids.OVERVIEW_PLAY}").click()
    until(lambda: current_query(dash_duo).get("year") == year_shown(dash_duo), timeout=10,
          msg="the URL did not catch up when play stopped")
    wait_idle(dash_duo)
    assert dash_duo.driver.execute_script("return history.length") == entries + 1
    dash_duo.driver.back()
    until(lambda: year_shown(dash_duo) == first, timeout=10, msg="back did not return to the year before play")
    assert console_errors(dash_duo) == []
