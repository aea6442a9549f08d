"""/ : URL query (year, scope) -> the overview page: controls, headline cards, map, ranking, missing list, table."""
from __future__ import annotations

import dash
from dash import dcc, html

from dashboard import components, db, ids, urlstate
from dashboard.callbacks import overview as cb
from dashboard.callbacks import overview_view
from dashboard.controls import labelled
from dashboard.figures import style
from dashboard.i18n import lang_or_default, t

dash.register_page(__name__, path="/", title_key="overview.page_title")


def layout(lang: str = "en", **query) -> html.Div:
    lang = lang_or_default(lang)
    state = urlstate.read(cb.FIELDS, query)
    parts = overview_view.view(state["year"], state["scope"], lang)
    return html.Div([
        html.H1(t("overview.heading", lang)),
        html.P(t("overview.lede", lang), className="lede"),
        controls(state["scope"], parts, lang),
        html.Div(parts["cards"], id=ids.OVERVIEW_CARDS, className="cards overview-cards", **{"aria-live": "polite"}),
        html.Div([map_section(parts, lang), ranking_section(parts, lang)], className="overview-grid"),
    ], className="page page-overview")


def map_section(parts: dict, lang: str) -> html.Section:
    return html.Section([
        html.H2(t("overview.map_heading", lang), className="visually-hidden"),
        graph(ids.OVERVIEW_MAP, parts["map"], lang, "overview-map"),
        map_key(lang),
        html.Div(components.chart_summary(parts["map_summary"]), id=ids.OVERVIEW_MAP_SUMMARY),
        html.Div(parts["missing"], id=ids.OVERVIEW_MISSING, className="overview-missing"),
    ], className="overview-map-section", **{"aria-label": t("overview.map_heading", lang)})


def ranking_section(parts: dict, lang: str) -> html.Section:
    return html.Section([
        html.H2(t("overview.ranking_heading", lang), className="visually-hidden"),
        graph(ids.OVERVIEW_RANKING, parts["ranking"], lang, "overview-ranking"),
        html.Div(components.chart_summary(parts["ranking_summary"]), id=ids.OVERVIEW_RANKING_SUMMARY),
        html.Div(parts["table"], id=ids.OVERVIEW_TABLE),
    ], className="overview-ranking-section", **{"aria-label": t("overview.ranking_heading", lang)})


def graph(graph_id: str, figure, lang: str, filename: str) -> dcc.Graph:
    return dcc.Graph(id=graph_id, figure=figure, config=style.graph_config(lang, filename),
                     className=f"graph {filename}")


def controls(scope: str, parts: dict, lang: str) -> html.Div:
    """Scope picker, year slider (only years with data) and a keyboard-operable play button."""
    scopes = db.query("overview_scopes", lang=lang)
    options = [{"label": t("overview.scope_option", lang, label=r["label"], n=int(r["n_states"])),
                "value": r["code"]} for _, r in scopes.iterrows()]
    years = [int(y) for y in parts["years"]["year"]]
    return html.Div([
        labelled(t("overview.scope_label", lang),
                 dcc.Dropdown(id=ids.OVERVIEW_SCOPE, options=options, value=scope, clearable=False, searchable=False,
                              labels={"no_options_found": t("overview.no_options", lang)}),
                 ids.OVERVIEW_SCOPE, "overview-scope"),
        year_control(parts, years, lang),
        dcc.Store(id=ids.OVERVIEW_YEAR, data=parts["year"]),
        dcc.Store(id=ids.OVERVIEW_YEARS, data=years),
        dcc.Interval(id=ids.OVERVIEW_TICK, interval=cb.PLAY_MS, disabled=True),
    ], className="controls overview-controls")


def year_control(parts: dict, years: list[int], lang: str) -> html.Div:
    """Play button and slider over the years with data, and why the page opens on its year."""
    position = overview_view.position(parts["year"], years) if parts["year"] else 0
    return html.Div([
        html.Label(t("overview.year_label", lang), htmlFor=ids.OVERVIEW_YEAR_SLIDER, id=ids.OVERVIEW_YEAR_LABEL),
        html.Div([
            html.Button(t("overview.play", lang), id=ids.OVERVIEW_PLAY, n_clicks=0, type="button",
                        className="overview-play", title=t("overview.play_title", lang)),
            dcc.Slider(id=ids.OVERVIEW_YEAR_SLIDER, value=position, included=False, allow_direct_input=False,
                       className="overview-slider", **overview_view.slider_props(years)),
        ], className="overview-year-row"),
        html.P(overview_view.year_note(parts["years"], lang), id=ids.OVERVIEW_YEAR_NOTE,
               className="overview-year-note"),
    ], className="control overview-year")


def map_key(lang: str) -> html.Ul:
    """What the map's marks mean, in words: colour is never the only cue."""
    return html.Ul([
        html.Li([html.Span(className="key-swatch key-scale", **{"aria-hidden": "true"}), t("overview.key_scale", lang)]),
        html.Li([html.Span("×", className="key-swatch key-missing", **{"aria-hidden": "true"}),
                 t("overview.key_missing", lang)]),
        html.Li([html.Span(className="key-swatch key-other", **{"aria-hidden": "true"}), t("overview.key_other", lang)]),
        html.Li([html.Span(className="key-swatch key-ca", **{"aria-hidden": "true"}), t("overview.key_ca", lang)]),
        html.Li([html.Span("●", className="key-swatch key-small", **{"aria-hidden": "true"}),
                 t("overview.key_small", lang)]),
    ], className="overview-map-key")
