"""/coverage on a real warehouse: queries, findings from data, the matrix figure, layout and callback, both languages."""
from __future__ import annotations

import plotly.graph_objects as go
import pytest
from dash import dcc, html
from dash_tree import by_id, check_query, page_module, sql, texts, walk

from dashboard import db, ids
from dashboard.figures import coverage as fig

QUERIES = [
    ("coverage_sources", {"lang": "ru"}, ["id", "publisher", "title", "international", "n_values"]),
    ("coverage_matrix", {"source": "", "lang": "en"},
     ["iso3", "name", "region", "region_name", "region_sort", "is_central_asia", "year", "status", "n_values",
      "indicators", "scopes", "sources"]),
    ("coverage_countries", {"source": "un_minset_iv4", "lang": "ru"},
     ["iso3", "name", "region_name", "region_sort", "is_central_asia", "years_reported", "years_flagged",
      "first_year", "last_year", "international", "undated", "women_figure"]),
]


@pytest.fixture()
def page(served_warehouse):
    return page_module("/coverage")


@pytest.mark.parametrize("name,params,columns", QUERIES, ids=[q[0] for q in QUERIES])
def test_every_coverage_query_runs_and_returns_its_documented_columns(served_warehouse, name, params, columns):
    check_query(name, params, columns)


def test_matrix_has_every_state_and_year_once_central_asia_first(served_warehouse):
    cells = db.query("coverage_matrix", source="", lang="en")
    first, last = sql(served_warehouse, "SELECT min(year), max(year) FROM observation")[0]
    assert len(cells) == 57 * (last - first + 1)
    assert not cells.duplicated(["iso3", "year"]).any()
    assert set(cells["status"]) <= {"reported", "flagged", "missing"}
    assert cells["is_central_asia"].iloc[0] and cells.drop_duplicates("iso3")["is_central_asia"].head(5).all()


def test_all_sources_take_the_best_status_of_any_source(served_warehouse):
    cells = db.query("coverage_matrix", source="", lang="en").set_index(["iso3", "year"])
    best = {"reported": 2, "flagged": 1, "missing": 0}
    rows = sql(served_warehouse, "SELECT iso3, year, status FROM availability")
    expected = {}
    for iso3, year, status in rows:
        expected[(iso3, year)] = max(expected.get((iso3, year), 0), best[status])
    assert {k: best[v] for k, v in cells["status"].items()} == expected


def test_one_source_shows_only_that_source(served_warehouse):
    cells = db.query("coverage_matrix", source="un_minset_iv4", lang="en")
    held = cells[cells["status"] != "missing"]
    assert set(held["sources"]) == {"UN Statistics Division (data: UNODC)"}
    kaz = held[held["iso3"] == "KAZ"]
    assert list(kaz["year"]) == [2008, 2009, 2010, 2011, 2012, 2013, 2015]
    assert set(kaz["indicators"]) == {"Women's share of police"} and set(kaz["scopes"]) == {"Police officers"}


def test_sources_are_named_in_the_language_and_international_comes_from_their_kind(served_warehouse):
    ru = db.query("coverage_sources", lang="ru").set_index("id")
    kinds = dict(sql(served_warehouse, "SELECT id, kind FROM source"))
    assert {i: bool(v) for i, v in ru["international"].items()} == {i: k == "international" for i, k in kinds.items()}
    assert ru.at["un_minset_iv4", "publisher"] == "Статистический отдел ООН (данные УНП ООН)"
    cells = db.query("coverage_matrix", source="un_minset_iv4", lang="ru")
    assert set(cells.loc[cells["status"] != "missing", "sources"]) == {"Статистический отдел ООН (данные УНП ООН)"}


def test_russian_selector_findings_and_source_line_name_sources_in_russian(page):
    tree = page.layout(lang="ru", source="un_minset_iv4")
    labels = [o["label"] for o in by_id(tree, ids.COVERAGE_SOURCE).options]
    assert labels[0] == "Все источники" and any(label.startswith("Евростат: ") for label in labels)
    finding = " ".join(texts(by_id(tree, ids.COVERAGE_FINDING)))
    assert "Статистический отдел ООН (данные УНП ООН): Минимальный набор гендерных показателей" in finding
    source = by_id(tree, ids.COVERAGE_MATRIX).figure.layout.annotations[0].text
    assert "Статистический отдел ООН" in source and "UN Statistics" not in source


def test_country_counts_agree_with_the_matrix(served_warehouse):
    for source in ("", "submission:published-figures"):
        cells = db.query("coverage_matrix", source=source, lang="en")
        countries = db.query("coverage_countries", source=source, lang="en").set_index("iso3")
        held = cells[cells["status"] != "missing"].groupby("iso3").size()
        assert all(countries.at[i, "years_reported"] == held.get(i, 0) for i in countries.index)


def test_country_flags_for_international_files_women_figures_and_undated_come_from_data(served_warehouse):
    countries = db.query("coverage_countries", source="", lang="en").set_index("iso3")
    assert countries.at["KAZ", "international"] and not countries.at["KGZ", "international"]
    assert countries.at["KGZ", "women_figure"] and not countries.at["UZB", "women_figure"]
    undated = dict(sql(served_warehouse, "SELECT iso3, count(*) FROM undated_figure GROUP BY iso3"))
    assert {i: n for i, n in countries["undated"].items() if n} == undated


