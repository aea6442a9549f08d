"""The /sources page: its queries on a real warehouse, and its component tree in English and Russian."""
from __future__ import annotations

import sys

import duckdb
import pytest
from dash import html

from dashboard import db, ids
from dashboard.i18n import t

QUERY_COLUMNS = {
    "sources_definitions": ["kind", "code", "unit", "label", "definition", "n_values"],
    "sources_documents": ["citation", "url", "n_figures", "n_undated", "n_targets", "first_year", "last_year",
                          "countries"],
    "sources_regions": ["code", "name", "n_members", "members"],
    "sources_sources": ["id", "precedence", "kind", "publisher", "title", "url", "licence", "citation", "rows_read",
                        "rows_loaded", "rows_rejected", "n_values", "n_countries", "first_year", "last_year"],
    "sources_snapshots": ["source_id", "id", "path", "sha256", "bytes", "retrieved_at", "vintage"],
    "sources_build": ["build_id", "built_at", "git_commit", "release", "n_observations", "n_targets", "n_undated",
                      "started", "finished"],
}
WITH_LANG = {"sources_definitions", "sources_documents", "sources_regions", "sources_sources"}


@pytest.fixture(scope="module")
def con(warehouse):
    connection = duckdb.connect(str(warehouse), read_only=True)
    yield connection
    connection.close()


@pytest.fixture()
def page(served_warehouse):
    """The page module exactly as the app loaded it.

    Not `from dashboard.pages import sources`: while Dash loads pages as `pages.<name>`, that import would run
    register_page a second time under another name, and the router could then pick the copy without a layout.
    """
    import dash

    from dashboard import app  # noqa: F401  (creating the app loads the pages)
    name = next(p["module"] for p in dash.page_registry.values() if p["path"] == "/sources")
    module = sys.modules[name]
    module.page_tree.cache_clear()
    return module


def run(name: str, lang: str = "en"):
    return db.query(name, lang=lang) if name in WITH_LANG else db.query(name)


def walk(component):
    """Every component and string in a Dash tree, depth first."""
    yield component
    children = getattr(component, "children", None)
    if children is None:
        return
    for child in children if isinstance(children, (list, tuple)) else [children]:
        yield from walk(child)


def text(component) -> str:
    return " ".join(str(node) for node in walk(component) if isinstance(node, (str, int, float)))


def of_type(tree, kind) -> list:
    return [node for node in walk(tree) if isinstance(node, kind)]


@pytest.mark.parametrize("name", sorted(QUERY_COLUMNS))
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_each_sources_query_runs_and_returns_its_documented_columns(served_warehouse, name, lang):
    df = run(name, lang)
    assert list(df.columns) == QUERY_COLUMNS[name]
    assert len(df) > 0


def test_definitions_hold_every_indicator_scope_and_flag_of_the_warehouse(served_warehouse, con):
    df = run("sources_definitions", "ru")
    for kind, table in (("indicator", "indicator"), ("scope", "scope"), ("flag", "flag")):
        expected = {row[0] for row in con.execute(f"SELECT code FROM {table}").fetchall()}
        assert set(df.loc[df["kind"] == kind, "code"]) == expected


def test_definitions_come_in_the_chosen_language_from_the_warehouse_columns(served_warehouse, con):
    label_ru = con.execute("SELECT label_ru FROM scope WHERE code = 'police_officers'").fetchone()[0]
    df = run("sources_definitions", "ru")
    assert df.loc[(df["kind"] == "scope") & (df["code"] == "police_officers"), "label"].item() == label_ru


def test_flag_counts_include_our_possible_break_check_from_the_series_view(served_warehouse, con):
    expected = con.execute("SELECT count(*) FROM series WHERE flags LIKE '%possible_break%'").fetchone()[0]
    df = run("sources_definitions")
    assert df.loc[(df["kind"] == "flag") & (df["code"] == "possible_break"), "n_values"].item() == expected


def test_sources_come_with_their_russian_title_and_citation_from_the_warehouse(served_warehouse, con):
    sql = "SELECT title_ru, citation_ru FROM source WHERE id = 'un_minset_iv4'"
    title_ru, citation_ru = con.execute(sql).fetchone()
    row = run("sources_sources", "ru").set_index("id").loc["un_minset_iv4"]
    assert (row["title"], row["citation"]) == (title_ru, citation_ru)


