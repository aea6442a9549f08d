"""The /present desk: deck files to present, and my deck (local storage) to reorder, retitle, export and share."""
from __future__ import annotations

import base64
import binascii
from urllib.parse import urlencode

import flask
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard import deck as decks
from dashboard import deck_edits as edits
from dashboard import config, ids
from dashboard.callbacks.present_header import draft_deck
from dashboard.i18n import LANGS, lang_or_default, t

TEXT, MOVE, CHART, COPY = (f"{ids.PRESENT_DRAFT_ITEM}-{k}" for k in ("text", "move", "chart", "copy"))
# Each editable field: (label key, placeholder key).
FIELDS = {"title": ("present.field_title", "present.placeholder_title"),
          "takeaway": ("present.field_takeaway", "present.placeholder_takeaway"),
          "notes": ("present.field_notes", "present.placeholder_notes")}
CHARTS = {"map": "present.chart_map", "ranking": "present.chart_ranking", "lines": "present.chart_lines",
          "profile": "present.chart_profile", "matrix": "present.chart_matrix"}
MOVES = {"up": ("present.move_up", "present.move_up_title"), "down": ("present.move_down", "present.move_down_title"),
         "remove": ("present.move_remove", "present.move_remove_title")}
PAGE_KEYS = {"/": "nav.overview", "/trends": "nav.trends", "/country/<iso3>": "nav.countries",
             "/coverage": "nav.coverage"}


def text_of(value: dict, lang: str, fallback: str = "") -> str:
    return t(value["key"], lang) if "key" in value else value.get(lang) or fallback


def deck_links(param: str, lang: str) -> list:
    """Present / speaker view / PDF: plain links, so the slide show starts as a fresh page (full screen, keys)."""
    def href(path: str, **extra) -> str:
        return path + "?" + urlencode({"deck": param, "lang": lang, **extra})
    return [
        html.A(t("present.link_present", lang), href=href("/present"), className="present-link-btn"),
        html.A(t("present.link_speaker", lang), href=href("/present", view="speaker"), target="_blank",
               rel="noopener", className="present-link-btn"),
        html.A(t("present.link_pdf", lang), href=href("/present/deck.pdf"), className="present-link-btn"),
    ]


def deck_item(name: str, lang: str) -> html.Li:
    try:
        deck = decks.load(name)
    except decks.DeckError as e:
        return html.Li([html.Strong(name), " — ", t("present.deck_broken", lang, error=e.message(lang))])
    return html.Li([
        html.Div([html.Strong(text_of(deck.title, lang, name)), " ",
                  html.Span(t("present.n_slides", lang, n=len(deck.slides)), className="present-muted")]),
        html.Div(deck_links(name, lang) + [
            html.Button(t("present.copy_to_draft", lang), id={"type": COPY, "name": name}, type="button",
                        className="present-link-btn")], className="present-links"),
    ], className="present-deck-item")


def layout(lang: str) -> html.Div:
    return html.Div([
        html.H1(t("present.heading", lang)),
        html.P(t("present.lede", lang), className="lede"),
        html.Section([html.H2(t("present.decks_heading", lang)),
                      html.Ul([deck_item(n, lang) for n in decks.names()], className="present-decks")]),
        html.Section([
            html.H2(t("present.draft_heading", lang)),
            html.P(t("present.draft_help", lang)),
            html.Div(id=ids.PRESENT_DRAFT_LINKS),
            html.Ol(id=ids.PRESENT_DRAFT_LIST, className="present-draft-list"),
            html.Div([
                html.Button(t("present.export", lang), id=ids.PRESENT_EXPORT, type="button", n_clicks=0),
                # A label around the upload names its file input (which is what keyboard focus reaches).
                html.Label(dcc.Upload(html.Span(t("present.import", lang), className="present-upload-btn"),
                                      id=ids.PRESENT_IMPORT, accept=".json,application/json",
                                      max_size=decks.MAX_JSON_BYTES), className="present-upload"),
                html.Button(t("present.clear", lang), id=ids.PRESENT_DRAFT_CLEAR, type="button", n_clicks=0),
            ], className="present-draft-actions"),
            html.P(id=ids.PRESENT_DRAFT_STATUS, role="status"),
            dcc.Download(id=ids.PRESENT_DOWNLOAD),
        ], className="present-draft"),
    ], className="page page-present-desk")


