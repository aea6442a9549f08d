"""/present: ?deck= (a deck file's name or a deck link) -> slide show, speaker view or print view; none -> the desk."""
from __future__ import annotations

import json

import dash
from dash import dcc, html

from dashboard import deck as decks
from dashboard import ids
from dashboard.callbacks import present as cb
from dashboard.callbacks import present_desk as desk
from dashboard.i18n import LANGS, lang_or_default, t

dash.register_page(__name__, path="/present", title_key="present.page_title")

# Toolbar buttons: the action present.js runs, and its label.
ACTIONS = {"prev": "present.action_prev", "next": "present.action_next", "lang": "present.action_lang",
           "blank": "present.action_blank", "fullscreen": "present.action_fullscreen", "help": "present.action_help",
           "exit": "present.action_exit"}
# The keys panel: (keys, what they do).
KEYS = [("present.key_next", "present.key_next_does"), ("present.key_prev", "present.key_prev_does"),
        ("present.key_first_last", "present.key_first_last_does"), ("present.key_jump", "present.key_jump_does"),
        ("present.key_fullscreen", "present.key_fullscreen_does"), ("present.key_lang", "present.key_lang_does"),
        ("present.key_blank", "present.key_blank_does"), ("present.key_exit", "present.key_exit_does"),
        ("present.key_speaker", "present.key_speaker_does"), ("present.key_help", "present.key_help_does")]


def start_index(text: str | None, n: int) -> int:
    """?slide= is 1-based; anything that is not a slide number opens the first slide."""
    try:
        number = int(text or "1")
    except ValueError:
        return 0
    return number - 1 if 1 <= number <= n else 0


def layout(lang: str = "en", **query) -> html.Div:
    lang = lang_or_default(lang)
    param = (query.get("deck") or "").strip()
    if not param:
        return desk.layout(lang)
    try:
        deck = decks.resolve(param)
    except decks.DeckError as e:
        return desk.error(e, lang)
    name = cb.deck_name(param)
    if query.get("print") == "1":
        return print_layout(cb.payload(deck, name, cb.host()), lang)
    n = len(deck.slides)
    start = start_index(query.get("slide"), n)
    mode = "speaker" if query.get("view") == "speaker" else "show"
    # The slides on screen now (the speaker view shows the next one's chart too); present.js asks for the rest,
    # every slide in both languages, once the first chart is drawn (callbacks.present.rest_of_deck).
    data = cb.opening(deck, name, cb.host(), lang, [start, start + 1] if mode == "speaker" else [start])
    meta = {"n": n, "slide": start, "lang": lang, "channel": cb.channel(param), "mode": mode, "deck": param,
            "href": data["slides"][lang][start]["href"], "jump": {ln: t("present.js_jump", ln) for ln in LANGS},
            "topojson": cb.base_maps(data)}
    body = speaker_layout(data, start, lang) if mode == "speaker" else show_layout(data, start, lang)
    return html.Div(body, id=ids.PRESENT_ROOT, className=f"present-deck present-{mode}",
                    **{"data-present": json.dumps(meta)})


def both(key: str, **values) -> list:
    """A control's text in both languages; CSS shows the one matching <html lang>, so L switches it in place."""
    return [html.Span(t(key, lang, **values), lang=lang, className=f"ui-{lang}") for lang in LANGS]


def stage(slide: dict, number: int, total: int, lang: str, live: bool = True) -> html.Section:
    """One 1920×1080 slide: title, takeaway, chart, link with QR code, a large slide number."""
    def i(name: str) -> dict:
        return {"id": getattr(ids, name)} if live else {}
    return html.Section([
        html.Header([
            html.H1(slide["title"], className="present-title", **i("PRESENT_TITLE")),
            html.P(slide["takeaway"], className=slide["takeaway_class"], **i("PRESENT_TAKEAWAY")),
        ], className="present-head"),
        html.Div(dcc.Graph(figure=slide["figure"], config=cb.graph_config(lang), responsive=False,
                           className="present-graph", **i("PRESENT_GRAPH")), className="present-body"),
        html.Footer([
            html.Div([
                html.Img(src=slide["qr"], alt=t("present.js_qr_alt", lang, url=slide["short"]), className="present-qr",
                         **i("PRESENT_QR")),
                html.Span(slide["short"], className="present-short", **i("PRESENT_SHORT")),
            ], className="present-link"),
            html.Div([
                html.Span(str(number), className="present-number", **i("PRESENT_NUMBER")),
                html.Span(t("present.js_slide_of", lang).format(total=total), className="present-total"),
            ], className="present-count", **{"aria-hidden": "true"}),
        ], className="present-foot"),
        html.Details([
            html.Summary(both("present.table_summary")),
            html.P(slide["summary"], **i("PRESENT_SUMMARY")),
            html.Div(slide["table"], **i("PRESENT_TABLE")),
        ], className="present-table"),
    ], className="present-stage", **({"id": ids.PRESENT_STAGE} if live else {}))


