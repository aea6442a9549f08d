"""A dashboard chart (go.Figure from the page's own builder) -> the same chart restyled for a projector slide."""
from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import present_ranking
from dashboard.figures.style import HIGHLIGHT
from dashboard.i18n import percent, t

# The slide is laid out on a 1920×1080 stage that the browser scales to the screen (16:9, 1280×720 to 3840×2160):
# the chart gets a fixed box on that stage, so what is checked at 1920×1080 is what every screen shows.
WIDTH, HEIGHT = 1840, 700
BASE_FONT = 28
SMALL_FONT = 22        # source line and colour-bar ticks: read from the front rows, not from the back
INK = "#111111"        # near-black: survives a washed-out projector better than grey text
GRID = "#B8C2CC"
LINE_WIDTH = 5
LABELS_PX = 580        # right of the plot: one label per line, so no legend is needed
LABEL_CHARS = 30       # longer series names wrap onto a second line
MATRIX_MIN_FONT = 9    # a matrix of every State cannot have projector type; it keeps every row legible up close
# Okabe–Ito's lighter colours at about 3.5:1 against white instead of about 2:1 (same hues, same order).
DARKER = {"#56B4E9": "#2B86BF", "#E69F00": "#B57A00", "#CC79A7": "#B0578B", "#009E73": "#00845F"}
MARKER = 14


def restyle(fig: go.Figure, chart: str, lang: str) -> go.Figure:
    """Large type, fixed size, high contrast; then what each kind of chart needs on a slide (changes `fig`)."""
    _common(fig)
    if chart == "map":
        _map(fig)
    elif chart == "ranking":
        _ranking(fig)
    elif chart == "lines":
        _lines(fig, lang)
    elif chart == "profile":
        _profile(fig, lang)
    elif chart == "matrix":
        _matrix(fig)
    return fig


def _common(fig: go.Figure) -> None:
    fig.update_layout(
        width=WIDTH, height=HEIGHT, autosize=False,
        font={"size": BASE_FONT, "color": INK},
        title={"font": {"size": BASE_FONT + 4, "color": INK}, "subtitle": {"font": {"size": SMALL_FONT + 2}}},
        hoverlabel={"font": {"size": SMALL_FONT}},
        legend={"font": {"size": SMALL_FONT + 2}},
        paper_bgcolor="#FFFFFF", plot_bgcolor="#FFFFFF",
    )
    fig.update_xaxes(tickfont={"size": BASE_FONT, "color": INK}, gridcolor=GRID, linecolor=INK,
                     title_font={"size": BASE_FONT})
    fig.update_yaxes(tickfont={"size": BASE_FONT, "color": INK}, gridcolor=GRID, linecolor=INK,
                     title_font={"size": BASE_FONT})
    for note in fig.layout.annotations:
        size = note.font.size or 12
        # The source line (the smallest text) stays one line; labels on the chart become large.
        note.font.size = SMALL_FONT if size <= 12 else BASE_FONT - 4
        note.font.color = INK if size <= 12 else note.font.color
        if note.yref == "paper" and note.y is not None and note.y < 0:
            # A source line placed as a fraction of the plot height would sit on the larger tick labels.
            note.update(y=0, yanchor="top", yshift=-64)
    for shape in fig.layout.shapes:
        if shape.line and shape.line.width:
            shape.line.width = max(shape.line.width, 3)


def _map(fig: go.Figure) -> None:
    fig.update_layout(margin={"l": 8, "r": 8, "t": 110, "b": 96},
                      coloraxis_colorbar={"tickfont": {"size": SMALL_FONT}, "title": {"font": {"size": SMALL_FONT}},
                                          "thickness": 24})
    fig.update_traces(marker_line_width=1.2, selector={"type": "choropleth"})
    fig.update_traces(marker_size=18, selector={"type": "scattergeo", "mode": "markers"})


