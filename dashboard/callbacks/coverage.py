"""Coverage view state (source) -> availability queries -> findings, country x year matrix, per-State table."""
from __future__ import annotations

import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboard import components, db, ids, urlstate
from dashboard.figures import coverage as fig
from dashboard.i18n import lang_or_default, number, t
from dashboard.tables import folded, table

ALL = "all"


def clean_source(value: str) -> str:
    """'all' or a source id the warehouse holds (whitelist): anything else falls back to all sources."""
    return value if value in set(db.query("coverage_sources", lang="en")["id"]) else ALL


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


def country_row(r, lang: str) -> list:
    span = f"{int(r.first_year)}–{int(r.last_year)}" if r.years_reported else t("common.no_data", lang)
    return [dcc.Link(r.name, href=components.href(f"/country/{r.iso3}", lang)), r.region_name,
            number(r.years_reported, lang), number(r.years_flagged, lang), span,
            t("coverage.yes" if r.international else "coverage.no", lang), number(r.undated, lang)]


def country_table(countries: pd.DataFrame, lang: str) -> html.Details:
    """Per State: years with a figure, flagged-only years, span, presence in international files, undated."""
    headers = [t(key, lang) for key in ("coverage.col_state", "coverage.col_region", "coverage.col_years",
                                        "coverage.col_flagged", "coverage.col_span",
                                        "coverage.col_international", "coverage.col_undated")]
    rows = [country_row(r, lang) for r in countries.itertuples()]
    row_classes = ["is-ca" if ca else None for ca in countries["is_central_asia"]]
    return folded(t("coverage.table_summary", lang),
                  table(t("coverage.table_caption", lang), headers, rows, numeric=(2, 3, 6),
                        class_name="coverage-table", row_classes=row_classes),
                  class_name="coverage-details")


def view(source: str, lang: str) -> dict:
    """Every output of the page for one source ('all' or a source id)."""
    sources = db.query("coverage_sources", lang=lang)
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