def error(e: decks.DeckError, lang: str) -> html.Div:
    """A deck link or name that cannot be shown: say which field broke which rule, and offer the way back."""
    return html.Div([
        html.H1(t("present.deck_error_heading", lang)),
        html.P(t("present.deck_error_body", lang, where=e.where, error=e.message(lang)), role="alert"),
        html.P(html.A(t("present.back_to_desk", lang), href=f"/present?lang={lang}")),
    ], className="page page-present-desk")


def text_input(index: int, field: str, lang: str, slide: decks.Slide, ui: str) -> html.Label:
    value = getattr(slide, field)
    return html.Label([
        html.Span(t(FIELDS[field][0], ui, language=lang.upper()), className="control-label"),
        dcc.Input(id={"type": TEXT, "index": index, "field": field, "lang": lang}, type="text", debounce=True,
                  value=text_of(value, lang) if "auto" not in value else "", maxLength=decks.MAX_TEXT,
                  placeholder=t(FIELDS[field][1], ui)),
    ], className="present-field", lang=lang)


def draft_item(index: int, slide: decks.Slide, n: int, lang: str) -> html.Li:
    charts = decks.PAGES[decks.page_of(slide.page)]
    page_key = PAGE_KEYS.get(decks.page_of(slide.page))
    head = [html.Strong(t(page_key, lang) if page_key else slide.page), " · ",
            dcc.Link(t("present.open_view", lang), href=slide.href(lang))]
    chooser = html.Span([
        html.Button(t(CHARTS[c], lang), id={"type": CHART, "index": index, "chart": c}, type="button",
                    className="present-chart-btn" + (" active" if c == slide.chart else ""),
                    **{"aria-pressed": "true" if c == slide.chart else "false"}) for c in charts
    ], role="group", **{"aria-label": t("present.chart_choice", lang)}) \
        if len(charts) > 1 else html.Span(t(CHARTS[slide.chart], lang))
    moves = [html.Button(t(label, lang), id={"type": MOVE, "index": index, "action": a}, type="button",
                         disabled=(a == "up" and index == 0) or (a == "down" and index == n - 1),
                         title=t(title, lang, n=index + 1)) for a, (label, title) in MOVES.items()]
    fields = [text_input(index, f, ln, slide, lang) for f in FIELDS for ln in LANGS]
    return html.Li([html.Div(head + [" · ", chooser], className="present-draft-head"),
                    html.Div(fields, className="present-draft-fields"),
                    html.Div(moves, className="present-draft-move")], className="present-draft-item")


def share_links(deck: decks.Deck, lang: str) -> list:
    link = decks.encode(deck)
    if len(link) > decks.MAX_LINK_CHARS:
        return [html.P(t("present.link_too_long", lang))]
    url = (config.public_url() or flask.request.host_url).rstrip("/") + "/present?" + urlencode({"deck": link, "lang": lang})
    return [html.Div(deck_links(link, lang), className="present-links"),
            html.Label([html.Span(t("present.share_label", lang), className="control-label"),
                        dcc.Input(value=url, readOnly=True, type="text", className="present-share")])]


@callback(Output(ids.PRESENT_DRAFT_LIST, "children"), Output(ids.PRESENT_DRAFT_LINKS, "children"),
          Input(ids.PRESENT_DRAFT, "data"), State(ids.LANG, "data"))
def show_draft(draft, lang):
    lang = lang_or_default(lang)
    deck = draft_deck(draft)
    if deck is None:
        return [], html.P(t("present.draft_empty", lang), className="empty-state")
    return [draft_item(i, s, len(deck.slides), lang) for i, s in enumerate(deck.slides)], share_links(deck, lang)


