"""/trends: view state from the URL -> controls, the women's-share line chart, its summary and tables."""
from __future__ import annotations

import dash
from dash import dcc, html

from dashboard import components, db, ids, urlstate
from dashboard import controls as ctl
from dashboard.callbacks import trends as callbacks
from dashboard.figures import style
from dashboard.i18n import lang_or_default, t

dash.register_page(__name__, path="/trends", title_key="trends.page_title")


def dropdown_labels(lang: str) -> dict[str, str]:
    """The dropdown's own texts (search, select all, ...) from our catalog, not Dash's English defaults."""
    keys = ("select_all", "deselect_all", "selected_count", "search", "clear_search", "clear_selection",
            "no_options_found")
    return {key: t(f"trends.dropdown_{key}", lang) for key in keys}


def settings(state: dict, lang: str) -> html.Div:
    """Countries, regions and scope (dropdowns), regional mode and reference lines (toggle buttons)."""
    countries = db.query("trends_countries").sort_values(f"name_{lang}")
    regions = db.query("trends_regions")
    scopes = db.query("trends_scopes")
    return html.Div([
        ctl.labelled(t("trends.label_countries", lang), dcc.Dropdown(
            id=ids.TRENDS_COUNTRIES, multi=True, value=state["countries"], labels=dropdown_labels(lang),
            placeholder=t("trends.placeholder_countries", lang),
            options=[{"label": r[f"name_{lang}"], "value": r["iso3"]} for _, r in countries.iterrows()]),
            ids.TRENDS_COUNTRIES, "trends-control"),
        ctl.labelled(t("trends.label_regions", lang), dcc.Dropdown(
            id=ids.TRENDS_REGIONS, multi=True, value=state["regions"], labels=dropdown_labels(lang),
            placeholder=t("trends.placeholder_regions", lang),
            options=[{"label": r[f"name_{lang}"], "value": r["code"]} for _, r in regions.iterrows()]),
            ids.TRENDS_REGIONS, "trends-control"),
        ctl.labelled(t("trends.label_scope", lang), dcc.Dropdown(
            id=ids.TRENDS_SCOPE, clearable=False, value=state["scope"], labels=dropdown_labels(lang),
            options=[{"label": r[f"label_{lang}"], "value": r["code"]} for _, r in scopes.iterrows()]),
            ids.TRENDS_SCOPE, "trends-control"),
        html.Div([
            ctl.toggle_group(ids.TRENDS_MODE, t("trends.label_mode", lang),
                             [(m, t(f"trends.mode_{m}", lang)) for m in callbacks.MODES], state["mode"]),
            ctl.toggle_group(ids.TRENDS_REF, t("trends.label_ref", lang),
                             [(r, t(f"trends.ref_{r}", lang)) for r in callbacks.REFS], state["ref"], multi=True),
        ], className="trends-toggles"),
    ], className="controls trends-controls", role="group", **{"aria-label": t("trends.controls_label", lang)})


def layout(lang: str = "en", **query) -> html.Div:
    """The page as the URL describes it; the first view is rendered here, later ones by the callback."""
    lang = lang_or_default(lang)
    state = urlstate.read(callbacks.FIELDS, query)
    view = callbacks.render(state, lang)
    return html.Div([
        html.H1(t("trends.heading", lang)),
        html.P(t("trends.lede", lang), className="lede"),
        settings(state, lang),
        html.Figure([
            dcc.Graph(id=ids.TRENDS_GRAPH, figure=view["figure"], className="trends-graph", responsive=True,
                      config=style.graph_config(lang, "women-police-trends")),
            html.Figcaption(components.chart_summary(view["summary"]), id=ids.TRENDS_SUMMARY),
        ], className="trends-figure"),
        html.Section(view["latest"], id=ids.TRENDS_LATEST, className="trends-latest"),
        html.Details([html.Summary(t("trends.how_to_read_heading", lang)),
                      html.P(t("trends.how_to_read", lang)), html.P(t("trends.mode_help", lang))],
                     className="trends-help trends-details", open=True),
        html.Section(view["coverage"], id=ids.TRENDS_COVERAGE),
        html.Section(view["data"], id=ids.TRENDS_DATA),
    ], className="page page-trends")