def _ranking(fig: go.Figure) -> None:
    fig.update_xaxes(tickfont={"size": SMALL_FONT})
    fig.update_yaxes(automargin=True)
    present_ranking.two_columns(fig, WIDTH, HEIGHT)


def _thicken(fig: go.Figure) -> None:
    """Thick lines, big markers, darker colours, x axis only as wide as the years drawn."""
    for trace in fig.data:
        if trace.type != "scatter":
            continue
        if trace.line and trace.line.width:
            trace.line.width = max(trace.line.width * 1.6, LINE_WIDTH if "lines" in (trace.mode or "") else 0)
        if trace.marker and trace.marker.size:
            trace.marker.size = max(trace.marker.size, MARKER)
        if trace.textfont and trace.textfont.size:
            trace.textfont.size = BASE_FONT - 4
        _darken(trace)
    years = [x for trace in fig.data if trace.type == "scatter" for x in (trace.x or []) if x is not None]
    if years:
        # Only the years drawn (projections included): a slide has no room for empty decades.
        fig.update_xaxes(range=[min(years) - 0.5, max(years) + 0.5])


def _lines(fig: go.Figure, lang: str) -> None:
    """The legend replaced by labels right of the plot: each line's name and last value."""
    _thicken(fig)
    fig.update_layout(showlegend=False, margin={"l": 100, "r": LABELS_PX, "t": 110, "b": 140})
    labelled = _labelled(fig)
    ends = [_last(trace, solid=True) for trace in labelled]
    texts = [_wrap(f"<b>{trace.name}</b> {_value(y, lang)} ({x})") for trace, (x, y) in zip(labelled, ends)]
    heights = [text.count("<br>") + 1 for text in texts]
    ys = _spread([y for _, y in ends], heights, _y_gap(fig))
    for trace, text, y in zip(labelled, texts, ys):
        fig.add_annotation(x=1, y=y, xref="paper", yref="y", xanchor="left", xshift=14, showarrow=False,
                           text=text, align="left", font={"size": BASE_FONT - 4, "color": trace.line.color or INK})


def _profile(fig: go.Figure, lang: str) -> None:
    """A profile's series names are long (scope, source, release): the legend stays, and each own series' last
    value is written beside its last point."""
    _thicken(fig)
    fig.update_layout(legend={"font": {"size": SMALL_FONT}}, margin={"l": 100, "t": 110, "b": 140})
    for trace in _labelled(fig):
        x, y = _last(trace)
        fig.add_annotation(x=x, y=y, xref="x", yref="y", xanchor="left", xshift=14, showarrow=False,
                           text=f"<b>{_value(y, lang)}</b>", font={"size": BASE_FONT - 4, "color": trace.line.color or INK})


def _matrix(fig: go.Figure) -> None:
    """A State × year matrix keeps every row: its type is as large as a row allows, never below a floor."""
    rows = max((len(trace.y or []) for trace in fig.data if trace.type == "heatmap"), default=1)
    size = max(MATRIX_MIN_FONT, min(SMALL_FONT, int((HEIGHT - 260) / rows * 0.9)))
    fig.update_yaxes(tickfont={"size": size})
    fig.update_xaxes(tickfont={"size": max(size, 14)})
    fig.update_traces(textfont={"size": size}, selector={"type": "heatmap"})
    for note in fig.layout.annotations:
        if note.xref == "paper" and note.x == 1:
            note.font.size = size
    fig.update_layout(margin={"t": 190, "b": 70})


def _darken(trace) -> None:
    """The palette's light colours, darkened (same hue) so a washed-out projector still shows them."""
    for part in (trace.line, trace.marker, trace.marker.line if trace.marker else None, trace.textfont):
        if part is not None and isinstance(part.color, str) and part.color.upper() in DARKER:
            part.color = DARKER[part.color.upper()]


def _labelled(fig: go.Figure) -> list:
    """The main trace of each series (one per legend group, with at least one point)."""
    seen, out = set(), []
    for trace in fig.data:
        if trace.type == "scatter" and trace.showlegend is not False and trace.x is not None and _last(trace)[0] \
                is not None and trace.legendgroup not in seen:
            seen.add(trace.legendgroup)
            out.append(trace)
    return out


