"""/coverage : URL query (source) -> which State has figures for which year: findings, matrix, per-State table."""
from __future__ import annotations

import dash
from dash import dcc, html

from dashboard import ids, urlstate
from dashboard.callbacks import coverage as cb
from dashboard.controls import labelled
from dashboard.figures import coverage as fig
from dashboard.figures import style
from dashboard.i18n import lang_or_default, t

dash.register_page(__name__, path="/coverage", title_key="coverage.page_title")

TEMPLATE_URL = "/download/template.xlsx"  # the national submission template (dashboard/downloads.py)


def layout(lang: str = "en", **query) -> html.Div:
    lang = lang_or_default(lang)
    state = urlstate.read(cb.FIELDS, query)
    parts = cb.view(state["source"], lang)
    return html.Div([
        html.H1(t("coverage.heading", lang)),
        html.P(t("coverage.lede", lang), className="lede"),
        html.Div([
            labelled(t("coverage.source_label", lang), dcc.Dropdown(
                id=ids.COVERAGE_SOURCE, options=cb.source_options(parts["sources"], lang), value=state["source"],
                clearable=False, searchable=False, labels={"no_options_found": t("coverage.no_options", lang)}),
                ids.COVERAGE_SOURCE, "coverage-source"),
        ], className="controls"),
        html.Section([
            html.H2(t("coverage.finding_heading", lang)),
            html.Div(parts["finding"], id=ids.COVERAGE_FINDING),
            html.P([t("coverage.submit_body", lang), " ",
                    html.A(t("coverage.submit_link", lang), href=TEMPLATE_URL, download="")]),
        ], className="coverage-finding", role="note"),
        legend(lang),
        html.Div(parts["summary"], id=ids.COVERAGE_SUMMARY),
        dcc.Graph(id=ids.COVERAGE_MATRIX, figure=parts["matrix"], className="graph coverage-matrix",
                  config=style.graph_config(lang, "coverage-matrix")),
        html.Div(parts["table"], id=ids.COVERAGE_TABLE),
    ], className="page page-coverage")


def legend(lang: str) -> html.Ul:
    """The three cell states in words, with the same colour and mark as in the matrix."""
    items = [("reported", "coverage.legend_reported"), ("flagged", "coverage.legend_flagged"),
             ("missing", "coverage.legend_missing")]
    return html.Ul([
        html.Li([html.Span(fig.MARKS[status], className=f"coverage-swatch coverage-{status}",
                           **{"aria-hidden": "true"}), t(key, lang)])
        for status, key in items
    ], className="coverage-legend", **{"aria-label": t("coverage.legend_label", lang)})