def test_findings_are_counted_from_the_data(page, served_warehouse):
    tree = page.layout(lang="en")
    finding = " ".join(texts(by_id(tree, ids.COVERAGE_FINDING)))
    outside = [r[0] for r in sql(served_warehouse,
               "SELECT name_en FROM country c WHERE is_central_asia AND NOT EXISTS (SELECT 1 FROM observation o "
               "JOIN source s ON s.id = o.source_id WHERE o.iso3 = c.iso3 AND s.kind = 'international') "
               "ORDER BY name_en")]
    assert f"{len(outside)} of 5 Central Asian States have no series in the international files: " \
           f"{', '.join(outside)}." in finding
    assert "Present in them: Kazakhstan." in finding
    assert "participating States have no dated figure on women in police from any source" in finding
    assert "Turkmenistan" in finding and "Uzbekistan" in finding


def test_layout_defaults_to_all_sources_and_cleans_hostile_values(page, served_warehouse):
    for query in ({}, {"source": "'; DROP TABLE source; --"}, {"source": "<script>"}):
        tree = page.layout(lang="en", **query)
        assert by_id(tree, ids.COVERAGE_SOURCE).value == "all"
    tree = page.layout(lang="en", source="un_minset_iv4")
    assert by_id(tree, ids.COVERAGE_SOURCE).value == "un_minset_iv4"
    n = sql(served_warehouse, "SELECT count(DISTINCT o.iso3) FROM observation o JOIN country c USING (iso3) "
                              "WHERE c.osce_participating AND o.source_id = 'un_minset_iv4'")[0][0]
    assert f"{n} of 57 participating States have at least one year" in " ".join(texts(by_id(tree, ids.COVERAGE_FINDING)))


def test_layout_in_both_languages_has_the_matrix_legend_table_and_no_stray_keys(page):
    for lang, word in (("en", "Kazakhstan"), ("ru", "Казахстан")):
        tree = page.layout(lang=lang)
        graph = by_id(tree, ids.COVERAGE_MATRIX)
        assert isinstance(graph, dcc.Graph) and graph.config["locale"] == lang
        rows = [tr for tr in walk(by_id(tree, ids.COVERAGE_TABLE)) if isinstance(tr, html.Tr)][1:]
        assert len(rows) == 57 and word in texts(rows[0])
        for text in texts(tree):
            assert "{" not in text and "coverage." not in text, text


def test_table_links_each_state_to_its_profile(page):
    tree = page.layout(lang="ru")
    links = [c for c in walk(by_id(tree, ids.COVERAGE_TABLE)) if isinstance(c, dcc.Link)]
    assert len(links) == 57 and links[0].href == "/country/KAZ?lang=ru"


def test_matrix_figure_codes_status_with_colour_and_a_mark(served_warehouse):
    cells = db.query("coverage_matrix", source="", lang="en")
    counts = db.query("coverage_countries", source="", lang="en").set_index("iso3")["years_reported"].to_dict()
    figure = fig.matrix_figure(cells, counts, "All sources", "en")
    heat = figure.data[0]
    keys = list(heat.y)
    row = heat.z[keys.index("KAZ")]
    years = list(heat.x)
    kaz = cells[cells["iso3"] == "KAZ"].set_index("year")["status"]
    assert [fig.CODE[kaz[int(y)]] for y in years] == list(row)
    assert heat.text[keys.index("KAZ")][years.index("2015")] == "✓"
    assert (heat.zmin, heat.zmax, heat.showscale) == (0, 2, False)


def test_matrix_rows_group_states_under_region_headers_with_profile_links(served_warehouse):
    cells = db.query("coverage_matrix", source="", lang="ru")
    figure = fig.matrix_figure(cells, {}, "Все источники", "ru")
    labels = list(figure.layout.yaxis.ticktext)
    assert labels[0] == "<b>Центральная Азия</b>"
    assert labels[1] == '<a href="/country/KAZ?lang=ru" target="_self"><b>Казахстан</b></a>'
    headers = [k for k in figure.data[0].y if k.startswith("region:")]
    assert len(headers) == cells["region"].nunique()
    assert all(z is None for z in figure.data[0].z[0])


def test_matrix_hover_lists_indicators_scopes_and_sources_or_says_no_figure(served_warehouse):
    cells = db.query("coverage_matrix", source="", lang="en")
    figure = fig.matrix_figure(cells, {}, "All sources", "en")
    heat = figure.data[0]
    row = list(heat.y).index("KGZ")
    years = list(heat.x)
    assert "Indicators: Women's share of police" in heat.hovertext[row][years.index("2016")]
    assert "Sources: Figures read in public pages" in heat.hovertext[row][years.index("2016")]
    assert heat.hovertext[row][years.index("2003")].endswith("no figure")


def test_matrix_shows_the_count_of_years_per_state(served_warehouse):
    cells = db.query("coverage_matrix", source="", lang="en")
    figure = fig.matrix_figure(cells, {"KAZ": 10}, "All sources", "en")
    counts = {a.y: a.text for a in figure.layout.annotations if a.xref == "paper" and a.y in ("KAZ", "UZB")}
    assert counts == {"KAZ": "10", "UZB": "0"}


def test_matrix_summary_adds_up(served_warehouse):
    cells = db.query("coverage_matrix", source="", lang="en")
    status = cells["status"].value_counts()
    text = fig.matrix_summary(cells, "All sources", "en")
    assert f"{len(cells):,} State-years" in text
    assert f"{status['reported']} hold a figure without a caution flag" in text


def test_render_callback_rebuilds_for_a_new_source(served_warehouse):
    import dashboard.app  # noqa: F401
    from dashboard.callbacks import coverage as cb
    _finding, figure, summary, _table = cb.render("submission:published-figures", "en")
    assert isinstance(figure, go.Figure)
    assert "Published figures on women in police" in " ".join(texts(summary))
    assert cb.render("no-such-source", "en")[1].layout.annotations[0].text.startswith("Source: All sources")
