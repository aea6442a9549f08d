"""A deck -> every slide rendered in both languages for the browser; clientside callbacks that flip between them."""
from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache

import plotly.graph_objects as go
import qrcode
import qrcode.image.svg
from dash import ClientsideFunction, Input, Output, State, clientside_callback

from dashboard import db, ids
from dashboard import deck as decks
from dashboard.callbacks import present_desk, present_header  # noqa: F401  (their callbacks register on import)
from dashboard.callbacks import present_slides as slides
from dashboard.deck import Deck, Slide
from dashboard.figures import present as look
from dashboard.figures import style
from dashboard.i18n import LANGS, t


LONG_TAKEAWAY = 200     # characters


@lru_cache(maxsize=256)
def qr_data_uri(url: str) -> str:
    """A QR code of `url` as an SVG data URI, drawn on the server: no script, no CDN, prints sharp."""
    svg = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.to_string()).decode("ascii")


def no_data_figure(message: str) -> go.Figure:
    """A slide whose view has no figure says so in the chart's place: missing data is a finding."""
    fig = go.Figure()
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font={"size": look.BASE_FONT + 4, "color": look.INK})
    # "plotly", as it always had: every other figure starts from style.TEMPLATE (the process default).
    fig.update_layout(template="plotly", width=look.WIDTH, height=look.HEIGHT, xaxis={"visible": False},
                      yaxis={"visible": False}, paper_bgcolor="#FFFFFF", plot_bgcolor="#FFFFFF",
                      margin={"l": 0, "r": 0, "t": 0, "b": 0})
    return fig


def short_path(name: str | None, index: int, slide: Slide, lang: str) -> str:
    """A named deck's slide has a short link (/present/s/<deck>/<n>); a deck carried in a link has the view's URL."""
    return f"/present/s/{name}/{index + 1}?lang={lang}" if name else slide.href(lang)


def pack(slide: Slide, index: int, lang: str, name: str | None, host: str, memo: dict) -> dict:
    """One slide in one language, as JSON for the deck store."""
    rendered = slides.render(slide, lang, memo)
    figure = rendered.figure or no_data_figure(rendered.summary)
    view = Slide(slide.page, slide.chart, rendered.view)
    short = short_path(name, index, view, lang)
    takeaway = slides.takeaway(slide, rendered, lang)
    return {
        "title": slides.title(slide, lang),
        "takeaway": takeaway,
        # A long sentence (names of many States) steps down to 30 px so it still fits three lines.
        "takeaway_class": "present-takeaway" + (" is-long" if len(takeaway) > LONG_TAKEAWAY else ""),
        "figure": figure.to_plotly_json(),
        "summary": rendered.summary,
        "table": rendered.table,
        "notes": slides.text(slide.notes, lang),
        "href": view.href(lang),
        "short": (host.split("://", 1)[-1].rstrip("/") + short),
        "qr": qr_data_uri(host.rstrip("/") + short),
    }


def labels(lang: str) -> dict[str, str]:
    """Texts the browser fills in itself ({n} and {total} replaced there)."""
    keys = {"announce": "present.js_announce", "slide_of": "present.js_slide_of", "qr_alt": "present.js_qr_alt",
            "next_none": "present.js_next_none", "notes_none": "present.js_notes_none"}
    return {name: t(key, lang) for name, key in keys.items()}


def payload(deck: Deck, name: str | None, host: str) -> dict:
    """Every slide in both languages, so the deck runs with the network gone and L switches language in place.

    Cached per warehouse build, deck content and host: a deck is rendered once, then served from memory.
    """
    return _payload(json.dumps(decks.to_dict(deck), sort_keys=True), name, host, db.build_id())


@lru_cache(maxsize=16)
def _payload(deck_json: str, name: str | None, host: str, build_id: str) -> dict:
    deck, memo = decks.parse(json.loads(deck_json)), {}
    return {
        "n": len(deck.slides),
        "slides": {lang: [pack(s, i, lang, name, host, memo) for i, s in enumerate(deck.slides)] for lang in LANGS},
        "labels": {lang: labels(lang) for lang in LANGS},
        "config": {lang: graph_config(lang) for lang in LANGS},
    }


def graph_config(lang: str) -> dict:
    """The dashboard's graph config (locale, local topojson) without the mode bar: nobody clicks a slide's chart."""
    return {**style.graph_config(lang), "displayModeBar": False, "responsive": False}


def base_maps(data: dict) -> dict[str, str]:
    """The topojson files the deck's maps draw on ({name: URL}): fetched at load, so maps still draw offline."""
    url = style.graph_config("en")["topojsonURL"]
    names = {f"{geo.get('scope', 'world')}_{geo.get('resolution', 110)}m"
             for slide in data["slides"]["en"] for key, geo in slide["figure"]["layout"].items()
             if key.startswith("geo") and isinstance(geo, dict)}
    return {name: f"{url}{name}.json" for name in sorted(names)}


def channel(param: str) -> str:
    """The BroadcastChannel name shared by a deck's slide show and speaker view (same deck, same channel)."""
    return "present-" + hashlib.sha256(param.encode("utf-8")).hexdigest()[:16]


clientside_callback(
    ClientsideFunction(namespace="present", function_name="show"),
    Output(ids.PRESENT_GRAPH, "figure"), Output(ids.PRESENT_GRAPH, "config"),
    Output(ids.PRESENT_TITLE, "children"), Output(ids.PRESENT_TAKEAWAY, "children"),
    Output(ids.PRESENT_TAKEAWAY, "className"), Output(ids.PRESENT_NUMBER, "children"), Output(ids.PRESENT_SUMMARY, "children"),
    Output(ids.PRESENT_TABLE, "children"), Output(ids.PRESENT_QR, "src"), Output(ids.PRESENT_QR, "alt"),
    Output(ids.PRESENT_SHORT, "children"), Output(ids.PRESENT_LIVE, "children"), Output(ids.PRESENT_BLANK, "hidden"),
    Input(ids.PRESENT_POSITION, "data"), State(ids.PRESENT_DECK, "data"),
    prevent_initial_call=True,  # the layout already shows the first slide
)

clientside_callback(
    ClientsideFunction(namespace="present", function_name="speaker"),
    Output(ids.PRESENT_SPEAKER_TITLE, "children"), Output(ids.PRESENT_SPEAKER_TAKEAWAY, "children"),
    Output(ids.PRESENT_SPEAKER_NUMBER, "children"), Output(ids.PRESENT_NOTES, "children"),
    Output(ids.PRESENT_NEXT_TITLE, "children"), Output(ids.PRESENT_NEXT_GRAPH, "figure"),
    Output(ids.PRESENT_NEXT_GRAPH, "config"),
    Input(ids.PRESENT_SPEAKER_POSITION, "data"), State(ids.PRESENT_DECK, "data"),
    prevent_initial_call=True,
)
