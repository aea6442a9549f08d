"""/explorer: filters from the URL -> controls, a sortable grid of the observations, downloads and API snippets."""
from __future__ import annotations

import dash
import dash_ag_grid as dag
from dash import dcc, html

from dashboard import components, db, ids, urlstate
from dashboard import controls as ctl
from dashboard.callbacks import explorer as callbacks
from dashboard.i18n import lang_or_default, t

dash.register_page(__name__, path="/explorer", title_key="explorer.page_title")

# AG Grid's own texts that this grid can show (no filters, menus or paging; rows loading and failing to load, as
# blocks come from the server): ours, from the catalog.
GRID_TEXTS = ("noRowsToShow", "loadingOoo", "loadingError", "ariaSortableColumn", "ariaColumn", "ariaColumnGroup",
              "ariaHidden", "ariaVisible", "ariaChecked", "ariaUnchecked", "ariaIndeterminate", "ariaDefaultListName",
              "ariaLabelTooltip", "ariaLabelDialog", "ariaMenuColumn", "ariaSearch", "ariaSkeletonCellLoading",
              "ariaSkeletonCellLoadingFailed", "sortAscending", "sortDescending", "sortUnSort", "true", "false")
DROPDOWN_TEXTS = ("select_all", "deselect_all", "selected_count", "search", "clear_search", "clear_selection",
                  "no_options_found")
# The grid tells Dash its column state after a header click (the grid does not report sorting by itself); the
# expression language of dash-ag-grid has no arrow functions, so Python picks the sorted column out of it.
SORT_LISTENER = "setEventData({columns: params.api.getColumnState()})"
BLOCK_ROWS = 100   # rows per request as the grid scrolls
MAX_BLOCKS = 100   # blocks the browser keeps (10,000 rows), however far one scrolls


def options(lang: str) -> dict[str, list[dict]]:
    df = db.query("explorer_options", lang=lang)
    return {kind: [{"label": r.label, "value": int(r.code) if kind == "year" else r.code} for r in g.itertuples()]
            for kind, g in df.groupby("kind", sort=False)}


def _labelled(key: str, control, control_id: str, lang: str, extra: str = "") -> html.Div:
    return ctl.labelled(t(f"explorer.label_{key}", lang), control, control_id, f"explorer-control {extra}".strip())


def _multi(param: str, control_id: str, state: dict, opts: dict, lang: str) -> html.Div:
    labels = {k: t(f"explorer.dropdown_{k}", lang) for k in DROPDOWN_TEXTS}
    return _labelled(param, dcc.Dropdown(id=control_id, multi=True, value=state[param], options=opts.get(param, []),
                                         placeholder=t("explorer.placeholder_all", lang), labels=labels),
                     control_id, lang)


def _year(param: str, control_id: str, state: dict, opts: dict, lang: str) -> html.Div:
    return _labelled(param, dcc.Dropdown(id=control_id, value=state[param], options=opts.get("year", []),
                                         placeholder=t(f"explorer.placeholder_{param}", lang), searchable=True),
                     control_id, lang, "explorer-year")


def controls(state: dict, lang: str) -> html.Div:
    opts = options(lang)
    lists = [_multi(p, callbacks.LIST_IDS[p], state, opts, lang) for p in ("country", "region", "indicator", "scope",
                                                                          "source", "flag")]
    years = [_year("year_from", ids.EXPLORER_YEAR_FROM, state, opts, lang),
             _year("year_to", ids.EXPLORER_YEAR_TO, state, opts, lang)]
    choices = [(True, t("explorer.preferred_only", lang)), (False, t("explorer.all_vintages", lang))]
    preferred = ctl.toggle_group(ids.EXPLORER_PREFERRED, t("explorer.label_preferred", lang), choices,
                                 state["preferred"], class_name="explorer-control explorer-preferred")
    columns = _labelled("cols", dcc.Dropdown(
        id=ids.EXPLORER_COLUMNS, multi=True, value=state["cols"], clearable=False,
        labels={k: t(f"explorer.dropdown_{k}", lang) for k in DROPDOWN_TEXTS},
        options=[{"label": t(f"explorer.col_{c}", lang), "value": c} for c in callbacks.COLUMNS]),
        ids.EXPLORER_COLUMNS, lang, "explorer-columns")
    return html.Div(lists[:2] + years + lists[2:] + [preferred, columns], className="controls explorer-controls",
                    role="group", **{"aria-label": t("explorer.controls_label", lang)})


def grid(state: dict, lang: str) -> dag.AgGrid:
    """The grid asks the server for its rows a block at a time as it scrolls (callbacks.explorer.rows): sorted there,
    never all sent. One request at a time, so each answer meets the request it was made for."""
    return dag.AgGrid(
        id=ids.EXPLORER_GRID, rowModelType="infinite",
        columnDefs=callbacks.column_defs(state["cols"], state["sort"], lang),
        className="ag-theme-quartz explorer-grid",
        defaultColDef={"sortable": True, "resizable": True, "filter": False, "suppressHeaderMenuButton": True},
        dashGridOptions={"localeText": {k: t(f"explorer.grid_{k}", lang) for k in GRID_TEXTS},
                         "tooltipShowDelay": 400, "enableCellTextSelection": True, "ensureDomOrder": True,
                         "animateRows": False, "cacheBlockSize": BLOCK_ROWS, "maxBlocksInCache": MAX_BLOCKS,
                         "maxConcurrentDatasourceRequests": 1},
        eventListeners={"sortChanged": [SORT_LISTENER]},
        style={"height": "560px", "width": "100%"},
    )


def layout(lang: str = "en", **query) -> html.Div:
    """The page as the URL describes it; later filter changes are rendered by the callbacks."""
    lang = lang_or_default(lang)
    state = urlstate.read(callbacks.FIELDS, query)
    view = callbacks.view(state, lang)  # the grid asks for its rows itself
    return html.Div([
        html.H1(t("explorer.heading", lang)),
        html.P(t("explorer.lede", lang), className="lede"),
        controls(state, lang),
        dcc.Store(id=ids.EXPLORER_SORT, data=state["sort"]),
        html.Div([
            html.P(view["count"], id=ids.EXPLORER_COUNT, className="explorer-count", role="status"),
            dcc.Link(t("explorer.reset", lang), href=components.href("/explorer", lang), id=ids.EXPLORER_RESET,
                     className="explorer-reset"),
        ], className="explorer-status"),
        html.Div(view["downloads"], id=ids.EXPLORER_DOWNLOADS, className="explorer-downloads"),
        grid(state, lang),
        html.P(t("explorer.grid_help", lang), className="explorer-help"),
        html.Section([
            html.H2(t("explorer.more_heading", lang)),
            html.Ul([
                html.Li(html.A(t("explorer.package", lang), href=components.href("/download/package.zip", lang),
                               download="")),
                html.Li([t("explorer.template", lang), " ",
                         html.A(t("explorer.template_xlsx", lang), href="/download/template.xlsx", download=""), " · ",
                         html.A(t("explorer.template_csv", lang), href="/download/template.csv", download="")]),
                html.Li(html.A(t("explorer.openapi", lang), href=components.href("/api/v1/openapi.json", lang))),
            ], className="explorer-more"),
        ], className="explorer-section"),
        html.Details([
            html.Summary(t("explorer.api_heading", lang)),
            html.P(t("explorer.api_intro", lang)),
            html.Div(callbacks.snippet_blocks(view["snippets"], lang), id=ids.EXPLORER_SNIPPETS),
        ], className="explorer-api", open=True),
    ], className="page page-explorer")
