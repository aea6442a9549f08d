"""/trends on a real warehouse: queries, URL-state cleaning, defaults from data, the layout in both languages."""
from __future__ import annotations

import json

import duckdb
import pytest
from dash import dcc, html
from dash_tree import by_id, check_query, page_module, texts, walk

from dashboard import db, i18n, ids

QUERIES = [
    ("trends_countries", {}, ["iso3", "name_en", "name_ru", "region", "is_central_asia"]),
    ("trends_regions", {}, ["code", "name_en", "name_ru", "sort"]),
    ("trends_scopes", {}, ["code", "label_en", "label_ru", "definition_en", "definition_ru", "sort"]),
    ("trends_default_countries", {"scope": "police_officers"}, ["iso3"]),
    ("trends_series", {"countries": ["KAZ", "KGZ"], "scope": "police_officers"},
     ["iso3", "name_en", "name_ru", "year", "value", "bound", "flags", "source_id", "vintage", "note",
      "n_alternatives"]),
    ("trends_regional", {"regions": ["osce", "central_asia"], "scope": "police_officers"},
     ["region", "name_en", "name_ru", "sort", "year", "mean_share", "pooled_share", "n_reporting", "n_pooled",
      "n_members", "members_reporting", "members_pooled"]),
    ("trends_flags", {}, ["code", "label_en", "label_ru", "definition_en", "definition_ru", "sort"]),
    ("trends_sources", {}, ["id", "publisher_en", "publisher_ru", "title_en", "title_ru", "url", "precedence"]),
]


@pytest.fixture()
def page(served_warehouse):
    return page_module("/trends")


@pytest.mark.parametrize("name,params,columns", QUERIES, ids=[q[0] for q in QUERIES])
def test_every_trends_query_runs_and_returns_its_documented_columns(served_warehouse, name, params, columns):
    check_query(name, params, columns)


def test_trends_series_holds_one_preferred_row_per_country_and_year(served_warehouse):
    frame = db.query("trends_series", countries=["KAZ"], scope="police_officers")
    assert frame["year"].is_unique
    kaz_2008 = frame[frame["year"] == 2008].iloc[0]
    assert kaz_2008["value"] == 10.0 and kaz_2008["vintage"] == "2019"   # the newer release wins


def test_trends_queries_take_an_empty_selection(served_warehouse):
    assert db.query("trends_series", countries=[], scope="police_officers").empty
    assert db.query("trends_regional", regions=[], scope="police_officers").empty


def test_default_countries_are_central_asian_states_with_data_then_two_neighbours(served_warehouse):
    with duckdb.connect(str(served_warehouse), read_only=True) as con:
        with_data = [r[0] for r in con.execute(
            "SELECT DISTINCT p.iso3 FROM preferred p JOIN country c USING (iso3) WHERE c.is_central_asia "
            "AND p.indicator = 'share_women_police' AND p.scope = 'police_officers' ORDER BY 1").fetchall()]
        central_asia = {r[0] for r in con.execute("SELECT iso3 FROM country WHERE is_central_asia").fetchall()}
    defaults = db.query("trends_default_countries", scope="police_officers")["iso3"].tolist()
    assert defaults[:len(with_data)] == with_data
    neighbours = defaults[len(with_data):]
    assert 1 <= len(neighbours) <= 2 and not set(neighbours) & central_asia


def test_layout_without_query_shows_the_default_selection_in_both_languages(page):
    for lang in ("en", "ru"):
        tree = page.layout(lang=lang)
        countries = by_id(tree, ids.TRENDS_COUNTRIES)
        assert countries.value == page.callbacks.default_countries()
        assert by_id(tree, ids.TRENDS_SCOPE).value == "police_officers"
        assert by_id(tree, ids.TRENDS_REF).data == [30, 50]
        graph = by_id(tree, ids.TRENDS_GRAPH)
        assert isinstance(graph, dcc.Graph) and graph.config["locale"] == lang
        assert len(graph.figure.data) >= 2


def test_layout_cleans_hostile_and_hand_edited_values(page):
    tree = page.layout(lang="en", countries="kaz,<script>,ZZZ,KAZ", regions="osce,'; DROP TABLE country",
                       scope="DROP TABLE observation", mode="weighted", ref="99,30")
    assert by_id(tree, ids.TRENDS_COUNTRIES).value == ["KAZ"]
    assert by_id(tree, ids.TRENDS_REGIONS).value == ["osce"]
    assert by_id(tree, ids.TRENDS_SCOPE).value == "police_officers"
    assert by_id(tree, ids.TRENDS_MODE).data == "unweighted"
    assert by_id(tree, ids.TRENDS_REF).data == [30]


