"""A chart name and its page's URL query -> the page's own figure -> PNG or SVG at 1920×1080 (kaleido + Chromium)."""
from __future__ import annotations

import importlib
import logging
import shutil
import threading
from dataclasses import dataclass
from typing import Callable

from urllib.parse import urlencode

import plotly.graph_objects as go
from dash import html

from dashboard import config, urlstate
from dashboard.i18n import t

WIDTH, HEIGHT = 1920, 1080  # a full-HD slide
for _chatty in ("kaleido", "choreographer"):  # they log every tab and temp dir at INFO: keep warnings only
    logging.getLogger(_chatty).setLevel(logging.WARNING)
IMAGE_TYPES = {"png": "image/png", "svg": "image/svg+xml"}
# Kaleido drives the system Chromium (Debian package), never a browser it downloads itself.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Maps read their base map from our own copy, as the browser does (no CDN).
TOPOJSON = (config.ROOT / "assets" / "topojson").as_uri() + "/"


class NoChart(LookupError):
    """The URL names nothing to draw (e.g. a country code that has no profile): a 404."""


class ChartUnavailable(RuntimeError):
    """The image cannot be rendered (no Chromium, or the renderer failed): a 503, not a traceback."""


@dataclass(frozen=True)
class Chart:
    """A downloadable chart: the page's callbacks module and how to build its figure from it.

    `figure(module, state, lang)` gets that module, the URL query with every parameter of the page's own
    FIELDS cleaned by the page (so the image is exactly what the page shows for that URL) and the language.
    """

    module: str
    figure: Callable[[object, dict, str], go.Figure]

    def build(self, query: dict[str, str], lang: str) -> go.Figure:
        page = importlib.import_module(f"dashboard.callbacks.{self.module}")
        state = {**query, **urlstate.read(getattr(page, "FIELDS", []), query)}  # cleaned fields win over raw text
        return self.figure(page, state, lang)


def _country(m, state: dict, lang: str) -> go.Figure:
    """The profile's chart as pages/country.py draws it: every share series, neighbours and targets."""
    from dashboard.figures import country as fig
    from dashboard.i18n import t

    data, ctx = m.load(str(state.get("iso3", "")).strip().upper()[:12]), m.context(lang)
    if data["info"].empty:
        raise NoChart(f"no profile for {state.get('iso3')!r}")
    name = data["info"].iloc[0][f"name_{lang}"]
    shares = data["series"][data["series"]["role"].isin(fig.SHARE_ROLES)]
    used = sorted(set(shares["source_id"]) | set(data["neighbours"].query("scope in @shares.scope")["source_id"]))
    source = t("country.source_line", lang, sources="; ".join(ctx.source_names.get(s, s) for s in used) or "—")
    return fig.figure(data["series"], data["neighbours"], data["targets"], ctx,
                      t("country.chart_title", lang, name=name), source)


# One line per chart: name in /download/chart/<name>.<png|svg> -> the page's figure for a URL query.
CHARTS: dict[str, Chart] = {
    "overview-map": Chart("overview", lambda m, s, lang: m.view(s["year"], s["scope"], lang)["map"]),
    "overview-ranking": Chart("overview", lambda m, s, lang: m.view(s["year"], s["scope"], lang)["ranking"]),
    "trends": Chart("trends", lambda m, s, lang: m.render(s, lang)["figure"]),
    "coverage": Chart("coverage", lambda m, s, lang: m.view(s["source"], lang)["matrix"]),
    "country": Chart("country", _country),
}


class _Renderer:
    """One headless Chromium per process, started on first use; one image at a time (kaleido's queue is shared)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._started = False

    def _start(self) -> None:
        import kaleido  # imported on first use: most processes never render an image

        if not shutil.which(CHROMIUM):
            raise ChartUnavailable(f"Chromium not found at {CHROMIUM}")
        kaleido.start_sync_server(path=CHROMIUM, mathjax=False, silence_warnings=True)
        self._started = True

    def render(self, fig: go.Figure, fmt: str) -> bytes:
        import kaleido

        with self._lock:
            if not self._started:
                self._start()
            try:
                return kaleido.calc_fig_sync(fig.to_dict(), opts={"format": fmt, "width": WIDTH, "height": HEIGHT,
                                                                  "scale": 1}, topojson=TOPOJSON)
            except Exception as e:  # kaleido raises several unrelated types; the caller answers 503 with the reason
                raise ChartUnavailable(f"{type(e).__name__}: {e}") from e


_renderer = _Renderer()


def for_slide(fig: go.Figure) -> go.Figure:
    """A little air between the title and the image's left edge (on the page the card around it gives that)."""
    if fig.layout.title.text:
        fig.update_layout(title_pad_l=max(fig.layout.title.pad.l or 0, 24))
    return fig


def image(name: str, fmt: str, query: dict[str, str], lang: str) -> bytes:
    """The chart `name` for this URL query, as PNG or SVG with its title, source line and language."""
    return _renderer.render(for_slide(CHARTS[name].build(query, lang)), fmt)


def links(name: str, lang: str, query: dict[str, str]) -> html.Span:
    """'Download for slides: PNG · SVG' for a page to put under its chart (`query`: the page's URL query)."""
    search = urlencode({**query, "lang": lang}, safe=",")
    return html.Span([t("export.chart_download", lang), " ",
                      html.A(t("export.chart_png", lang), href=f"/download/chart/{name}.png?{search}", download=""),
                      " · ",
                      html.A(t("export.chart_svg", lang), href=f"/download/chart/{name}.svg?{search}", download="")],
                     className="chart-downloads")
