"""A deck -> its slides rendered for the browser: the slides on screen at once, then (asked for by present.js once
the first chart is drawn) every slide in both languages, so the deck runs offline; clientside callbacks that flip
between them."""
from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache

import flask
import plotly.graph_objects as go
import qrcode
import qrcode.image.svg
from dash import ClientsideFunction, Input, Output, callback, clientside_callback, no_update

from dashboard import config, db, ids
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


def short_path(name: str | None, index: int, href: str, lang: str) -> str:
    """A named deck's slide has a short link (/present/s/<deck>/<n>); a deck carried in a link has the view's URL."""
    return f"/present/s/{name}/{index + 1}?lang={lang}" if name else href


def pack(slide: Slide, index: int, lang: str, name: str | None, host: str, memo: dict) -> dict:
    """One slide in one language, as JSON for the deck store."""
    return with_links(render(slide, lang, memo), index, lang, name, host)


def render(slide: Slide, lang: str, memo: dict) -> dict:
    """One slide in one language, everything but the links that name this server (the same for every host)."""
    rendered = slides.render(slide, lang, memo)
    figure = rendered.figure or no_data_figure(rendered.summary)
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
        "href": Slide(slide.page, slide.chart, rendered.view).href(lang),
    }


def with_links(rendered: dict, index: int, lang: str, name: str | None, host: str) -> dict:
    """The slide's short link and its QR code, on the address the audience reaches this server at."""
    short = short_path(name, index, rendered["href"], lang)
    return {**rendered, "short": host.split("://", 1)[-1].rstrip("/") + short,
            "qr": qr_data_uri(host.rstrip("/") + short)}


def labels(lang: str) -> dict[str, str]:
    """Texts the browser fills in itself ({n} and {total} replaced there)."""
    keys = {"announce": "present.js_announce", "slide_of": "present.js_slide_of", "qr_alt": "present.js_qr_alt",
            "next_none": "present.js_next_none", "notes_none": "present.js_notes_none"}
    return {name: t(key, lang) for name, key in keys.items()}


def host() -> str:
    """The address the audience reaches this server at (for the QR code and the short link): PUBLIC_URL when
    set (behind a proxy the request's own host may be an internal one), else the request's."""
    return config.public_url() or (flask.request.host_url if flask.has_request_context() else "http://localhost/")


def deck_name(param: str) -> str | None:
    """A deck file's name (its slides have short links); None for a deck carried in the link."""
    return None if param.startswith(decks.LINK_PREFIX) else param


def payload(deck: Deck, name: str | None, host: str) -> dict:
    """Every slide in both languages, so the deck runs with the network gone and L switches language in place;
    the base maps its map slides draw on (present.js fetches them as soon as this arrives).

    Cached per warehouse build, deck content and host: a deck is rendered once, then served from memory.
    """
    return _payload(_deck_key(deck), name, host, db.build_id())


def opening(deck: Deck, name: str | None, host: str, lang: str, shown: list[int]) -> dict:
    """The deck store as the page first has it: only the slides on screen (`shown`, in `lang`), the others None
    until present.js asks for the rest (`rest`). A slide costs ~0.1 s to render and ~100 KB of JSON: the first
    chart must not wait for the whole deck in both languages."""
    key, build = _deck_key(deck), db.build_id()
    wanted = set(shown)
    return {**_frame(len(deck.slides)), "complete": False,
            "slides": {lg: [_slide(key, i, lg, name, host, build) if lg == lang and i in wanted else None
                            for i in range(len(deck.slides))] for lg in LANGS}}


def rest(param: str | None) -> dict | None:
    """Every slide in both languages for the deck of ?deck=`param` (None for a deck that cannot be used)."""
    param = (param or "").strip() or decks.DEFAULT
    try:
        deck = decks.resolve(param)
    except decks.DeckError:
        return None
    return payload(deck, deck_name(param), host())


def _deck_key(deck: Deck) -> str:
    return json.dumps(decks.to_dict(deck), sort_keys=True)


def _frame(n: int) -> dict:
    return {"n": n, "labels": {lang: labels(lang) for lang in LANGS},
            "config": {lang: graph_config(lang) for lang in LANGS}}


@lru_cache(maxsize=16)
def _payload(deck_json: str, name: str | None, host: str, build_id: str) -> dict:
    n = len(_parsed(deck_json).slides)
    data = {**_frame(n), "complete": True,
            "slides": {lang: [_slide(deck_json, i, lang, name, host, build_id) for i in range(n)] for lang in LANGS}}
    return {**data, "topojson": base_maps(data)}