def _last(trace, solid: bool = False) -> tuple:
    """(year, value) of the trace's last point; `solid`: the last with a filled marker where some are open
    (an open marker is a regional mean of fewer than half the members: not the figure to name on a slide)."""
    points = [(x, y, s) for x, y, s in zip(trace.x or [], trace.y or [], _symbols(trace))
              if x is not None and y is not None]
    filled = [p for p in points if not str(p[2]).endswith("-open")]
    chosen = filled if solid and filled else points
    return max(chosen, key=lambda p: p[0])[:2] if chosen else (None, None)


def _symbols(trace) -> list:
    symbol = trace.marker.symbol if trace.marker else None
    return list(symbol) if isinstance(symbol, (list, tuple)) else [symbol] * len(trace.x or [])


def _value(value: float, lang: str) -> str:
    return percent(value, lang, 0 if float(value).is_integer() else 1)


def _y_gap(fig: go.Figure) -> float:
    """The data distance that a label's height takes on the y axis (labels closer than this would overlap)."""
    low, high = fig.layout.yaxis.range or (0, 60)
    return (high - low) * (BASE_FONT + 6) / (HEIGHT - 250)


def _spread(ys: list[float], heights: list[int], gap: float) -> list[float]:
    """Move end labels apart vertically (a label of two lines needs twice the room), keeping their order."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    placed = list(ys)
    for below, above in zip(order, order[1:]):
        room = gap * (heights[below] + heights[above]) / 2
        placed[above] = max(placed[above], placed[below] + room)
    return placed


def _wrap(text: str, width: int = LABEL_CHARS) -> str:
    """A long series name broken into lines at spaces (plotly does not wrap annotations itself)."""
    lines, line = [], ""
    for word in text.split(" "):
        visible = len(re.sub(r"<[^>]+>", "", line + " " + word))
        if line and visible > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    # A tag opened on one line and closed on the next would be dropped by plotly: close and reopen it.
    lines.append(line)
    return "<br>".join(_balanced(lines))


def _balanced(lines: list[str]) -> list[str]:
    out, bold = [], False
    for line in lines:
        text = ("<b>" if bold else "") + line
        bold = text.count("<b>") > text.count("</b>")
        out.append(text + ("</b>" if bold else ""))
    return out


def central_asia(fig: go.Figure, states: pd.DataFrame, lang: str) -> go.Figure:
    """On a slide there is no hover: Central Asia outlined on the map and listed beside it, figure or 'no data'."""
    rows = states[states["is_central_asia"]]
    fig.add_trace(go.Choropleth(
        locationmode="ISO-3", locations=list(rows["iso3"]), z=[0] * len(rows), geo="geo", showscale=False,
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], hoverinfo="skip",
        marker_line={"color": HIGHLIGHT, "width": 4},
    ))
    lines = [f"<b>{t('present.map_central_asia', lang)}</b>"] + [
        f"{r[f'name_{lang}']}: " + (f"<b>{_value(r['value'], lang)}</b>" if pd.notna(r["value"])
                                    else t("common.no_data", lang)) for _, r in rows.iterrows()]
    fig.add_annotation(text="<br>".join(lines), x=1, y=1, xref="paper", yref="paper", xanchor="right",
                       yanchor="top", align="left", showarrow=False, font={"size": SMALL_FONT + 2, "color": INK},
                       bgcolor="rgba(255,255,255,0.92)", bordercolor=HIGHLIGHT, borderwidth=3, borderpad=10)
    return fig


def slide_figure(fig: go.Figure, chart: str, lang: str, states: pd.DataFrame | None = None) -> go.Figure:
    """The whole presenter treatment of one chart."""
    fig = restyle(fig, chart, lang)
    if chart == "map" and states is not None:
        central_asia(fig, states, lang)
    return fig