def toolbar(lang: str) -> html.Div:
    """Buttons for mouse and touch: the same actions as the keys (a clicker sends PageDown / PageUp)."""
    buttons = [html.Button(both(key), type="button", className=f"present-btn present-btn-{a}", **{"data-action": a})
               for a, key in ACTIONS.items()]
    return html.Div(buttons, id=ids.PRESENT_TOOLBAR, className="present-toolbar", role="toolbar",
                    **{"aria-label": t("present.toolbar_label", lang)})


def help_panel(lang: str) -> html.Div:
    return html.Div([
        html.H2(both("present.help_heading")),
        html.Dl([part for keys, does in KEYS for part in (html.Dt(both(keys)), html.Dd(both(does)))]),
    ], className="present-help", hidden=True, role="dialog", **{"aria-label": t("present.help_heading", lang)})


def show_layout(data: dict, start: int, lang: str) -> list:
    slide = data["slides"][lang][start]
    return [
        dcc.Store(id=ids.PRESENT_DECK, data=data),
        dcc.Store(id=ids.PRESENT_REST),
        dcc.Store(id=ids.PRESENT_POSITION, data={"slide": start, "lang": lang, "blank": False}),
        # The chart's table (hundreds of components, in a closed <details>) is filled in when the rest of the
        # deck comes, after the first chart is drawn: rendering it first held that chart up by ~0.1 s.
        html.Div(stage({**slide, "table": None}, start + 1, data["n"], lang), className="present-viewport"),
        html.Div(id=ids.PRESENT_BLANK, className="present-blank", hidden=True),
        toolbar(lang),
        help_panel(lang),
        html.Div(t("present.js_announce", lang).format(n=start + 1, total=data["n"], title=slide["title"]),
                 id=ids.PRESENT_LIVE, className="visually-hidden", **{"aria-live": "polite"}),
    ]


def speaker_layout(data: dict, start: int, lang: str) -> list:
    """Notes, the current slide's words and the next slide's chart, for the presenter's own screen."""
    slides = data["slides"][lang]
    nxt = slides[start + 1] if start + 1 < data["n"] else None
    return [
        dcc.Store(id=ids.PRESENT_DECK, data=data),
        dcc.Store(id=ids.PRESENT_REST),
        dcc.Store(id=ids.PRESENT_SPEAKER_POSITION, data={"slide": start, "lang": lang, "blank": False}),
        html.Section([
            html.Div([html.Span(str(start + 1), id=ids.PRESENT_SPEAKER_NUMBER, className="present-number"),
                      html.Span(t("present.js_slide_of", lang).format(total=data["n"]), className="present-total")],
                     className="present-count"),
            html.Div(className="present-timer", **{"aria-live": "off", "data-label": t("present.timer", lang)}),
            html.H1(slides[start]["title"], id=ids.PRESENT_SPEAKER_TITLE),
            html.P(slides[start]["takeaway"], id=ids.PRESENT_SPEAKER_TAKEAWAY, className="present-takeaway"),
            html.H2(t("present.notes_heading", lang)),
            html.Div(slides[start]["notes"] or t("present.js_notes_none", lang), id=ids.PRESENT_NOTES,
                     className="present-notes"),
        ], className="present-speaker-now"),
        html.Section([
            html.H2(t("present.next_heading", lang)),
            html.P(nxt["title"] if nxt else t("present.js_next_none", lang), id=ids.PRESENT_NEXT_TITLE),
            html.Div(dcc.Graph(id=ids.PRESENT_NEXT_GRAPH, figure=nxt["figure"] if nxt else {},
                               config=cb.graph_config(lang), responsive=False), className="present-next-frame"),
        ], className="present-speaker-next"),
        toolbar(lang),
        help_panel(lang),
    ]


def print_layout(data: dict, lang: str) -> html.Div:
    """Every slide one after the other, one per printed page (the PDF backup renders this)."""
    slides = data["slides"][lang]
    return html.Div([stage(s, i + 1, data["n"], lang, live=False) for i, s in enumerate(slides)],
                    className="present-deck present-print", **{"data-present": json.dumps({"mode": "print",
                                                                                          "n": data["n"]})})
