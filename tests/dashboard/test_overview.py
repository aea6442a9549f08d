"""/ (overview) on a real warehouse: its queries, the default year from data, URL cleaning, layout and callbacks."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import Patch, dcc, html, no_update
from dash_tree import by_id, check_query, page_module, sql, texts, triggered, walk

from dashboard import db, ids

QUERIES = [
    ("overview_scopes", {"lang": "en"}, ["code", "label", "n_states"]),
    ("overview_years", {"scope": "police_officers"}, ["year", "n_reporting", "n_members", "members_reporting"]),
    ("overview_headline", {"lang": "ru", "year": 2015, "scope": "police_officers"},
     ["region", "name", "n_members", "n_reporting", "mean_share", "pooled_share", "n_pooled", "members_reporting"]),
    ("overview_states", {"lang": "en", "year": 2015, "scope": "police_officers"},
     ["iso3", "name", "is_central_asia", "region", "value", "women", "total", "method", "flags", "flag_labels",
      "source_id", "publisher", "vintage", "citation", "url", "other_scopes", "latest_year"]),
]


@pytest.fixture()
def page(served_warehouse):
    return page_module("/")


@pytest.fixture()
def cb(served_warehouse):
    import dashboard.app  # noqa: F401
    from dashboard.callbacks import overview
    return overview


@pytest.fixture()
def view(served_warehouse):
    from dashboard.callbacks import overview_view
    return overview_view


@pytest.mark.parametrize("name,params,columns", QUERIES, ids=[q[0] for q in QUERIES])
def test_every_overview_query_runs_and_returns_its_documented_columns(served_warehouse, name, params, columns):
    check_query(name, params, columns)


def test_states_query_lists_every_participating_state_once_with_the_preferred_share(served_warehouse):
    frame = db.query("overview_states", lang="en", year=2015, scope="police_officers")
    osce = {r[0] for r in sql(served_warehouse, "SELECT iso3 FROM country WHERE osce_participating")}
    assert set(frame["iso3"]) == osce and frame["iso3"].is_unique
    preferred = dict(sql(served_warehouse, "SELECT p.iso3, p.value FROM preferred p JOIN country c USING (iso3) "
                                           "WHERE c.osce_participating AND p.year = 2015 AND p.bound = '' "
                                           "AND p.indicator = 'share_women_police' AND p.scope = 'police_officers'"))
    held = frame.dropna(subset=["value"])
    assert dict(zip(held["iso3"], held["value"])) == pytest.approx(preferred)
    assert frame.set_index("iso3").at["KAZ", "value"] == 8.0


def test_states_query_says_which_other_scope_a_missing_state_has(served_warehouse):
    frame = db.query("overview_states", lang="ru", year=2015, scope="police_officers").set_index("iso3")
    assert pd.isna(frame.at["KGZ", "value"])  # no police-officer figure for 2015
    assert frame.at["KGZ", "other_scopes"] == "Весь персонал МВД"
    assert frame.at["KGZ", "latest_year"] == 2016
    assert pd.isna(frame.at["UZB", "latest_year"])


def test_headline_counts_agree_with_the_states_shown(served_warehouse):
    states = db.query("overview_states", lang="en", year=2016, scope="police_officers")
    head = db.query("overview_headline", lang="en", year=2016, scope="police_officers").set_index("region")
    assert head.at["osce", "n_reporting"] == states["value"].notna().sum()
    assert head.at["osce", "n_members"] == len(states)
    ca = states[states["is_central_asia"]]
    assert head.at["central_asia", "n_reporting"] == ca["value"].notna().sum()
    assert head.at["central_asia", "n_members"] == len(ca) == 5


def test_headline_has_zero_reporting_rows_for_a_year_without_data(served_warehouse):
    head = db.query("overview_headline", lang="en", year=1990, scope="police_officers")
    assert list(head["region"]) == ["osce", "central_asia"] and list(head["n_reporting"]) == [0, 0]


def test_default_year_is_the_latest_year_most_participating_states_report(served_warehouse, view):
    expected = sql(served_warehouse, "SELECT max(year) FROM region_aggregate WHERE region = 'osce' AND "
                                     "indicator = 'share_women_police' AND scope = 'police_officers' "
                                     "AND 2 * n_reporting > n_members")[0][0]
    assert view.default_year(db.query("overview_years", scope="police_officers")) == expected


def test_default_year_falls_back_to_the_latest_best_covered_year(view):
    years = pd.DataFrame({"year": [2014, 2015, 2016], "n_reporting": [2, 1, 2], "n_members": [57, 57, 57]})
    assert view.default_year(years) == 2016
    assert view.default_year(years.iloc[0:0]) is None


def test_layout_without_query_opens_on_the_default_year_in_both_languages(page, view):
    years = db.query("overview_years", scope="police_officers")
    for lang in ("en", "ru"):
        tree = page.layout(lang=lang)
        assert by_id(tree, ids.OVERVIEW_YEAR).data == view.default_year(years)
        assert by_id(tree, ids.OVERVIEW_SCOPE).value == "police_officers"
        slider = by_id(tree, ids.OVERVIEW_YEAR_SLIDER)
        assert list(slider.marks.values()) == [str(y) for y in years["year"]]
        assert slider.marks[slider.value] == str(view.default_year(years))
        for graph_id in (ids.OVERVIEW_MAP, ids.OVERVIEW_RANKING):
            graph = by_id(tree, graph_id)
            assert isinstance(graph, dcc.Graph) and graph.config["locale"] == lang
            assert graph.config["topojsonURL"] == "/assets/topojson/"


@pytest.mark.parametrize("query", [
    {"year": "2019", "scope": "police_officers"},            # a year without data in this scope
    {"year": "abc", "scope": "'; DROP TABLE country; --"},   # hostile
    {"year": "99999999999999999999", "scope": "<script>"},
])
def test_layout_cleans_hand_edited_and_hostile_values(page, view, query):
    tree = page.layout(lang="en", **query)
    assert by_id(tree, ids.OVERVIEW_SCOPE).value == "police_officers"
    assert by_id(tree, ids.OVERVIEW_YEAR).data == view.default_year(db.query("overview_years", scope="police_officers"))


def test_layout_keeps_a_valid_year_and_another_scope(page):
    tree = page.layout(lang="en", year="2015", scope="interior_ministry_staff")
    assert by_id(tree, ids.OVERVIEW_SCOPE).value == "interior_ministry_staff"
    assert by_id(tree, ids.OVERVIEW_YEAR).data == 2015
    assert any("All interior-ministry staff" in text for text in texts(tree))


def test_cards_say_the_pooled_share_is_unavailable_and_name_central_asia(page):
    tree = page.layout(lang="en", year="2015")
    cards = " ".join(texts(by_id(tree, ids.OVERVIEW_CARDS)))
    assert "not available" in cards and "no State in this scope reports both" in cards
    assert "1 of 5" in cards
    assert "With a figure for 2015: Kazakhstan. No figure: Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan." in cards


def test_cards_show_a_pooled_share_where_counts_exist(page, served_warehouse):
    year, n_pooled, pooled = sql(served_warehouse, "SELECT year, n_pooled, pooled_share FROM region_aggregate "
                                                   "WHERE region = 'osce' AND scope = 'police_officers' "
                                                   "AND indicator = 'share_women_police' AND n_pooled > 0 "
                                                   "ORDER BY year DESC LIMIT 1")[0]
    cards = " ".join(texts(by_id(page.layout(lang="en", year=str(year)), ids.OVERVIEW_CARDS)))
    assert f"Over the {n_pooled} States that report both counts for {year}." in cards
    assert f"{pooled:.1f}%" in cards


def test_russian_layout_uses_decimal_comma_and_russian_names(page):
    tree = page.layout(lang="ru", year="2016")
    all_text = " ".join(texts(tree))
    assert "1 из 5" in all_text and "Кыргызстан: 5,9\u00a0%, на 24,1 п. п. ниже 30 %." in all_text
    assert "Туркменистан" in " ".join(texts(by_id(tree, ids.OVERVIEW_MISSING)))


def test_missing_list_names_every_state_without_a_figure_central_asia_first(page):
    states = db.query("overview_states", lang="en", year=2016, scope="police_officers")
    gaps = states[states["value"].isna()]
    tree = page.layout(lang="en", year="2016")
    items = [li for li in walk(by_id(tree, ids.OVERVIEW_MISSING)) if isinstance(li, html.Li)]
    assert len(items) == len(gaps)
    names = [li.children[0].children for li in items]
    assert names[:4] == ["Kazakhstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]
    assert items[0].children[0].href == "/country/KAZ?lang=en"


def test_table_alternative_has_a_row_per_state_with_its_figure_or_no_data(page):
    tree = page.layout(lang="en", year="2015")
    rows = [tr for tr in walk(by_id(tree, ids.OVERVIEW_TABLE)) if isinstance(tr, html.Tr)][1:]
    assert len(rows) == 57
    kaz = next(texts(tr) for tr in rows if texts(tr)[0] == "Kazakhstan")
    assert kaz[:4] == ["Kazakhstan", "8%", "Police officers", "2015"]
    assert any(texts(tr)[1] == "no data" for tr in rows)


def test_russian_table_and_source_line_name_the_sources_in_russian(page):
    tree = page.layout(lang="ru", year="2015")
    rows = [texts(tr) for tr in walk(by_id(tree, ids.OVERVIEW_TABLE)) if isinstance(tr, html.Tr)][1:]
    kaz = next(r for r in rows if r[0] == "Казахстан")
    assert kaz[:5] == ["Казахстан", "8\u00a0%", "Сотрудники полиции", "2015", "Статистический отдел ООН (данные УНП ООН)"]
    source = by_id(tree, ids.OVERVIEW_MAP).figure.layout.annotations[0].text
    assert "Статистический отдел ООН" in source and "UN Statistics" not in source


def test_states_query_cites_the_source_in_the_language_when_the_row_has_no_document(served_warehouse):
    ru = db.query("overview_states", lang="ru", year=2015, scope="police_officers").set_index("iso3")
    assert ru.at["KAZ", "publisher"] == "Статистический отдел ООН (данные УНП ООН)"
    assert ru.at["KAZ", "citation"].startswith("УНП ООН (UN-CTS) через Статистический отдел ООН")


def test_layout_leaves_no_placeholder_or_catalog_key_visible(page):
    for lang in ("en", "ru"):
        for text in texts(page.layout(lang=lang, year="2015")):
            assert "{" not in text and "overview." not in text, text


def test_render_patches_the_map_when_only_the_year_moved(cb):
    triggered(f"{ids.OVERVIEW_YEAR}.data")
    out = cb.render(2015, "police_officers", "en")
    assert isinstance(out[0], Patch) and isinstance(out[3], go.Figure)
    triggered(f"{ids.OVERVIEW_SCOPE}.value")
    assert isinstance(cb.render(2015, "interior_ministry_staff", "en")[0], go.Figure)


def test_slider_positions_map_to_years_both_ways(cb):
    years = [2013, 2014, 2017]
    triggered(f"{ids.OVERVIEW_YEAR_SLIDER}.value")
    assert cb.sync_year(2, 2013, years, "police_officers") == (2017, no_update)
    assert cb.sync_year(0, 2013, years, "police_officers") == (no_update, no_update)
    triggered(f"{ids.OVERVIEW_YEAR}.data")
    assert cb.sync_year(0, 2014, years, "police_officers") == (no_update, 1)
    assert cb.sync_year(0, 2019, years, "police_officers") == (no_update, no_update)


def test_no_year_in_the_url_puts_the_slider_on_the_default_year_and_writes_nothing_back(cb, view):
    years = [int(y) for y in db.query("overview_years", scope="police_officers")["year"]]
    default = view.default_year(db.query("overview_years", scope="police_officers"))
    triggered(f"{ids.OVERVIEW_YEAR}.data")       # back to an address without ?year=
    assert cb.sync_year(0, None, years, "police_officers") == (no_update, years.index(default))
    triggered(f"{ids.OVERVIEW_YEAR_SLIDER}.value")   # the slider lands there: the URL stays as it is
    assert cb.sync_year(years.index(default), None, years, "police_officers") == (no_update, no_update)


def test_a_new_scope_keeps_the_year_when_it_has_data_else_takes_the_scope_default(cb, view):
    years, _max, marks, _disabled, pos, year, note = cb.scope_years("interior_ministry_staff", 2015, "en")
    assert 2015 in years and marks[pos] == "2015" and year is no_update
    years, *_rest, year, note = cb.scope_years("patrol_police", 2015, "en")
    assert year == view.default_year(db.query("overview_years", scope="patrol_police"))
    assert "Opens on" in note


def test_play_steps_through_the_years_and_stops_on_the_last(cb):
    triggered(f"{ids.OVERVIEW_PLAY}.n_clicks")
    assert cb.play(1, 0, True, 3, 5, "en") == (False, "❚❚ Pause", no_update)   # start where we are
    assert cb.play(1, 0, True, 5, 5, "en") == (False, "❚❚ Pause", 0)           # from the end: start over
    assert cb.play(2, 0, False, 3, 5, "en") == (True, "▶ Play", no_update)     # pause
    triggered(f"{ids.OVERVIEW_TICK}.n_intervals")
    assert cb.play(1, 1, False, 3, 5, "en") == (False, "❚❚ Pause", 4)
    assert cb.play(1, 2, False, 4, 5, "ru") == (True, "▶ Воспроизвести", 5)    # last year reached: stop
