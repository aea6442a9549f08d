"""/sources: the warehouse's sources, raw files, definitions, caveats, region groups and build -> one reference page."""
from __future__ import annotations

from functools import lru_cache

import dash
import pandas as pd
from dash import html

from dashboard import db, ids
from dashboard.i18n import lang_or_default, number, t

dash.register_page(__name__, path="/sources", title_key="sources.page_title")

MAIN_SCOPE = "police_officers"
UNIT_KEYS = {"persons": "sources.unit_persons", "percent": "sources.unit_percent",
             "per_100k": "sources.unit_per_100k"}
KIND_KEYS = {"international": "sources.kind_international", "national": "sources.kind_national"}
SECTIONS = [
    (ids.SOURCES_SOURCES, "sources.section_sources"),
    (ids.SOURCES_DOCUMENTS, "sources.section_documents"),
    (ids.SOURCES_CAVEATS, "sources.section_caveats"),
    (ids.SOURCES_INDICATORS, "sources.section_indicators"),
    (ids.SOURCES_SCOPES, "sources.section_scopes"),
    (ids.SOURCES_FLAGS, "sources.section_flags"),
    (ids.SOURCES_REGIONS, "sources.section_regions"),
    (ids.SOURCES_BUILD, "sources.section_build"),
]


def layout(lang: str = "en", **_query) -> html.Div:
    """The page has no view state: it depends only on the warehouse build and the language."""
    return page_tree(db.build_id(), lang_or_default(lang))


@lru_cache(maxsize=4)
def page_tree(build_id: str, lang: str) -> html.Div:
    """Built once per build and language (`build_id` is the cache key: a rebuilt warehouse gives a new page).

    The same component tree is served to every request; nothing downstream mutates it.
    """
    data = warehouse_data(lang)
    definitions = {kind: df for kind, df in data["definitions"].groupby("kind")}
    bodies = {
        ids.SOURCES_SOURCES: sources_section(data["sources"], data["snapshots"], lang),
        ids.SOURCES_DOCUMENTS: documents_section(data["documents"], lang),
        ids.SOURCES_CAVEATS: caveats_section(definitions, data["build"].iloc[0], lang),
        ids.SOURCES_INDICATORS: indicators_section(definitions["indicator"], lang),
        ids.SOURCES_SCOPES: definitions_section(definitions["scope"], "sources.scopes_intro",
                                                "sources.scopes_caption", lang),
        ids.SOURCES_FLAGS: definitions_section(definitions["flag"], "sources.flags_intro",
                                               "sources.flags_caption", lang),
        ids.SOURCES_REGIONS: regions_section(data["regions"], lang),
        ids.SOURCES_BUILD: build_section(data["build"].iloc[0], lang),
    }
    return html.Div([
        html.H1(t("sources.heading", lang)),
        html.P(t("sources.lede", lang), className="lede"),
        contents(lang),
        *[html.Section([html.H2(t(key, lang)), *bodies[sid]], id=sid, className="sources-section")
          for sid, key in SECTIONS],
    ], className="page page-sources")


def warehouse_data(lang: str) -> dict[str, pd.DataFrame]:
    """Every query of the page."""
    data = {name: db.query(f"sources_{name}", lang=lang)
            for name in ("definitions", "documents", "regions", "sources")}
    data.update({name: db.query(f"sources_{name}") for name in ("snapshots", "build")})
    return data


def contents(lang: str) -> html.Nav:
    """In-page links, so keyboard and screen-reader users can jump to a section."""
    return html.Nav(
        html.Ol([html.Li(html.A(t(key, lang), href=f"#{sid}")) for sid, key in SECTIONS]),
        id=ids.SOURCES_TOC, className="sources-toc", **{"aria-label": t("sources.toc_label", lang)},
    )


def table(caption: str, headers: list[str], rows: list[list], numeric: tuple[int, ...] = ()) -> html.Table:
    """An accessible data table: caption, column headers, and the first cell of each row as its row header."""
    def cells(row):
        return [html.Th(row[0], scope="row")] + [
            html.Td(value, className="num" if i in numeric else None) for i, value in enumerate(row[1:], start=1)]
    return html.Table([
        html.Caption(caption),
        html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
        html.Tbody([html.Tr(cells(row)) for row in rows]),
    ], className="data sources-table")


