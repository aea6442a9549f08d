"""Preferred share series and regional aggregates -> the /trends line chart with reference lines and projections."""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from dashboard import projection
from dashboard.figures import style
from dashboard.figures.wording import (
    Context,
    gap_text,
    point_hover,
    projection_text,
    share_text,
    wrapped,
)
from dashboard.i18n import LANGS, t

# Yellow (#F0E442) is too faint for a thin line on white: lines skip it.
LINE_COLOURS = [c for c in style.PALETTE if c != "#F0E442"]
REF_COLOURS = {30: style.TARGET_30, 50: style.PARITY}
TARGET = 30.0
SCATTER = {"type": "scatter"}   # the trace type (tests/perf checks the plotly.js bundle holds it)
# Beside the plot: a legend below it would wrap into the source line when there are many series.
SIDE_LEGEND = {"orientation": "v", "x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top", "font": {"size": 13}}
# Characters per line of the source under the chart: fits the plot width from 1366 px down to a tablet's.
SOURCE_WIDTH = 130
# The label at the end of a drawn projection, per status.
PROJECTION_LABELS = {"projected": "trends.proj_label_projected", "beyond_horizon": "trends.proj_label_beyond_horizon"}


@dataclass
class Line:
    """One drawn series: a country (preferred figures) or a region (aggregate in the chosen mode)."""

    key: str
    name: str
    kind: str                      # 'country' | 'region'
    points: list[dict] = field(default_factory=list)   # year, value, bound, flags, source_id, vintage, n, n_of
    colour: str = style.BASE

    @property
    def exact(self) -> list[dict]:
        return [p for p in self.points if not p["bound"]]

    def starts(self) -> list[bool]:
        exact = self.exact
        if self.kind == "region":
            return projection.membership_starts([set(p["members"].split(";")) - {""} for p in exact])
        return projection.break_starts([p["flags"] for p in exact], [p["source_id"] for p in exact])

    def projection(self) -> projection.Projection | None:
        """Countries only: an aggregate's membership changes from year to year, so it has no trend to extend."""
        if self.kind != "country":
            return None
        exact = self.exact
        years, values = projection.last_stretch([p["year"] for p in exact], [p["value"] for p in exact],
                                                self.starts())
        return projection.project(years, values, TARGET)


def country_lines(series: pd.DataFrame, countries: list[str], names: dict[str, str]) -> list[Line]:
    """One line per chosen country, in the order chosen; a country without figures keeps an empty line."""
    lines = []
    for iso3 in countries:
        rows = series[series["iso3"] == iso3].sort_values("year")
        points = [{"year": int(r.year), "value": float(r.value), "bound": r.bound, "flags": r.flags,
                   "source_id": r.source_id, "vintage": r.vintage} for r in rows.itertuples()]
        lines.append(Line(iso3, names.get(iso3, iso3), "country", points))
    return lines


def region_lines(regional: pd.DataFrame, regions: list[str], mode: str, lang: str) -> list[Line]:
    """One line per chosen region; in pooled mode only years where some members report both counts."""
    value_col, n_col, members_col = (("pooled_share", "n_pooled", "members_pooled") if mode == "pooled"
                                     else ("mean_share", "n_reporting", "members_reporting"))
    lines = []
    for code in regions:
        rows = regional[(regional["region"] == code) & regional[value_col].notna()].sort_values("year")
        names = regional.loc[regional["region"] == code, f"name_{lang}"]
        label = t(f"trends.region_{mode}", lang, region=names.iloc[0] if len(names) else code)
        points = [{"year": int(r.year), "value": float(getattr(r, value_col)), "bound": "", "flags": "",
                   "source_id": "", "vintage": "", "n": int(getattr(r, n_col)), "n_of": int(r.n_members),
                   "members": getattr(r, members_col), "coverage_key": f"trends.coverage_{mode}"}
                  for r in rows.itertuples()]
        lines.append(Line(code, label, "region", points))
    return lines


def colour(lines: list[Line]) -> list[Line]:
    """Colours by position, so the same selection always gets the same colours."""
    for i, line in enumerate(lines):
        line.colour = LINE_COLOURS[i % len(LINE_COLOURS)]
    return lines


def _joined(line: Line, ctx: Context, last_note: str) -> dict:
    """x, y, symbols and hover texts of a line's exact points, with None between runs so the line breaks."""
    exact = line.exact
    runs = projection.line_runs([p["year"] for p in exact], line.starts())
    xs, ys, symbols, hovers = [], [], [], []
    for run in runs:
        if xs:
            xs.append(None), ys.append(None), symbols.append("circle"), hovers.append("")
        for i in run:
            p = exact[i]
            xs.append(p["year"]), ys.append(p["value"])
            symbols.append(marker_symbol(line, p, ctx))
            note = last_note if i == len(exact) - 1 else ""
            hovers.append(point_hover(line.name, p, ctx, note))
    return {"x": xs, "y": ys, "symbols": symbols, "hovers": hovers}


def marker_symbol(line: Line, point: dict, ctx: Context) -> str:
    if line.kind == "region":
        # Fewer than half the members reporting: an open marker says "thin coverage".
        return "square" if 2 * point["n"] >= point["n_of"] else "square-open"
    return "diamond" if ctx.notable(point["flags"]) else "circle"