def test_regions_list_the_five_central_asian_states_by_their_russian_names(served_warehouse):
    df = run("sources_regions", "ru").set_index("code")
    assert df.at["central_asia", "n_members"] == 5
    assert df.at["central_asia", "members"] == "Казахстан, Кыргызстан, Таджикистан, Туркменистан, Узбекистан"
    assert df.at["osce", "n_members"] == 57


def test_documents_count_every_cited_observation_once(served_warehouse, con):
    cited = con.execute("SELECT count(*) FROM observation WHERE citation <> ''").fetchone()[0]
    assert run("sources_documents")["n_figures"].sum() == cited


def test_sources_carry_this_builds_load_counts_only_for_sources_that_were_loaded(served_warehouse, con):
    df = run("sources_sources").set_index("id")
    loaded = {row[0] for row in con.execute("SELECT source_id FROM etl_run").fetchall()}
    assert set(df.index[df["rows_read"].notna()]) == loaded


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_layout_has_a_heading_contents_and_every_section_in_the_language(page, lang):
    tree = page.layout(lang=lang)
    assert of_type(tree, html.H1)[0].children == t("sources.heading", lang)
    section_ids = [s.id for s in of_type(tree, html.Section)]
    assert section_ids == [sid for sid, _ in page.SECTIONS]
    links = [a.href for a in of_type(tree.children[2], html.A)]
    assert links == [f"#{sid}" for sid in section_ids]
    assert [h.children for h in of_type(tree, html.H2)] == [t(key, lang) for _, key in page.SECTIONS]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_layout_shows_every_source_with_its_citation_licence_and_url_in_the_language(page, lang):
    tree = page.layout(lang=lang)
    body = text(tree)
    for src in run("sources_sources", lang).to_dict("records"):
        assert src["title"] in body and src["citation"] in body and src["licence"] in body
        if src["url"]:
            assert src["url"] in [a.href for a in of_type(tree, html.A)]


def test_layout_lists_each_raw_file_with_checksum_retrieval_date_and_vintage(page):
    body = text(page.layout(lang="en"))
    for snap in run("sources_snapshots").to_dict("records"):
        assert snap["path"] in body and snap["sha256"] in body
        assert (snap["retrieved_at"] or t("sources.retrieved_unknown", "en")) in body


def test_a_source_without_a_file_in_the_build_says_it_gives_no_figure(page):
    missing = run("sources_sources")["rows_read"].isna().sum()
    assert text(page.layout(lang="ru")).count(t("sources.not_in_build", "ru")) == missing


def test_caveats_quote_the_warehouse_definition_of_our_possible_break_check(page, con):
    definition = con.execute("SELECT definition_ru FROM flag WHERE code = 'possible_break'").fetchone()[0]
    caveats = of_type(page.layout(lang="ru"), html.Ul)
    assert any(definition in text(ul) for ul in caveats)


def test_caveats_are_seven_one_per_known_limit(page):
    tree = page.layout(lang="en")
    section = next(s for s in of_type(tree, html.Section) if s.id == ids.SOURCES_CAVEATS)
    assert len(of_type(section, html.Li)) == 7


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_table_has_a_caption_column_headers_and_row_headers(page, lang):
    for table in of_type(page.layout(lang=lang), html.Table):
        assert isinstance(table.children[0], html.Caption) and table.children[0].children
        assert all(th.scope == "col" for th in of_type(table.children[1], html.Th))
        for row in of_type(table.children[2], html.Tr):
            assert isinstance(row.children[0], html.Th) and row.children[0].scope == "row"


def test_build_section_shows_the_build_id_and_release_of_the_warehouse(page):
    build = run("sources_build").iloc[0]
    section = next(s for s in of_type(page.layout(lang="en"), html.Section) if s.id == ids.SOURCES_BUILD)
    assert build["build_id"] in text(section) and build["release"] in text(section)


def test_russian_numbers_use_the_russian_thousands_separator(page):
    body = text(page.layout(lang="ru"))
    n_obs = run("sources_build").iloc[0]["n_observations"]
    assert n_obs >= 1000 and f"{n_obs:,}".replace(",", "\u202f") in body


def test_layout_ignores_unknown_query_parameters_and_a_bad_language(page):
    tree = page.layout(lang="xx", year="<script>", countries="KAZ")
    assert of_type(tree, html.H1)[0].children == t("sources.heading", "en")


def test_the_page_is_built_once_per_build_and_language(page):
    assert page.layout(lang="en") is page.layout(lang="en")
    assert page.layout(lang="ru") is not page.layout(lang="en")