def test_layout_in_russian_uses_russian_names_decimal_comma_and_says_what_is_missing(page):
    tree = page.layout(lang="ru", countries="KGZ,UZB", regions="")
    summary = " ".join(texts(by_id(tree, ids.TRENDS_SUMMARY)))
    assert "Кыргызстан — 5,9\u00a0% в 2016 г." in summary
    assert "Нет данных в этом охвате: Узбекистан." in summary
    options = by_id(tree, ids.TRENDS_COUNTRIES).options
    assert {"label": "Узбекистан", "value": "UZB"} in options


def test_layout_leaves_no_placeholder_or_catalog_key_visible(page):
    for lang in ("en", "ru"):
        tree = page.layout(lang=lang, countries="KAZ,KGZ,GEO,RUS,UZB", regions="osce,central_asia", mode="pooled")
        for text in texts(tree):
            assert "{" not in text and "trends." not in text, text


def test_pooled_mode_draws_only_years_with_counts_and_says_which_regions_have_none(page):
    tree = page.layout(lang="en", countries="", regions="central_asia,osce", mode="pooled")
    figure = by_id(tree, ids.TRENDS_GRAPH).figure
    assert [tr.name for tr in figure.data] == ["All OSCE participating States (pooled)"]
    assert any(text.startswith("No regional figure in this scope and mode for: Central Asia (pooled).")
               for text in texts(tree))


def test_coverage_table_names_the_members_reporting(page):
    tree = page.layout(lang="en", countries="", regions="central_asia")
    rows = [texts(row) for row in walk(by_id(tree, ids.TRENDS_COVERAGE)) if isinstance(row, html.Tr)]
    assert ["Central Asia (mean)", "1 of 5", "Kyrgyzstan"] == [rows[-1][0], rows[-1][3], rows[-1][4]]


def test_every_other_scope_is_a_separate_view(page):
    tree = page.layout(lang="en", countries="KGZ,UKR", regions="", scope="interior_ministry_staff")
    figure = by_id(tree, ids.TRENDS_GRAPH).figure
    assert [tr.name for tr in figure.data][:1] == ["Kyrgyzstan"]
    assert figure.data[0].y[0] == 25.0     # 2011, 'around 25%' of all interior-ministry staff
    assert "All interior-ministry staff" in figure.layout.title.text


def test_russian_chart_names_its_sources_in_russian(page):
    figure = by_id(page.layout(lang="ru", countries="KAZ,KGZ", regions=""), ids.TRENDS_GRAPH).figure
    source = next(a.text for a in figure.layout.annotations if (a.text or "").startswith("Источник:"))
    assert "Статистический отдел ООН" in source and "Цифры из открытых публикаций" in source
    assert "UN Statistics" not in source


def test_mode_and_reference_lines_are_toggle_buttons_pressed_as_the_url_says(page):
    tree = page.layout(lang="ru", mode="pooled", ref="50")
    buttons = {(b.id["type"], b.id["value"]): getattr(b, "aria-pressed") for b in walk(tree)
               if isinstance(b, html.Button) and isinstance(b.id, dict)}
    assert buttons == {(f"{ids.TRENDS_MODE}-option", "unweighted"): "false",
                       (f"{ids.TRENDS_MODE}-option", "pooled"): "true",
                       (f"{ids.TRENDS_REF}-option", 30): "false", (f"{ids.TRENDS_REF}-option", 50): "true"}
    legends = [c.children for c in walk(tree) if isinstance(c, html.Legend)]
    assert legends == ["Региональный показатель", "Опорные линии"]


def test_each_dropdown_sits_in_a_group_named_by_its_label(page):
    tree = page.layout(lang="en")
    groups = [c for c in walk(tree) if getattr(c, "role", None) == "group" and hasattr(c, "aria-labelledby")]
    named = {getattr(g, "aria-labelledby") for g in groups}
    assert named == {f"{i}-label" for i in (ids.TRENDS_COUNTRIES, ids.TRENDS_REGIONS, ids.TRENDS_SCOPE)}
    assert [by_id(tree, n).children for n in sorted(named)] == ["Countries", "Regions (our grouping)",
                                                               "Scope (who is counted)"]


def test_catalogs_have_the_same_keys_in_both_languages():
    en = json.loads((i18n.LOCALES / "en" / "trends.json").read_text(encoding="utf-8"))
    ru = json.loads((i18n.LOCALES / "ru" / "trends.json").read_text(encoding="utf-8"))
    assert en.keys() == ru.keys()
    assert all(v.strip() for v in [*en.values(), *ru.values()])
