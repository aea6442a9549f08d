"""The overview's ranking (one column of horizontal bars) -> a slide ranking: two columns when one is too dense."""
from __future__ import annotations

import math
import re

import plotly.graph_objects as go

# Stage pixels: the space the title and the value axis take, and the type sizes a projector needs.
CHROME_PX = 290
MIN_FONT, MAX_FONT = 18, 28
GAP_PX = 24            # between the first column's value labels and the second column's names
CHAR_EM = 0.56         # average glyph width of the sans-serif stack, in ems (bold names a little wider)


def _plain(label: str) -> str:
    return re.sub(r"<[^>]+>", "", str(label))


def _part(value, part: slice):
    """A per-bar list sliced; a single value (one colour for all bars) kept."""
    return list(value)[part] if isinstance(value, (list, tuple)) else value


def _names_px(labels, font: int) -> int:
    return int(max((len(_plain(s)) for s in labels), default=0) * font * CHAR_EM) + 16


def _column(bar: go.Bar, part: slice, font: int, suffix: str) -> go.Bar:
    return go.Bar(
        x=_part(bar.x, part), y=_part(bar.y, part), orientation="h", cliponaxis=False,
        marker_color=_part(bar.marker.color, part), text=_part(bar.text, part), textposition="outside",
        textfont={"size": font, "color": "#111111"}, hovertext=_part(bar.hovertext, part), hoverinfo="text",
        xaxis=f"x{suffix}", yaxis=f"y{suffix}", showlegend=False,
    )


def _copy_to_second(fig: go.Figure) -> None:
    """The 30 % line and its label, drawn on the first column's axes, drawn again on the second's."""
    for shape in list(fig.layout.shapes):
        if shape.xref == "x":
            fig.add_shape(shape.to_plotly_json() | {"xref": "x2", "yref": str(shape.yref).replace("y", "y2", 1)
                                                     if str(shape.yref).startswith("y") else shape.yref})
    for note in list(fig.layout.annotations):
        if note.xref == "x":
            fig.add_annotation(note.to_plotly_json() | {"xref": "x2"})


def two_columns(fig: go.Figure, width: int, height: int) -> go.Figure:
    """Every State still shown, highest first, down the left column then the right one, in type large enough."""
    bar = next((trace for trace in fig.data if trace.type == "bar"), None)
    n = len(bar.y) if bar is not None and bar.y is not None else 0
    if n == 0:
        return fig
    plot_px = height - CHROME_PX
    if plot_px / n >= MAX_FONT * 1.25:
        fig.update_traces(textfont={"size": MAX_FONT}, selector={"type": "bar"})
        return fig
    half = math.ceil(n / 2)
    cut = n - half                       # the builder lists bars from the lowest up: the top half comes last
    font = max(MIN_FONT, min(MAX_FONT, int(plot_px / half / 1.3)))
    left, right = slice(cut, n), slice(0, cut)
    names_left, names_right = _names_px(bar.y[left], font), _names_px(bar.y[right], font)
    plot = width - names_left - 24
    column = (plot - names_right - GAP_PX) / 2
    fig.data = []
    fig.add_trace(_column(bar, left, font, ""))
    fig.add_trace(_column(bar, right, font, "2"))
    xaxis = fig.layout.xaxis.to_plotly_json()
    fig.update_layout(
        margin={"l": names_left, "r": 24, "t": 190, "b": 96},
        xaxis={**xaxis, "domain": [0, column / plot], "anchor": "y"},
        xaxis2={**xaxis, "domain": [(column + names_right + GAP_PX) / plot, 1], "anchor": "y2"},
        # Same bar thickness in both columns: the shorter right column keeps the left one's row spacing.
        yaxis={"automargin": False, "tickfont": {"size": font}, "range": [-0.5, half - 0.5], "fixedrange": True},
        yaxis2={"automargin": False, "tickfont": {"size": font}, "anchor": "x2", "fixedrange": True,
                "range": [cut - half - 0.5, cut - 0.5]},
    )
    _copy_to_second(fig)
    return fig
