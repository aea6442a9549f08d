"""A country's share series (scope × source × release), neighbours and targets -> the profile chart and its texts."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import projection
from dashboard.figures import style
from dashboard.figures.trends import side_legend
from dashboard.figures.wording import (
    Context,
    gap_text,
    point_hover,
    points_text,
    share_text,
    wrapped,
)
from dashboard.i18n import t

MAIN_INDICATOR = "share_women_police"
SHARE_ROLES = ("share", "share_avg3")
# The country's own series: the highlight first, then the rest of the palette (yellow is too faint for lines).
OWN_COLOURS = [style.HIGHLIGHT] + [c for c in style.PALETTE if c not in (style.HIGHLIGHT, "#F0E442")]
NEIGHBOUR_DASHES = ["dot", "dashdot", "longdash", "longdashdot"]
TARGET_COLOUR = "#333333"
LEGEND_WIDTH = 40   # characters per line of a legend entry
CHANGE_KEYS = {"no_figure": "country.change_no_figure", "break": "country.change_break",
               "no_data": "country.change_no_data"}


def share_series(series: pd.DataFrame) -> list[tuple[tuple, pd.DataFrame]]:
    """Share rows grouped into series: (indicator, scope, source, vintage), newest vintage first within a source."""
    shares = series[series["role"].isin(SHARE_ROLES)]
    keys = ["indicator_sort", "scope_sort", "indicator", "scope", "source_id", "vintage"]
    groups = [(key, rows.sort_values("year")) for key, rows in shares.groupby(keys, sort=True)]
    return sorted(groups, key=lambda g: (g[0][:5], [-ord(c) for c in g[0][5]]))


def _points(rows: pd.DataFrame) -> list[dict]:
    return [{"year": int(r.year), "value": float(r.value), "bound": r.bound, "flags": r.flags,
             "source_id": r.source_id, "vintage": r.vintage} for r in rows.itertuples()]


def _joined(points: list[dict], name: str, ctx: Context) -> dict:
    """x/y with None between runs (a line never bridges a missing year or a break), symbols, hover texts."""
    exact = [p for p in points if not p["bound"]]
    starts = projection.break_starts([p["flags"] for p in exact], [p["source_id"] for p in exact])
    xs, ys, symbols, hovers = [], [], [], []
    for run in projection.line_runs([p["year"] for p in exact], starts):
        if xs:
            xs.append(None), ys.append(None), symbols.append("circle"), hovers.append("")
        for i in run:
            xs.append(exact[i]["year"]), ys.append(exact[i]["value"]), hovers.append(point_hover(name, exact[i], ctx))
            symbols.append("diamond" if ctx.notable(exact[i]["flags"]) else "circle")
    return {"x": xs, "y": ys, "symbols": symbols, "hovers": hovers}


def _series_traces(name: str, points: list[dict], ctx: Context, colour: str, older: bool,
                   neighbour_dash: str | None = None) -> list[go.Scatter]:
    data = _joined(points, name, ctx)
    width = 1.5 if neighbour_dash else 3
    traces = [go.Scatter(
        x=data["x"], y=data["y"], name=name, legendgroup=name, mode="lines+markers", connectgaps=False,
        line={"color": colour, "width": width, "dash": neighbour_dash or ("dash" if older else None)},
        marker={"symbol": [s + "-open" if older else s for s in data["symbols"]], "size": 7 if neighbour_dash else 10,
                "color": colour, "line": {"width": 2, "color": colour}},
        hovertext=data["hovers"], hovertemplate="%{hovertext}<extra></extra>")]
    bounds = [p for p in points if p["bound"]]
    if bounds:
        traces.append(go.Scatter(
            x=[p["year"] for p in bounds], y=[p["value"] for p in bounds], mode="markers", name=name,
            legendgroup=name, showlegend=False,
            marker={"symbol": ["triangle-up" if p["bound"] == "lower" else "triangle-down" for p in bounds],
                    "size": 12, "color": colour},
            hovertext=[point_hover(name, p, ctx) for p in bounds], hovertemplate="%{hovertext}<extra></extra>"))
    return traces


def series_name(key: tuple, rows: pd.DataFrame, ctx: Context) -> str:
    """'Police officers<br>UN Statistics Division, 2019 release' (with the indicator when not the main one).

    The source is wrapped: a legend as wide as a long (Russian) publisher name would squeeze the plot."""
    first = rows.iloc[0]
    name = f"{ctx.scope_label}<br>{wrapped(ctx.source_text(first['source_id'], first['vintage']), LEGEND_WIDTH)}"
    return name if key[2] == MAIN_INDICATOR else f"{first[f'indicator_{ctx.lang}']}<br>{name}"


def figure(series: pd.DataFrame, neighbours: pd.DataFrame, targets: pd.DataFrame, ctx: Context,
           title: str, source: str) -> go.Figure:
    """Own series in colour (older releases dashed, open markers), neighbours thin and grey, targets as stars."""
    fig = go.Figure()
    groups = share_series(series)
    colours, scopes = {}, []
    for key, rows in groups:
        ctx_scope = ctx.for_scope(rows.iloc[0][f"scope_{ctx.lang}"])
        older = key[:5] in colours      # groups come newest release first: a seen series is an older release
        colour = colours.setdefault(key[:5], OWN_COLOURS[len(colours) % len(OWN_COLOURS)])
        for trace in _series_traces(series_name(key, rows, ctx_scope), _points(rows), ctx_scope, colour, older):
            fig.add_trace(trace)
        scopes.append(key[3])
    _add_neighbours(fig, neighbours[neighbours["scope"].isin(scopes)], ctx)
    _add_targets(fig, targets[targets["indicator"] == MAIN_INDICATOR], ctx)
    fig.add_hline(y=30, line={"color": style.TARGET_30, "dash": "dot", "width": 1.5},
                  annotation_text=share_text(30, ctx.lang), annotation_position="top right")
    top = max([30.0] + series.loc[series["role"].isin(SHARE_ROLES), "value"].tolist()
              + neighbours["value"].tolist() + targets["value"].tolist())
    style.base_layout(fig, ctx.lang, title=title, source=source)
    fig.update_layout(yaxis={"title": t("country.axis_share", ctx.lang), "range": [0, top * 1.15],
                             "ticksuffix": "\u00a0%" if ctx.lang == "ru" else "%"},
                      xaxis={"tickformat": "d"}, hovermode="closest")
    return side_legend(fig)


def _add_neighbours(fig: go.Figure, neighbours: pd.DataFrame, ctx: Context) -> None:
    for i, ((iso3, scope), rows) in enumerate(neighbours.groupby(["iso3", "scope"], sort=True)):
        scope_label = rows.iloc[0][f"scope_{ctx.lang}"]
        name = t("country.neighbour_name", ctx.lang, name=rows.iloc[0][f"name_{ctx.lang}"], scope=scope_label)
        ctx_scope = ctx.for_scope(scope_label)
        for trace in _series_traces(name, _points(rows.assign(bound="")), ctx_scope, style.MUTED, False,
                                    NEIGHBOUR_DASHES[i % len(NEIGHBOUR_DASHES)]):
            fig.add_trace(trace)


def _add_targets(fig: go.Figure, targets: pd.DataFrame, ctx: Context) -> None:
    """Announced targets as open stars, named as targets in the legend: never joined to the data."""
    if targets.empty:
        return
    hovers = [t("country.target_hover", ctx.lang, value=share_text(r.value, ctx.lang), year=r.year,
                scope=getattr(r, f"scope_{ctx.lang}"), note_label=t("country.col_note", ctx.lang), note=r.note)
              for r in targets.itertuples()]
    fig.add_trace(go.Scatter(
        x=targets["year"].tolist(), y=targets["value"].tolist(), mode="markers",
        name=t("country.target_legend", ctx.lang),
        marker={"symbol": "star-open", "size": 16, "color": TARGET_COLOUR, "line": {"width": 2}},
        hovertext=hovers, hovertemplate="%{hovertext}<extra></extra>"))


def source_line(series: pd.DataFrame, neighbours: pd.DataFrame, ctx: Context) -> str:
    """'Source: A; B. …' naming every source drawn: the country's share series and the neighbours in their scopes."""
    shares = series[series["role"].isin(SHARE_ROLES)]
    drawn = neighbours[neighbours["scope"].isin(shares["scope"])]
    return t("country.source_line", ctx.lang, sources=ctx.sources_text([*shares["source_id"], *drawn["source_id"]]))


