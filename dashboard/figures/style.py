"""Shared look of every chart: colour-blind-safe palette (Okabe–Ito), fonts, locale separators, source line."""
from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.i18n import plotly_separators

# Every new figure starts from this template: plotly gives a new figure the default template as it is, where
# assigning the template to a figure deep-copies and re-validates all of it (~10 ms a figure, every callback).
TEMPLATE = "plotly_white"
pio.templates.default = TEMPLATE

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency; no red-against-green pairs.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
HIGHLIGHT = "#D55E00"       # Central Asia / the selected country
BASE = "#0072B2"            # other countries
MUTED = "#9AA5B1"           # context, missing
TARGET_30 = "#444444"       # 30 % reference line
PARITY = "#777777"          # 50 % reference line
# Sequential scale for shares (light -> dark blue), readable in greyscale too.
SEQUENTIAL = [[0.0, "#F7FBFF"], [0.25, "#C6DBEF"], [0.5, "#6BAED6"], [0.75, "#2171B5"], [1.0, "#08306B"]]
FONT = "Inter, 'Segoe UI', 'Helvetica Neue', Arial, 'Noto Sans', sans-serif"


def base_layout(fig: go.Figure, lang: str, title: str | None = None, source: str | None = None,
                height: int | None = None) -> go.Figure:
    """Apply the common layout; `source` becomes a line under the plot so exported images carry it."""
    fig.update_layout(
        **({} if pio.templates.default == TEMPLATE else {"template": TEMPLATE}),   # see TEMPLATE
        font={"family": FONT, "size": 15, "color": "#1F2933"},
        separators=plotly_separators(lang),
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 19}} if title else None,
        margin={"l": 60, "r": 24, "t": 64 if title else 24, "b": 96 if source else 48},
        hoverlabel={"font": {"family": FONT, "size": 14}},
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        colorway=PALETTE,
    )
    if height:
        fig.update_layout(height=height)
    if source:
        # Pinned in pixels below the plot area so it never drifts into a wrapped legend on resize.
        fig.add_annotation(text=source, xref="paper", yref="paper", x=0, y=0, yshift=-56, xanchor="left",
                           yanchor="top", showarrow=False, font={"size": 12, "color": "#52606D"}, align="left")
    return fig


def graph_config(lang: str, filename: str = "women-police-chart") -> dict:
    """dcc.Graph config: our Russian plotly locale (modebar included), local topojson, PNG export name."""
    return {
        "locale": lang,
        "displaylogo": False,
        "topojsonURL": "/assets/topojson/",
        "toImageButtonOptions": {"format": "png", "filename": filename, "width": 1920, "height": 1080, "scale": 1},
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    }


class Built(go.Figure):
    """A figure its builder has finished, made from plain dicts without item-by-item validation.

    Serialised without plotly's defensive deep copy of every trace and the layout (to_dict): the builders never
    keep a reference to what they put in, so there is nothing to protect, and the copy of a 57 × 24 heatmap's
    hover texts cost more than the rest of the answer. Changing it afterwards (update_layout) still works.
    """

    def __init__(self, figure: dict):
        super().__init__(figure, _validate=False)

    def to_dict(self) -> dict:
        return {"data": list(self._data), "layout": self._layout}