def _line_traces(line: Line, ctx: Context, refs: list[int]) -> list[dict]:
    last = line.exact[-1] if line.exact else None
    last_note = "<br>".join(gap_text(last["value"], r, ctx.lang) for r in refs) if last else ""
    proj = line.projection()
    if proj is not None:
        last_note = "<br>".join(filter(None, [last_note, projection_text(proj, ctx.lang)]))
    data = _joined(line, ctx, last_note)
    region = line.kind == "region"
    # A region's mean can equal a member's figure (Central Asia = Kazakhstan): drawn wide and pale underneath.
    traces = [dict(
        SCATTER, x=data["x"], y=data["y"], name=line.name, legendgroup=line.key, mode="lines+markers",
        connectgaps=False, opacity=0.6 if region else 1,
        line={"color": line.colour, "width": 6 if region else 3, **({"dash": "dot"} if region else {})},
        marker={"symbol": data["symbols"], "size": 14 if region else 10, "color": line.colour,
                "line": {"width": 2, "color": line.colour}},
        hovertext=data["hovers"], hovertemplate="%{hovertext}<extra></extra>",
    )]
    bounds = [p for p in line.points if p["bound"]]
    if bounds:
        traces.append(dict(
            SCATTER, x=[p["year"] for p in bounds], y=[p["value"] for p in bounds], mode="markers",
            showlegend=False,
            legendgroup=line.key, name=line.name,
            marker={"symbol": ["triangle-up" if p["bound"] == "lower" else "triangle-down" for p in bounds],
                    "size": 12, "color": line.colour},
            hovertext=[point_hover(line.name, p, ctx) for p in bounds], hovertemplate="%{hovertext}<extra></extra>",
        ))
    if proj is not None and proj.drawn:
        traces.append(_projection_trace(line, proj, ctx.lang))
    return traces


def _projection_trace(line: Line, proj: projection.Projection, lang: str) -> dict:
    # Beyond the horizon the end carries no number: a value read off an extrapolation would look like data.
    end = t(PROJECTION_LABELS[proj.status], lang, target=share_text(proj.target, lang),
            year=proj.year_reached or proj.horizon)
    return dict(
        SCATTER, x=[proj.start_year, proj.end_year], y=[proj.start_value, proj.end_value], mode="lines+text",
        line={"color": line.colour, "width": 2, "dash": "dash"}, legendgroup=line.key, showlegend=False,
        name=line.name, text=["", end], textposition="top left", textfont={"color": line.colour, "size": 13},
        hovertext=[f"<b>{line.name}</b><br>{projection_text(proj, lang)}"] * 2,
        hovertemplate="%{hovertext}<extra></extra>",
    )


def side_legend(fig: go.Figure) -> go.Figure:
    """Legend beside the plot, and the source line a fixed distance under the tick labels, wrapped.

    Pixels, not a fraction of the plot height, keep the source in view at every height of a responsive
    graph; the bottom margin grows with its lines (Russian names of several sources need two).
    """
    lines = 1
    for note in fig.layout.annotations:
        if note.yref == "paper" and note.y is not None and note.y <= 0 and note.yshift:
            text = wrapped(note.text, SOURCE_WIDTH)
            lines = text.count("<br>") + 1
            note.update(text=text, y=0, yanchor="top", yshift=-34)
    return fig.update_layout(legend=SIDE_LEGEND, margin={"b": 64 + 16 * lines})


def figure(lines: list[Line], refs: list[int], ctx: Context, title: str, source: str) -> go.Figure:
    """The chart: one trace group per line, reference lines, and y from 0 to above the highest line shown."""
    traces = [{**trace, "legendrank": 1000 + lines.index(line)}             # legend in the order chosen
              for line in sorted(lines, key=lambda line: line.kind != "region")   # regions first, underneath
              for trace in _line_traces(line, ctx, refs)]
    projected = [TARGET for line in lines if (proj := line.projection()) is not None and proj.drawn]
    top = max([p["value"] for line in lines for p in line.points] + list(refs) + projected + [10])
    # The traces are plain dicts of the properties written here (tests pin them), not validated one array item at
    # a time (each point's symbol and hover text): that cost more than building them.
    return filled(_layout_frame(ctx.lang, tuple(refs)), traces, title, source, top * 1.1)


def filled(frame: dict, traces: list[dict], title: str, source: str, y_max: float) -> style.Built:
    """A chart from a layout made once per language (validated, with side_legend) and this view's traces, title,
    y range and source line (wrapped, with the bottom margin side_legend would give it)."""
    layout = copy.deepcopy(frame)
    layout["title"]["text"] = title
    layout["yaxis"]["range"] = [0, y_max]
    note = layout["annotations"][-1]  # the source line: base_layout's, added after any reference line's label
    note["text"] = wrapped(source, SOURCE_WIDTH)
    layout["margin"]["b"] = 64 + 16 * (note["text"].count("<br>") + 1)
    return style.Built({"data": traces, "layout": layout})


@lru_cache(maxsize=4 * len(LANGS))
def _layout_frame(lang: str, refs: tuple[int, ...]) -> dict:
    """The chart's layout without its title, source line and y range: reference lines, axes, legend."""
    fig = go.Figure()
    for ref in refs:
        fig.add_hline(y=ref, line={"color": REF_COLOURS.get(ref, style.TARGET_30), "dash": "dot", "width": 1.5},
                      annotation_text=t(f"trends.ref_{ref}", lang), annotation_position="top left",
                      annotation_font={"color": REF_COLOURS.get(ref, style.TARGET_30), "size": 13})
    style.base_layout(fig, lang, title=" ", source=" ")
    fig.update_layout(
        yaxis={"title": t("trends.axis_share", lang), "range": [0, 11], "rangemode": "tozero",
               "ticksuffix": "\u00a0%" if lang == "ru" else "%"},
        xaxis={"tickformat": "d"},  # years need no axis title
        hovermode="closest",
    )
    return side_legend(fig).to_plotly_json()["layout"]
