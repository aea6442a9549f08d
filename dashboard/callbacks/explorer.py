"""Explorer view state (filters, columns, sort) -> row count, download links, API snippets; the grid's blocks of rows,
read on the server as the grid scrolls (dashboard/explorer_grid.py)."""
from __future__ import annotations

from urllib.parse import urlencode

import flask
from dash import Input, Output, State, callback, clientside_callback, html, no_update

from dashboard import controls, db, explorer_grid, exports, ids, urlstate
from dashboard.exports_filter import LISTS, YEAR_MAX, YEAR_MIN, Filter, current_vocabulary
from dashboard.i18n import lang_or_default, number, t

# Grid columns: id -> (field in the rows, numeric?). Ids are the URL's `cols` values.
COLUMNS = {
    "country": ("country", False), "iso3": ("iso3", False), "region": ("region_label", False),
    "year": ("year", True), "indicator": ("indicator_label", False), "value": ("value", True),
    "unit": ("unit_label", False), "scope": ("scope_label", False), "flags": ("flag_labels", False),
    "bound": ("bound", False), "source": ("source_label", False), "vintage": ("vintage", False),
    "preferred": ("preferred_label", False), "note": ("note", False), "citation": ("citation", False),
    "url": ("url", False),
}
WIDTHS = {"country": 160, "iso3": 80, "region": 160, "year": 96, "indicator": 230, "value": 105, "unit": 110,
          "scope": 200, "flags": 170, "bound": 90, "source": 280, "vintage": 95, "preferred": 110, "note": 340,
          "citation": 300, "url": 240}
DEFAULT_COLUMNS = ["country", "region", "year", "indicator", "value", "unit", "scope", "flags", "source", "vintage",
                   "note"]
DOWNLOAD_FORMATS = ("csv", "xlsx", "parquet", "json")
LOCALES = {"en": "en-GB", "ru": "ru-RU"}


def _known(kind: str):
    def clean(values: list[str]) -> list[str]:
        allowed = set(current_vocabulary().get(kind, []))
        picked = [v.upper() if kind == "country" else v for v in values]
        return [v for v in dict.fromkeys(picked) if v in allowed]
    return clean


def clean_year(value: int) -> int | None:
    return value if YEAR_MIN <= value <= YEAR_MAX else None


def clean_columns(values: list[str]) -> list[str]:
    kept = [v for v in dict.fromkeys(values) if v in COLUMNS]
    return kept or list(DEFAULT_COLUMNS)


def clean_sort(value: str) -> str:
    """'year:desc' -> itself when the column and direction exist, else no sort."""
    column, _, direction = value.partition(":")
    return value if column in COLUMNS and direction in ("asc", "desc") else ""


LIST_IDS = {"country": ids.EXPLORER_COUNTRIES, "region": ids.EXPLORER_REGIONS, "indicator": ids.EXPLORER_INDICATORS,
            "source": ids.EXPLORER_SOURCES, "scope": ids.EXPLORER_SCOPES, "flag": ids.EXPLORER_FLAGS}
FIELDS = [urlstate.Field(p, LIST_IDS[p], [], kind="list", clean=_known(kind)) for p, kind in LISTS.items()] + [
    urlstate.Field("year_from", ids.EXPLORER_YEAR_FROM, None, kind="int", clean=clean_year),
    urlstate.Field("year_to", ids.EXPLORER_YEAR_TO, None, kind="int", clean=clean_year),
    urlstate.Field("preferred", ids.EXPLORER_PREFERRED, True, kind="bool", prop="data"),
    urlstate.Field("cols", ids.EXPLORER_COLUMNS, list(DEFAULT_COLUMNS), kind="list", clean=clean_columns),
    urlstate.Field("sort", ids.EXPLORER_SORT, "", prop="data", clean=clean_sort),
]
FILTER_FIELDS = [f for f in FIELDS if f.param not in ("cols", "sort")]
urlstate.register("explorer", FIELDS)
controls.register_toggles(ids.EXPLORER_PREFERRED)