def texts(keys: tuple[str, ...], lang: str) -> list[str]:
    return [t(key, lang) for key in keys]


def fields(pairs: list[tuple[str, object]]) -> html.Dl:
    return html.Dl([part for label, value in pairs for part in (html.Dt(label), html.Dd(value))],
                   className="sources-fields")


def link(url: str) -> html.A:
    return html.A(url, href=url, className="sources-url")


def years(first, last) -> str:
    """'2004–2017', or one year, for a span of integer years."""
    return str(first) if first == last else f"{first}\u2013{last}"


def sources_section(sources: pd.DataFrame, snapshots: pd.DataFrame, lang: str) -> list:
    return [html.P(t("sources.sources_intro", lang))] + [
        source_card(row, snapshots[snapshots["source_id"] == row["id"]], lang) for row in sources.to_dict("records")]


def source_card(src: dict, files: pd.DataFrame, lang: str) -> html.Article:
    pairs = [
        (t("sources.field_kind", lang), t(KIND_KEYS[src["kind"]], lang)),
        (t("sources.field_publisher", lang), src["publisher"]),
        (t("sources.field_citation", lang), src["citation"]),
        (t("sources.field_licence", lang), src["licence"] or t("sources.not_stated", lang)),
        (t("sources.field_url", lang), link(src["url"]) if src["url"] else t("sources.no_url", lang)),
        (t("sources.field_precedence", lang), number(src["precedence"], lang)),
    ]
    if pd.isna(src["rows_read"]):
        return html.Article([html.H3(src["title"]), fields(pairs),
                             html.P(t("sources.not_in_build", lang), className="empty-state")],
                            className="sources-card")
    pairs += [
        (t("sources.field_loaded", lang), t("sources.loaded_value", lang, loaded=number(src["rows_loaded"], lang),
                                            read=number(src["rows_read"], lang),
                                            rejected=number(src["rows_rejected"], lang))),
        (t("sources.field_values", lang), number(src["n_values"], lang)),
        (t("sources.field_countries", lang), number(src["n_countries"], lang)),
        (t("sources.field_years", lang), years(src["first_year"], src["last_year"])
         if src["n_values"] else t("common.no_data", lang)),
    ]
    return html.Article([html.H3(src["title"]), fields(pairs), files_table(src["title"], files, lang)],
                        className="sources-card")


def files_table(title: str, files: pd.DataFrame, lang: str) -> html.Table:
    headers = texts(("sources.col_file", "sources.col_retrieved", "sources.col_vintage", "sources.col_size",
                     "sources.col_checksum"), lang)
    rows = [[row["path"],
             row["retrieved_at"] or t("sources.retrieved_unknown", lang),
             row["vintage"].replace(";", ", ") or t("sources.vintage_none", lang),
             t("sources.size_kb", lang, kb=number(row["bytes"] / 1024, lang, decimals=1)),
             html.Code(row["sha256"], className="sources-checksum")]
            for row in files.to_dict("records")]
    return table(t("sources.files_caption", lang, source=title), headers, rows, numeric=(3,))


def documents_section(docs: pd.DataFrame, lang: str) -> list:
    if docs.empty:
        return [html.P(t("sources.documents_none", lang), className="empty-state")]
    headers = texts(("sources.col_document", "sources.col_countries", "sources.col_years", "sources.col_figures",
                     "sources.col_undated", "sources.col_targets"), lang)
    rows = [[html.A(row["citation"], href=row["url"]) if row["url"] else row["citation"],
             row["countries"],
             html.Span(years(row["first_year"], row["last_year"]), className="sources-years")
             if row["n_figures"] else "",
             number(row["n_figures"], lang), number(row["n_undated"], lang), number(row["n_targets"], lang)]
            for row in docs.to_dict("records")]
    return [
        html.P(t("sources.documents_intro", lang)),
        html.Details([html.Summary(t("sources.documents_summary", lang, n=number(len(docs), lang))),
                      table(t("sources.documents_caption", lang), headers, rows, numeric=(3, 4, 5))]),
    ]


