"""A country's share series (scope × source × release), neighbours and targets -> the profile chart and its texts.

Built from column lists (never row by row through pandas), one trace per series; past LEGEND_LIMIT series (synthetic
warehouses: ~300) one per scope and release style, each point's hover still naming its series."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from dashboard import projection
from dashboard.figures import style
from dashboard.figures.trends import filled, side_legend
from dashboard.figures.wording import (
    Context,
    gap_text,
    point_hover,
    points_text,
    share_text,
    wrapped,
)
from dashboard.i18n import LANGS, t

MAIN_INDICATOR = "share_women_police"
SHARE_ROLES = ("share", "share_avg3")
# The country's own series: the highlight first, then the rest of the palette (yellow is too faint for lines).
OWN_COLOURS = [style.HIGHLIGHT] + [c for c in style.PALETTE if c not in (style.HIGHLIGHT, "#F0E442")]
NEIGHBOUR_DASHES = ["dot", "dashdot", "longdash", "longdashdot"]
TARGET_COLOUR = "#333333"
LEGEND_WIDTH = 40   # characters per line of a legend entry
LEGEND_LIMIT = 24   # own series with a legend entry each (the most any real State holds is 5)
NEIGHBOUR_LIMIT = 12  # neighbour lines per State and scope (real: at most 7); beyond, one line per State
SCATTER = {"type": "scatter"}   # the trace type (tests/perf checks the plotly.js bundle holds it)
SERIES_KEY = ["indicator_sort", "scope_sort", "indicator", "scope", "source_id", "vintage"]
POINT_COLUMNS = ["year", "value", "bound", "flags", "source_id", "vintage"]
CHANGE_KEYS = {"no_figure": "country.change_no_figure", "break": "country.change_break",
               "no_data": "country.change_no_data"}


def _columns(frame: pd.DataFrame, names: list[str]) -> dict[str, list]:
    return {name: frame[name].tolist() for name in names}


def _groups(keys: list[tuple], years: list[int]) -> list[tuple[tuple, list[int]]]:
    """Row positions per key, each sorted by year (ties keep the query's order); keys in the series order:
    indicator, scope, source, then newest vintage first."""
    rows: dict[tuple, list[int]] = {}
    for i, key in enumerate(keys):
        rows.setdefault(key, []).append(i)
    order = sorted(rows, key=lambda k: (k[:5], [-ord(c) for c in k[5]]))
    return [(key, sorted(rows[key], key=years.__getitem__)) for key in order]


def _shares(series: pd.DataFrame) -> pd.DataFrame:
    return series[series["role"].isin(SHARE_ROLES)]


def masked_columns(frame: pd.DataFrame, mask: pd.Series, names: list[str]) -> dict[str, list]:
    """The columns `names` of the rows where `mask` holds, as lists (the same values as frame[mask][name].tolist()):
    picked from each whole column's list, where masking the frame copies every column and .loc costs per call."""
    positions = mask.to_numpy().nonzero()[0].tolist()
    out = {}
    for name in names:
        column = frame[name].tolist()
        out[name] = [column[i] for i in positions]
    return out


def _share_columns(series: pd.DataFrame, names: list[str]) -> dict[str, list]:
    return masked_columns(series, series["role"].isin(SHARE_ROLES), names)


def share_series(series: pd.DataFrame) -> list[tuple[tuple, pd.DataFrame]]:
    """Share rows grouped into series: (indicator, scope, source, vintage), newest vintage first within a source."""
    shares = _shares(series)
    groups = _groups(list(zip(*_columns(shares, SERIES_KEY).values())), shares["year"].tolist())
    return [(key, shares.iloc[rows]) for key, rows in groups]


def n_share_series(series: pd.DataFrame) -> int:
    """How many share series: more than LEGEND_LIMIT are drawn one trace per scope and release style."""
    return len(set(zip(*_share_columns(series, SERIES_KEY).values())))


def _joined(cols: dict[str, list], parts: list[tuple[str, list[int], Context]]) -> dict:
    """x/y with None between series and runs (a line never bridges a missing year or a break), symbols, hovers."""
    xs, ys, symbols, hovers = [], [], [], []
    for name, rows, ctx in parts:
        exact = [i for i in rows if not cols["bound"][i]]
        years = [cols["year"][i] for i in exact]
        starts = projection.break_starts([cols["flags"][i] for i in exact], [cols["source_id"][i] for i in exact])
        for run in projection.line_runs(years, starts):
            if xs:
                xs.append(None), ys.append(None), symbols.append("circle"), hovers.append("")
            for i in (exact[k] for k in run):
                xs.append(cols["year"][i]), ys.append(cols["value"][i]), hovers.append(_hover(name, cols, i, ctx))
                symbols.append("diamond" if ctx.notable(cols["flags"][i]) else "circle")
    return {"x": xs, "y": ys, "symbols": symbols, "hovers": hovers}


def _hover(name: str, cols: dict[str, list], i: int, ctx: Context) -> str:
    return point_hover(name, {c: cols[c][i] for c in POINT_COLUMNS}, ctx)


def _traces(name: str, cols: dict[str, list], parts: list[tuple[str, list[int], Context]], colour: str,
            older: bool, neighbour_dash: str | None = None) -> list[dict]:
    """One line (with markers) for the exact values of `parts`, and one of triangles for their bounds if any."""
    data = _joined(cols, parts)
    width, dash = (1.5, neighbour_dash) if neighbour_dash else (3, "dash" if older else None)
    traces = [dict(
        SCATTER, x=data["x"], y=data["y"], name=name, legendgroup=name, mode="lines+markers", connectgaps=False,
        line={"color": colour, "width": width, **({"dash": dash} if dash else {})},   # as validation leaves it
        marker={"symbol": [s + "-open" if older else s for s in data["symbols"]], "size": 7 if neighbour_dash else 10,
                "color": colour, "line": {"width": 2, "color": colour}},
        hovertext=data["hovers"], hovertemplate="%{hovertext}<extra></extra>")]
    bounds = [(part, i, ctx) for part, rows, ctx in parts for i in rows if cols["bound"][i]]
    if bounds:
        traces.append(dict(
            SCATTER, x=[cols["year"][i] for _, i, _ in bounds], y=[cols["value"][i] for _, i, _ in bounds],
            mode="markers", name=name, legendgroup=name, showlegend=False,
            marker={"symbol": ["triangle-up" if cols["bound"][i] == "lower" else "triangle-down" for _, i, _ in bounds],
                    "size": 12, "color": colour},
            hovertext=[_hover(part, cols, i, ctx) for part, i, ctx in bounds],
            hovertemplate="%{hovertext}<extra></extra>"))
    return traces


def series_name(key: tuple, indicator_label: str, ctx: Context) -> str:
    """'Police officers<br>UN Statistics Division, 2019 release' (with the indicator when not the main one).

    The source is wrapped: a legend as wide as a long (Russian) publisher name would squeeze the plot."""
    name = f"{ctx.scope_label}<br>{wrapped(ctx.source_text(key[4], key[5]), LEGEND_WIDTH)}"
    return name if key[2] == MAIN_INDICATOR else f"{indicator_label}<br>{name}"


def _own(series: pd.DataFrame, ctx: Context) -> tuple[dict[str, list], list[tuple]]:
    """The share series as (legend name, colour, older release?, [(series name, rows, context)]) per trace."""
    lang = ctx.lang
    cols = _share_columns(series, POINT_COLUMNS + SERIES_KEY + [f"scope_{lang}", f"indicator_{lang}"])
    groups = _groups(list(zip(*(cols[c] for c in SERIES_KEY))), cols["year"])
    colours, parts = {}, []
    for key, rows in groups:
        first = rows[0]
        ctx_scope = ctx.for_scope(cols[f"scope_{lang}"][first])
        older = key[:5] in colours      # groups come newest release first: a seen series is an older release
        colour = colours.setdefault(key[:5], OWN_COLOURS[len(colours) % len(OWN_COLOURS)])
        parts.append((key, older, colour, (series_name(key, cols[f"indicator_{lang}"][first], ctx_scope), rows,
                                           ctx_scope)))
    if len(parts) <= LEGEND_LIMIT:
        return cols, [(part[0], colour, older, [part]) for key, older, colour, part in parts]
    bundles: dict[tuple, list] = {}     # too many for a legend: one trace per scope and release style
    for key, older, _, part in parts:
        bundles.setdefault((key[1], key[3], older), []).append(part)
    scopes = sorted({scope for scope, _, _ in bundles})
    return cols, [(t("country.bundle_older" if older else "country.bundle_newest", lang,
                     scope=members[0][2].scope_label, n=len(members)),
                   OWN_COLOURS[scopes.index(scope) % len(OWN_COLOURS)], older, members)
                  for (scope, _, older), members in sorted(bundles.items())]


def figure(series: pd.DataFrame, neighbours: pd.DataFrame, targets: pd.DataFrame, ctx: Context,
           title: str, source: str) -> go.Figure:
    """Own series in colour (older releases dashed, open markers), neighbours thin and grey, targets as stars."""
    cols, own = _own(series, ctx)
    traces = [trace for name, colour, older, parts in own for trace in _traces(name, cols, parts, colour, older)]
    traces += _neighbours(neighbours[neighbours["scope"].isin(set(cols["scope"]))], ctx)
    traces += _targets(targets[targets["indicator"] == MAIN_INDICATOR], ctx)
    top = max([30.0, *cols["value"], *neighbours["value"].tolist(), *targets["value"].tolist()])
    # The traces are plain dicts of the properties written in this module (tests pin them), not checked one array
    # item at a time: that cost more than building ~1,000 points' symbols and hovers.
    return filled(_layout_frame(ctx.lang), traces, title, source, top * 1.15)


@lru_cache(maxsize=len(LANGS))
def _layout_frame(lang: str) -> dict:
    """The profile chart's layout without this State's title, source line and y range: the 30 % line, axes, legend."""
    fig = go.Figure()
    fig.add_hline(y=30, line={"color": style.TARGET_30, "dash": "dot", "width": 1.5},
                  annotation_text=share_text(30, lang), annotation_position="top right")
    style.base_layout(fig, lang, title=" ", source=" ")
    fig.update_layout(yaxis={"title": t("country.axis_share", lang), "range": [0, 34.5],
                             "ticksuffix": "\u00a0%" if lang == "ru" else "%"},
                      xaxis={"tickformat": "d"}, hovermode="closest")
    return side_legend(fig).to_plotly_json()["layout"]


def _neighbours(neighbours: pd.DataFrame, ctx: Context) -> list[dict]:
    """One thin grey line per neighbour and scope; beyond NEIGHBOUR_LIMIT of them, one per neighbour."""
    lang = ctx.lang
    cols = _columns(neighbours, ["iso3", "scope", f"scope_{lang}", f"name_{lang}"] + POINT_COLUMNS[:2]
                    + POINT_COLUMNS[3:])
    cols["bound"] = [""] * len(neighbours)
    groups = _groups([(c, s, "", "", "", "") for c, s in zip(cols["iso3"], cols["scope"])], cols["year"])
    by_state = len(groups) > NEIGHBOUR_LIMIT
    lines: dict[str, list] = {}
    for (iso3, scope, *_), rows in groups:
        first = rows[0]
        name = t("country.neighbour_name", lang, name=cols[f"name_{lang}"][first], scope=cols[f"scope_{lang}"][first])
        lines.setdefault(iso3 if by_state else f"{iso3} {scope}", []).append(
            (name, rows, ctx.for_scope(cols[f"scope_{lang}"][first])))
    traces = []
    for i, parts in enumerate(lines.values()):
        name = t("country.neighbour_scopes", lang, name=cols[f"name_{lang}"][parts[0][1][0]], n=len(parts)) \
            if by_state else parts[0][0]
        traces += _traces(name, cols, parts, style.MUTED, False, NEIGHBOUR_DASHES[i % len(NEIGHBOUR_DASHES)])
    return traces


def _targets(targets: pd.DataFrame, ctx: Context) -> list[dict]:
    """Announced targets as open stars, named as targets in the legend: never joined to the data."""
    if targets.empty:
        return []
    lang = ctx.lang
    cols = _columns(targets, ["year", "value", f"scope_{lang}", "note"])
    hovers = [t("country.target_hover", lang, value=share_text(value, lang), year=year, scope=scope,
                note_label=t("country.col_note", lang), note=note)
              for year, value, scope, note in zip(*cols.values())]
    return [dict(
        SCATTER, x=cols["year"], y=cols["value"], mode="markers", name=t("country.target_legend", lang),
        marker={"symbol": "star-open", "size": 16, "color": TARGET_COLOUR, "line": {"width": 2}},
        hovertext=hovers, hovertemplate="%{hovertext}<extra></extra>")]


def source_line(series: pd.DataFrame, neighbours: pd.DataFrame, ctx: Context) -> str:
    """'Source: A; B. …' naming every source drawn: the country's share series and the neighbours in their scopes."""
    shares = _share_columns(series, ["scope", "source_id"])   # lists: iterating pandas strings costs per item
    drawn = _columns(neighbours, ["scope", "source_id"])
    scopes = set(shares["scope"])
    return t("country.source_line", ctx.lang, sources=ctx.sources_text(
        shares["source_id"] + [s for scope, s in zip(drawn["scope"], drawn["source_id"]) if scope in scopes]))


def headline(series: pd.DataFrame) -> pd.Series | None:
    """The latest preferred exact women's share, in the first scope (by the scope order) that has one."""
    preferred = (series["indicator"] == MAIN_INDICATOR) & (series["rank"] == 1) & (series["bound"] == "")
    # One exact preferred value per scope and year: the first scope's latest year, from three columns' lists.
    positions = preferred.to_numpy().nonzero()[0].tolist()
    if not positions:
        return None
    cols = masked_columns(series, preferred, ["scope_sort", "scope", "year"])
    first_scope = cols["scope"][min(range(len(positions)), key=cols["scope_sort"].__getitem__)]
    latest = max((i for i, scope in enumerate(cols["scope"]) if scope == first_scope), key=cols["year"].__getitem__)
    return series.iloc[positions[latest]]


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