def to_filter(state: dict) -> Filter:
    return Filter(**{p: tuple(state[p]) for p in LISTS}, year_from=state["year_from"], year_to=state["year_to"],
                  preferred=bool(state["preferred"]))


def grid_block(state: dict, request, lang: str) -> dict:
    """The grid's request for rows (startRow, endRow, sortModel) -> {"rowData": those rows, "rowCount": all rows}.

    The sort is the grid's own (its headers show it; a URL's sort reaches them through column_defs)."""
    request = request if isinstance(request, dict) else {}
    sort_model = request.get("sortModel")
    sort = clean_sort(sort_of(sort_model if isinstance(sort_model, list) else None))
    df, total = explorer_grid.block(to_filter(state), sort, request.get("startRow"), request.get("endRow"), lang)
    return {"rowData": exports.records(df, [field for field, _ in COLUMNS.values()]), "rowCount": total}


def column_defs(columns: list[str], sort: str, lang: str) -> list[dict]:
    """Every column (hidden ones too, so the grid keeps its state), labels in `lang`, the URL's sort applied."""
    by, _, direction = sort.partition(":")
    defs = []
    for col, (field, numeric) in COLUMNS.items():
        d = {"field": field, "colId": col, "headerName": t(f"explorer.col_{col}", lang), "hide": col not in columns,
             "sort": direction if col == by else None, "width": WIDTHS[col]}
        if numeric:
            d |= {"type": "rightAligned", "filter": False}
        if col == "value":  # the browser's own number formatting: decimal comma in Russian
            d["valueFormatter"] = {"function": f"Number(params.value).toLocaleString('{LOCALES[lang]}', "
                                               "{maximumFractionDigits: 6})"}
        if col in ("note", "citation", "source"):
            d |= {"tooltipField": field, "minWidth": 220}
        defs.append(d)
    return defs


def query_string(flt: Filter, lang: str, fmt: str | None = None) -> str:
    pairs = flt.pairs() + ([("format", fmt)] if fmt else []) + ([("lang", lang)] if lang != "en" else [])
    return urlencode(pairs, safe=",:")


def base_url() -> str:
    """Absolute address of this server for the snippets (relative in tests without a request)."""
    return flask.request.host_url if flask.has_request_context() else "/"


def download_links(flt: Filter, lang: str) -> list:
    q = query_string(flt, lang)
    links = [html.A(t(f"explorer.download_{fmt}", lang), href=f"/download/observations.{fmt}" + (f"?{q}" if q else ""),
                    className="explorer-download", download="") for fmt in DOWNLOAD_FORMATS]
    return [html.Span(t("explorer.download_label", lang), className="explorer-download-label")] + links


def snippets(flt: Filter, lang: str) -> dict[str, str]:
    url = f"{base_url()}api/v1/observations?{query_string(flt, lang, 'csv')}"
    return {"python": f'import pandas as pd\n\nurl = "{url}"\ndf = pd.read_csv(url, keep_default_na=False)\n',
            "r": f'url <- "{url}"\ndf <- read.csv(url, fileEncoding = "UTF-8-BOM", na.strings = character())\n'}


def without_rows(flt: Filter, present: set[str], lang: str) -> str:
    """The chosen countries (named, or members of a chosen region) with no row: the gap is a finding, so say it."""
    regions = db.query("api_regions").set_index("code")["members"]
    chosen = set(flt.country) | {m for r in flt.region for m in regions.get(r, "").split(";") if m}
    missing = chosen - present
    if not missing:
        return ""
    names = db.query("explorer_options", lang=lang).query("kind == 'country' and code in @missing")["label"]
    return t("explorer.no_rows_for", lang, names=", ".join(names))


def view(state: dict, lang: str) -> dict:
    """Everything the filter decides but the rows (the grid asks for those): count (and who has none), links,
    snippets."""
    flt = to_filter(state)
    by_country = explorer_grid.countries(flt, lang)
    count = t("explorer.row_count", lang, n=number(int(by_country["n"].sum()), lang))
    return {"count": " ".join(filter(None, [count, without_rows(flt, set(by_country["code"]), lang)])),
            "downloads": download_links(flt, lang), "snippets": snippets(flt, lang)}