def _slide(deck_json: str, index: int, lang: str, name: str | None, host: str, build_id: str) -> dict:
    return with_links(_rendered(deck_json, index, lang, build_id), index, lang, name, host)


@lru_cache(maxsize=320)
def _rendered(deck_json: str, index: int, lang: str, build_id: str) -> dict:
    """A slide is rendered once per build, whichever part of the deck (and whichever host) first asks for it."""
    return render(_parsed(deck_json).slides[index], lang, _memo(deck_json, build_id))


@lru_cache(maxsize=16)
def _parsed(deck_json: str) -> Deck:
    return decks.parse(json.loads(deck_json))


@lru_cache(maxsize=16)
def _memo(deck_json: str, build_id: str) -> dict:
    """Shared by the slides of one deck on one build, however they are asked for: a view used twice is queried
    once."""
    return {}


def graph_config(lang: str) -> dict:
    """The dashboard's graph config (locale, local topojson) without the mode bar: nobody clicks a slide's chart."""
    return {**style.graph_config(lang), "displayModeBar": False, "responsive": False}


def base_maps(data: dict) -> dict[str, str]:
    """The topojson files the maps of the slides in `data` draw on ({name: URL}): present.js fetches them into
    plotly's cache at once (the first map draws sooner; maps later in the deck draw offline)."""
    url = style.graph_config("en")["topojsonURL"]
    names = {f"{geo.get('scope', 'world')}_{geo.get('resolution', 110)}m"
             for slides in data["slides"].values() for slide in slides if slide
             for key, geo in slide["figure"]["layout"].items() if key.startswith("geo") and isinstance(geo, dict)}
    return {name: f"{url}{name}.json" for name in sorted(names)}


def channel(param: str) -> str:
    """The BroadcastChannel name shared by a deck's slide show and speaker view (same deck, same channel)."""
    return "present-" + hashlib.sha256(param.encode("utf-8")).hexdigest()[:16]


@callback(Output(ids.PRESENT_DECK, "data"), Input(ids.PRESENT_REST, "data"), prevent_initial_call=True)
def rest_of_deck(asked):
    """present.js asks once the first chart is drawn ({"deck": ?deck=}): every slide in both languages."""
    data = rest(asked.get("deck")) if isinstance(asked, dict) and isinstance(asked.get("deck"), str) else None
    return no_update if data is None else data


# The deck store is an input too: when the rest arrives, a slide asked for while it was on its way is shown.
clientside_callback(
    ClientsideFunction(namespace="present", function_name="show"),
    Output(ids.PRESENT_GRAPH, "figure"), Output(ids.PRESENT_GRAPH, "config"),
    Output(ids.PRESENT_TITLE, "children"), Output(ids.PRESENT_TAKEAWAY, "children"),
    Output(ids.PRESENT_TAKEAWAY, "className"), Output(ids.PRESENT_NUMBER, "children"), Output(ids.PRESENT_SUMMARY, "children"),
    Output(ids.PRESENT_TABLE, "children"), Output(ids.PRESENT_QR, "src"), Output(ids.PRESENT_QR, "alt"),
    Output(ids.PRESENT_SHORT, "children"), Output(ids.PRESENT_LIVE, "children"), Output(ids.PRESENT_BLANK, "hidden"),
    Input(ids.PRESENT_POSITION, "data"), Input(ids.PRESENT_DECK, "data"),
    prevent_initial_call=True,  # the layout already shows the first slide
)

clientside_callback(
    ClientsideFunction(namespace="present", function_name="speaker"),
    Output(ids.PRESENT_SPEAKER_TITLE, "children"), Output(ids.PRESENT_SPEAKER_TAKEAWAY, "children"),
    Output(ids.PRESENT_SPEAKER_NUMBER, "children"), Output(ids.PRESENT_NOTES, "children"),
    Output(ids.PRESENT_NEXT_TITLE, "children"), Output(ids.PRESENT_NEXT_GRAPH, "figure"),
    Output(ids.PRESENT_NEXT_GRAPH, "config"),
    Input(ids.PRESENT_SPEAKER_POSITION, "data"), Input(ids.PRESENT_DECK, "data"),
    prevent_initial_call=True,
)
