"""Coverage view state (source) -> availability queries -> findings, country x year matrix, per-State table."""
from __future__ import annotations

import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboard import components, db, ids, urlstate
from dashboard.figures import coverage as fig
from dashboard.i18n import lang_or_default, number, t

ALL = "all"


def clean_source(value: str) -> str:
    """'all' or a source id the warehouse holds (whitelist): anything else falls back to all sources."""
    return value if value in set(db.query("coverage_sources")["id"]) else ALL


FIELDS = [urlstate.Field("source", ids.COVERAGE_SOURCE, ALL, clean=clean_source)]
urlstate.register("coverage", FIELDS)


def source_options(sources: pd.DataFrame, lang: str) -> list[dict]:
    options = [{"label": t("coverage.all_sources", lang), "value": ALL}]
    options += [{"label": t("coverage.source_option", lang, publisher=r["publisher"], title=r["title"],
                            n=number(r["n_values"], lang)), "value": r["id"]} for _, r in sources.iterrows()]
    return options


def source_label(source: str, sources: pd.DataFrame, lang: str) -> str:
    if source == ALL:
        return t("coverage.all_sources", lang)
    row = sources.set_index("id").loc[source]
    return f"{row['publisher']}: {row['title']}"


def names(frame: pd.DataFrame, lang: str) -> str:
    return ", ".join(frame["name"]) if len(frame) else t("coverage.nobody", lang)


def findings(countries: pd.DataFrame, sources: pd.DataFrame, label: str, lang: str) -> list:
    """The gaps as sentences, every count from the data: Central Asia in the international files first."""
    ca = countries[countries["is_central_asia"]]
    outside = ca[~ca["international"]]
    international = sources[sources["international"] & (sources["n_values"] > 0)]
    lines = [t("coverage.finding_ca_international", lang, n=len(outside), total=len(ca), missing=names(outside, lang),
               present=names(ca[ca["international"]], lang),
               files=", ".join(international["publisher"]) or t("coverage.nobody", lang))]
    no_women = countries[~countries["women_figure"]]
    lines.append(t("coverage.finding_no_women", lang, n=len(no_women), total=len(countries),
                   names=names(no_women, lang)))
    undated = countries[countries["undated"] > 0]
    if len(undated):
        lines.append(t("coverage.finding_undated", lang, names=names(undated, lang)))
    with_data = countries[countries["years_reported"] > 0]
    lines.append(t("coverage.finding_source", lang, source=label, n=len(with_data), total=len(countries)))
    return [html.P(line) for line in lines]


def country_table(countries: pd.DataFrame, lang: str) -> html.Details:
    """Per State: years with a figure, flagged-only years, span, presence in international files, undated."""
    headers = [t(key, lang) for key in ("coverage.col_state", "coverage.col_region", "coverage.col_years",
                                        "coverage.col_flagged", "coverage.col_span",
                                        "coverage.col_international", "coverage.col_undated")]
    body = []
    for _, r in countries.iterrows():
        span = (f"{int(r['first_year'])}–{int(r['last_year'])}" if r["years_reported"]
                else t("common.no_data", lang))
        body.append(html.Tr([
            html.Th(dcc.Link(r["name"], href=components.href(f"/country/{r['iso3']}", lang)), scope="row"),
            html.Td(r["region_name"]),
            html.Td(number(r["years_reported"], lang), className="num"),
            html.Td(number(r["years_flagged"], lang), className="num"),
            html.Td(span),
            html.Td(t("coverage.yes" if r["international"] else "coverage.no", lang)),
            html.Td(number(r["undated"], lang), className="num"),
        ], className="is-ca" if r["is_central_asia"] else None))
    return html.Details([
        html.Summary(t("coverage.table_summary", lang)),
        html.Table([html.Caption(t("coverage.table_caption", lang)),
                    html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])), html.Tbody(body)],
                   className="data coverage-table"),
    ], className="coverage-details")


def view(source: str, lang: str) -> dict:
    """Every output of the page for one source ('all' or a source id)."""
    sources = db.query("coverage_sources")
    label = source_label(source, sources, lang)
    param = "" if source == ALL else source
    cells = db.query("coverage_matrix", source=param, lang=lang)
    countries = db.query("coverage_countries", source=param, lang=lang)
    counts = dict(zip(countries["iso3"], countries["years_reported"].astype(int)))
    return {
        "sources": sources,
        "finding": findings(countries, sources, label, lang),
        "matrix": fig.matrix_figure(cells, counts, label, lang),
        "summary": components.chart_summary(fig.matrix_summary(cells, label, lang)),
        "table": country_table(countries, lang),
    }


@callback(
    Output(ids.COVERAGE_FINDING, "children"), Output(ids.COVERAGE_MATRIX, "figure"),
    Output(ids.COVERAGE_SUMMARY, "children"), Output(ids.COVERAGE_TABLE, "children"),
    Input(ids.COVERAGE_SOURCE, "value"), State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def render(source, lang):
    parts = view(clean_source(source or ALL), lang_or_default(lang))
    return parts["finding"], parts["matrix"], parts["summary"], parts["table"]