def caveats_section(definitions: dict[str, pd.DataFrame], build: pd.Series, lang: str) -> list:
    """The comparability caveats, each with the warehouse's own counts so the text cannot drift from the data."""
    scopes, flags = definitions["scope"].set_index("code"), definitions["flag"].set_index("code")
    n_total = int(scopes["n_values"].sum())
    caveats = [
        ("sources.caveat_who_counts_title", "sources.caveat_who_counts_body", {}),
        ("sources.caveat_scopes_title", "sources.caveat_scopes_body", {
            "n_total": number(n_total, lang), "main_scope": scopes.at[MAIN_SCOPE, "label"],
            "n_other": number(n_total - scopes.at[MAIN_SCOPE, "n_values"], lang)}),
        ("sources.caveat_rounding_title", "sources.caveat_rounding_body", {
            "flag": flags.at["rounded", "label"], "n": number(flags.at["rounded", "n_values"], lang)}),
        ("sources.caveat_break_title", "sources.caveat_break_body", {
            "flag": flags.at["possible_break", "label"], "definition": flags.at["possible_break", "definition"],
            "n": number(flags.at["possible_break", "n_values"], lang)}),
        ("sources.caveat_vintages_title", "sources.caveat_vintages_body", {}),
        ("sources.caveat_kept_apart_title", "sources.caveat_kept_apart_body",
         {k: number(build[k], lang) for k in ("n_targets", "n_undated", "n_observations")}),
        ("sources.caveat_missing_title", "sources.caveat_missing_body", {}),
    ]
    return [html.Ul([html.Li([html.Strong(t(title, lang)), " ", t(body, lang, **fmt)])
                     for title, body, fmt in caveats], className="sources-caveats")]


def indicators_section(indicators: pd.DataFrame, lang: str) -> list:
    headers = texts(("sources.col_name", "sources.col_code", "sources.col_unit", "sources.col_definition",
                     "sources.col_values"), lang)
    rows = [[row["label"], html.Code(row["code"]), t(UNIT_KEYS[row["unit"]], lang), row["definition"],
             number(row["n_values"], lang)] for row in indicators.to_dict("records")]
    return [table(t("sources.indicators_caption", lang), headers, rows, numeric=(4,))]


def definitions_section(df: pd.DataFrame, intro_key: str, caption_key: str, lang: str) -> list:
    headers = texts(("sources.col_name", "sources.col_code", "sources.col_definition", "sources.col_values"), lang)
    rows = [[row["label"], html.Code(row["code"]), row["definition"], number(row["n_values"], lang)]
            for row in df.to_dict("records")]
    return [html.P(t(intro_key, lang)), table(t(caption_key, lang), headers, rows, numeric=(3,))]


def regions_section(regions: pd.DataFrame, lang: str) -> list:
    headers = texts(("sources.col_region", "sources.col_n_members", "sources.col_members"), lang)
    rows = [[row["name"], number(row["n_members"], lang), row["members"] or t("common.no_data", lang)]
            for row in regions.to_dict("records")]
    return [html.P(t("sources.regions_intro", lang)), table(t("sources.regions_caption", lang), headers, rows, (1,))]


def build_section(build: pd.Series, lang: str) -> list:
    return [html.P(t("sources.build_intro", lang)), fields([
        (t("sources.field_release", lang), build["release"]),
        (t("sources.field_build_id", lang), html.Code(build["build_id"])),
        (t("sources.field_built_at", lang),
         t("sources.built_at_value", lang, when=f"{build['built_at']:%Y-%m-%d %H:%M}")),
        (t("sources.field_git_commit", lang), html.Code(build["git_commit"]) if build["git_commit"]
         else t("sources.git_unknown", lang)),
        (t("sources.field_observations", lang), number(build["n_observations"], lang)),
    ])]