def apply_edit(deck: decks.Deck | None, trigger: dict | str, value) -> decks.Deck | None:
    """One edit from the desk (which control, its new value) -> the new draft."""
    kind = trigger["type"] if isinstance(trigger, dict) else trigger
    if kind == COPY:
        return decks.load(trigger["name"])
    if deck is None or kind == ids.PRESENT_DRAFT_CLEAR:
        return None
    index = trigger["index"]
    if kind == TEXT:
        return edits.edit_text(deck, index, trigger["field"], trigger["lang"], value or "", t)
    if kind == CHART:
        return edits.set_chart(deck, index, trigger["chart"])
    if trigger["action"] == "remove":
        return edits.remove(deck, index)
    return edits.move(deck, index, -1 if trigger["action"] == "up" else 1)


@callback(
    Output(ids.PRESENT_DRAFT, "data", allow_duplicate=True), Output(ids.PRESENT_DRAFT_STATUS, "children"),
    Input({"type": TEXT, "index": ALL, "field": ALL, "lang": ALL}, "value"),
    Input({"type": MOVE, "index": ALL, "action": ALL}, "n_clicks"),
    Input({"type": CHART, "index": ALL, "chart": ALL}, "n_clicks"),
    Input({"type": COPY, "name": ALL}, "n_clicks"),
    Input(ids.PRESENT_DRAFT_CLEAR, "n_clicks"),
    State(ids.PRESENT_DRAFT, "data"), State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def edit(_texts, _moves, _charts, _copies, _clear, draft, lang):
    lang = lang_or_default(lang)
    trigger = ctx.triggered_id
    value = ctx.triggered[0]["value"] if ctx.triggered else None
    clicked = isinstance(trigger, str) or trigger is None or trigger["type"] in (MOVE, COPY, CHART)
    # Controls re-rendered with the list may report their value without anyone touching them: act on clicks
    # only, and on texts or charts only when they differ from the draft.
    if trigger is None or (clicked and not value) or (not clicked and value is None):
        return no_update, no_update
    current = draft_deck(draft)
    try:
        deck = apply_edit(current, trigger, value)
    except decks.DeckError as e:
        return no_update, e.message(lang)
    if deck == current:
        return no_update, no_update
    return (decks.to_dict(deck) if deck else None), t("present.draft_saved", lang)


@callback(Output(ids.PRESENT_DOWNLOAD, "data"), Output(ids.PRESENT_DRAFT_STATUS, "children", allow_duplicate=True),
          Input(ids.PRESENT_EXPORT, "n_clicks"), State(ids.PRESENT_DRAFT, "data"), State(ids.LANG, "data"),
          prevent_initial_call=True)
def export(_clicks, draft, lang):
    deck = draft_deck(draft)
    if deck is None:
        return no_update, t("present.draft_empty", lang_or_default(lang))
    return dcc.send_string(decks.dumps(deck), "deck.json", type="application/json"), no_update


@callback(Output(ids.PRESENT_DRAFT, "data", allow_duplicate=True),
          Output(ids.PRESENT_DRAFT_STATUS, "children", allow_duplicate=True),
          Input(ids.PRESENT_IMPORT, "contents"), State(ids.LANG, "data"), prevent_initial_call=True)
def open_file(contents, lang):
    """A deck file chosen by the user -> my deck (validated exactly like a deck on disk or in a link)."""
    lang = lang_or_default(lang)
    if not contents:
        return no_update, no_update
    try:
        deck = decks.loads(base64.b64decode(contents.split(",", 1)[-1], validate=True))
    except (binascii.Error, ValueError) as e:
        error = e if isinstance(e, decks.DeckError) else decks.DeckError("deck", "json", detail=str(e)[:80])
        return no_update, error.message(lang)
    return decks.to_dict(deck), t("present.opened", lang, n=len(deck.slides))