def headline(series: pd.DataFrame) -> pd.Series | None:
    """The latest preferred exact women's share, in the first scope (by the scope order) that has one."""
    rows = series[(series["indicator"] == MAIN_INDICATOR) & (series["rank"] == 1) & (series["bound"] == "")]
    if rows.empty:
        return None
    first_scope = rows.sort_values("scope_sort").iloc[0]["scope"]
    return rows[rows["scope"] == first_scope].sort_values("year").iloc[-1]


def revisions(series: pd.DataFrame) -> pd.DataFrame:
    """Rows whose value differs from the same figure in the source's previous release."""
    changed = series["previous_vintage_value"].notna() & (series["previous_vintage_value"] != series["value"])
    return series[changed]


def summary(name: str, series: pd.DataFrame, ctx: Context) -> str:
    """One sentence on the latest figure and its gap to 30%, plus one on revisions between releases."""
    lang = ctx.lang
    row = headline(series)
    if row is None:
        return t("country.summary_none", lang, name=name)
    text = t("country.summary", lang, name=name, year=int(row["year"]), value=share_text(row["value"], lang),
             scope=row[f"scope_{lang}"], source=ctx.source_text(row["source_id"], row["vintage"]),
             gap=gap_text(row["value"], 30, lang))
    revised = revisions(series)
    if not revised.empty:
        first = revised.sort_values("year").iloc[0]
        text += " " + t("country.summary_revised", lang, n=len(revised), year=int(first["year"]),
                        old=share_text(first["previous_vintage_value"], lang), new=share_text(first["value"], lang),
                        vintage=first["vintage"])
    return text


def rank_text(row, lang: str) -> str:
    return t("country.rank", lang, position=int(row.position), n=int(row.n_reporting), total=int(row.n_states),
             year=int(row.year))


def change_text(change: projection.Change, lang: str) -> str:
    """'−2 points (2010: 10% → 2015: 8%)', or why there is no change to show."""
    if change.status == "ok":
        delta = round(change.delta, 1)
        sign = "+" if delta > 0 else "\u2212" if delta < 0 else ""
        return t("country.change_ok", lang, delta=sign + points_text(abs(delta), lang), start=change.start_year,
                 end=change.end_year, old=share_text(change.start_value, lang), new=share_text(change.end_value, lang))
    return t(CHANGE_KEYS[change.status], lang, span=change.span, year=change.start_year, break_year=change.break_year)