def snippet_blocks(code: dict[str, str], lang: str) -> list:
    return [html.Div([html.H3(t(f"explorer.snippet_{name}", lang)), html.Pre(html.Code(text))],
                     className="explorer-snippet") for name, text in code.items()]


def filter_state(values) -> dict:
    """The filter controls' values (in FILTER_FIELDS' order) -> clean view state, as from the URL."""
    state = urlstate.read(FILTER_FIELDS, {})  # defaults, then each control's cleaned value
    for f, value in zip(FILTER_FIELDS, values):
        state[f.param] = f.default if value is None else (f.clean(value) if f.clean else value)
    return state


@callback(
    Output(ids.EXPLORER_COUNT, "children"), Output(ids.EXPLORER_DOWNLOADS, "children"),
    Output(ids.EXPLORER_SNIPPETS, "children"),
    *[Input(f.component, f.prop) for f in FILTER_FIELDS], State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def render(*values):
    lang = lang_or_default(values[-1])
    parts = view(filter_state(values[:-1]), lang)
    return parts["count"], parts["downloads"], snippet_blocks(parts["snippets"], lang)


@callback(
    Output(ids.EXPLORER_GRID, "getRowsResponse"), Input(ids.EXPLORER_GRID, "getRowsRequest"),
    *[State(f.component, f.prop) for f in FILTER_FIELDS], State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def rows(request, *values):
    """One block of rows for the grid (AG Grid's infinite row model asks as it scrolls, one block at a time)."""
    return grid_block(filter_state(values[:-1]), request, lang_or_default(values[-1]))


# A new filter: the grid drops the blocks it holds and asks again from the top (its request reads the new filter).
clientside_callback(
    """function() {
        try {
            const api = dash_ag_grid.getApi('GRID');
            if (api.getDisplayedRowCount() > 0) { api.ensureIndexVisible(0, 'top'); }
            api.purgeInfiniteCache();
        } catch (e) { /* the grid is not started yet: it asks with the new filter anyway */ }
        return window.dash_clientside.no_update;
    }""".replace("GRID", ids.EXPLORER_GRID),
    Output(ids.EXPLORER_GRID, "scrollTo"), *[Input(f.component, f.prop) for f in FILTER_FIELDS],
    prevent_initial_call=True,
)


@callback(Output(ids.EXPLORER_GRID, "columnDefs"), Input(ids.EXPLORER_COLUMNS, "value"),
          Input(ids.EXPLORER_SORT, "data"), State(ids.LANG, "data"), prevent_initial_call=True)
def columns(cols, sort, lang):
    return column_defs(clean_columns(cols or []), clean_sort(sort or ""), lang_or_default(lang))


@callback(Output(ids.EXPLORER_SORT, "data"), Input(ids.EXPLORER_GRID, "eventData"), State(ids.EXPLORER_SORT, "data"),
          prevent_initial_call=True)
def sorted_by(event, current):
    """The grid reports its columns after a sort (header click) -> the URL's `sort`; unchanged -> nothing to do.

    dash-ag-grid wraps what the listener sends: {"data": {"columns": [...]}, "timestamp": ...}.
    """
    data = event.get("data") if isinstance(event, dict) else None
    value = clean_sort(sort_of(data.get("columns") if isinstance(data, dict) else None))
    return no_update if value == (current or "") else value


def sort_of(columns) -> str:
    """AG Grid column state -> 'colId:asc|desc' of the first sorted column, or ''."""
    ranked = sorted((c.get("sortIndex") or 0, c.get("colId"), c.get("sort")) for c in columns or []
                    if isinstance(c, dict) and c.get("sort") in ("asc", "desc"))
    return f"{ranked[0][1]}:{ranked[0][2]}" if ranked else ""
