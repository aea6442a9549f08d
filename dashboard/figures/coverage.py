"""Availability cells (DataFrame from coverage_matrix) -> country x year matrix, grouped by region, and its summary."""
from __future__ import annotations

import copy
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import style
from dashboard.i18n import LANGS, number, t

CODE = {"missing": 0, "flagged": 1, "reported": 2}
# Okabe–Ito blue and orange on a pale grey, plus a mark in each filled cell: colour is never the only cue.
COLOURS = ["#F2F4F7", "#E69F00", style.BASE]
MARKS = {"missing": "", "flagged": "!", "reported": "✓"}
ROW_PX = 19
STATUS_KEYS = {"reported": "coverage.status_reported", "flagged": "coverage.status_flagged",
               "missing": "coverage.status_missing"}


def _colorscale() -> list:
    """Three flat bands over z = 0, 1, 2 (a categorical heatmap)."""
    return [[0.0, COLOURS[0]], [1 / 3, COLOURS[0]], [1 / 3, COLOURS[1]], [2 / 3, COLOURS[1]],
            [2 / 3, COLOURS[2]], [1.0, COLOURS[2]]]


def rows(cells: pd.DataFrame) -> list[dict]:
    """Matrix rows in display order: a header row per region, then its States (Central Asia first)."""
    countries = cells.drop_duplicates("iso3")  # the query's order: region (ours), then name
    regions: dict[str, list[dict]] = {}       # in order of first appearance, as groupby(sort=False)
    for iso3, name, region_name, ca in zip(*(countries[c].tolist()
                                             for c in ("iso3", "name", "region_name", "is_central_asia"))):
        if isinstance(region_name, str):      # a State without a region is in no group
            regions.setdefault(region_name, []).append({"key": iso3, "label": name, "iso3": iso3, "ca": bool(ca)})
    out = []
    for region_name, states in regions.items():
        out.append({"key": f"region:{region_name}", "label": f"<b>{region_name}</b>", "iso3": None})
        out += states
    return out


def cell_hover(cell: dict, lang: str, memo: dict | None = None) -> str:
    """'<b>Name, year</b>' and what the cell holds; `memo` keeps the part after the name for cells alike."""
    head = f"<b>{cell['name']}, {cell['year']}</b>"
    key = (cell["status"], cell["n_values"], cell["indicators"], cell["scopes"], cell["sources"])
    body = memo.get(key) if memo is not None else None
    if body is None:
        body = _hover_body(cell, lang)
        if memo is not None:
            memo[key] = body
    return f"{head}<br>{body}"


def _hover_body(cell: dict, lang: str) -> str:
    if cell["status"] == "missing":
        return t("coverage.hover_missing", lang)
    return "<br>".join([
        t(STATUS_KEYS[cell["status"]], lang) + " · " + t("coverage.hover_values", lang,
                                                         n=number(cell["n_values"], lang)),
        t("coverage.hover_indicators", lang, items=cell["indicators"]),
        t("coverage.hover_scopes", lang, items=cell["scopes"]),
        t("coverage.hover_sources", lang, items=cell["sources"]),
    ])


def _grid(cells: pd.DataFrame, order: list[dict], lang: str) -> tuple[list, list, list, list]:
    """z, marks and hover text per row (region header rows stay empty), and the year columns."""
    years = sorted(int(y) for y in cells["year"].unique())
    # Plain dicts, not pandas rows: 57 x 24 cells are built on every source change.
    names = ["iso3", "year", "name", "status", "n_values", "indicators", "scopes", "sources"]
    columns = [cells[c].tolist() for c in names]  # a list per column: to_dict("records") boxes cell by cell
    by_cell = {(c["iso3"], int(c["year"])): c for c in (dict(zip(names, values)) for values in zip(*columns))}
    z, text, hover, memo = [], [], [], {}
    for row in order:
        if row["iso3"] is None:
            z.append([None] * len(years)), text.append([""] * len(years)), hover.append([""] * len(years))
            continue
        row_cells = [by_cell[(row["iso3"], y)] for y in years]
        z.append([CODE[c["status"]] for c in row_cells])
        text.append([MARKS[c["status"]] for c in row_cells])
        hover.append([cell_hover(c, lang, memo) for c in row_cells])
    return z, text, hover, [str(y) for y in years]


def _label(row: dict, lang: str) -> str:
    """Country label: a link to its profile (Central Asia in bold); region rows are bold headers."""
    if row["iso3"] is None:
        return row["label"]
    name = f"<b>{row['label']}</b>" if row.get("ca") else row["label"]
    return f'<a href="/country/{row["iso3"]}?lang={lang}" target="_self">{name}</a>'


def matrix_figure(cells: pd.DataFrame, counts: dict[str, int], source_label: str, lang: str) -> go.Figure:
    """Heatmap of status per State and year; per-State count of years with data in a column on the right."""
    order = rows(cells)
    z, text, hover, years = _grid(cells, order, lang)
    keys = [r["key"] for r in order]
    # The layout is built and validated on its own; the heatmap is a plain dict (see _figure).
    heatmap = {"type": "heatmap", "z": z, "x": years, "y": keys, "text": text, "texttemplate": "%{text}",
               "textfont": {"size": 12}, "hovertext": hover, "hoverinfo": "text", "colorscale": _colorscale(),
               "zmin": 0, "zmax": 2, "showscale": False, "xgap": 1, "ygap": 1, "hoverongaps": False}
    layout = copy.deepcopy(_layout_frame(lang))  # validated once per language; the rest is this matrix's
    layout["title"]["text"] = t("coverage.matrix_title", lang)
    layout["title"]["subtitle"] = {"text": t("coverage.matrix_subtitle", lang)}
    layout["height"] = ROW_PX * len(order) + 210
    layout["yaxis"].update(tickvals=keys, ticktext=[_label(r, lang) for r in order])
    layout["annotations"][0]["text"] = t("coverage.matrix_source", lang, source=source_label)
    layout["annotations"] += [
        {"text": number(counts.get(row["iso3"], 0), lang), "xref": "paper", "x": 1, "y": row["key"],
         "xanchor": "left", "showarrow": False, "font": {"size": 12}, "xshift": 14}
        for row in order if row["iso3"] is not None]
    # Not validated item by item: checking each of 57 × 46 cells' z, mark and hover text cost more than building
    # them (the properties are the ones written above and in _layout_frame; tests pin them).
    return style.Built({"data": [heatmap], "layout": layout})


@lru_cache(maxsize=len(LANGS))
def _layout_frame(lang: str) -> dict:
    """The matrix's layout without its rows: title, source line, axes, the count column's header."""
    fig = go.Figure()
    style.base_layout(fig, lang, title=" ", source=" ")
    fig.update_layout(
        title_subtitle_text=" ", margin={"l": 8, "r": 70, "t": 150, "b": 40}, plot_bgcolor="#FFFFFF",
        xaxis={"side": "top", "type": "category", "tickangle": -90, "fixedrange": True, "showgrid": False},
        yaxis={"autorange": "reversed", "fixedrange": True, "showgrid": False, "automargin": True,
               "tickfont": {"size": 13}},
    )
    fig.layout.annotations[0].update(y=0, yshift=-10)
    fig.add_annotation(text=f"<b>{t('coverage.count_header', lang)}</b>", xref="paper", yref="paper", x=1, y=1,
                       xanchor="left", yanchor="bottom", showarrow=False, font={"size": 12}, xshift=8)
    return fig.to_plotly_json()["layout"]


def matrix_summary(cells: pd.DataFrame, source_label: str, lang: str) -> str:
    """How many State-years hold a figure, how many only flagged ones, how many none."""
    status = cells["status"].value_counts()
    years = cells["year"]
    return t("coverage.matrix_summary", lang, source=source_label, states=cells["iso3"].nunique(),
             first=int(years.min()), last=int(years.max()), cells=number(len(cells), lang),
             reported=number(int(status.get("reported", 0)), lang),
             flagged=number(int(status.get("flagged", 0)), lang),
             missing=number(int(status.get("missing", 0)), lang))
