"""The header's "add to deck" button: the view on screen (its URL) -> a new slide at the end of my deck (local storage)."""
from __future__ import annotations

from dash import Input, Output, State, callback, dcc, html, no_update

from dashboard import deck as decks
from dashboard import ids
from dashboard.i18n import lang_or_default, t


def widget(lang: str) -> html.Div:
    """What components.header shows: the button, a polite status line and the deck being edited (local storage)."""
    return html.Div([
        dcc.Store(id=ids.PRESENT_DRAFT, storage_type="local"),
        html.Button(t("present.add_to_deck", lang), id=ids.PRESENT_ADD, type="button", n_clicks=0,
                    className="present-add-btn", title=t("present.add_to_deck_title", lang)),
        html.Span(id=ids.PRESENT_ADD_STATUS, className="present-add-status", role="status"),
    ], className="present-add")


def draft_deck(draft) -> decks.Deck | None:
    """The stored draft, or None when there is none (or it no longer validates: it is then started afresh)."""
    if not draft:
        return None
    try:
        return decks.parse(draft)
    except decks.DeckError:
        return None


def add_view(pathname: str | None, search: str | None, draft) -> tuple[dict | None, str, dict]:
    """(new draft, message key, message values): the view appended, or the draft unchanged and why."""
    try:
        slide = decks.slide_from_url(pathname, search)
    except decks.DeckError:
        return draft, "present.add_refused", {}
    current = draft_deck(draft)
    slides = (current.slides if current else ()) + (slide,)
    if len(slides) > decks.MAX_SLIDES:
        return draft, "present.add_full", {"max": decks.MAX_SLIDES}
    deck = decks.Deck(title=current.title if current else {}, slides=slides)
    return decks.to_dict(deck), "present.added", {"n": len(slides)}


@callback(
    Output(ids.PRESENT_DRAFT, "data", allow_duplicate=True), Output(ids.PRESENT_ADD_STATUS, "children"),
    Input(ids.PRESENT_ADD, "n_clicks"),
    State(ids.URL, "pathname"), State(ids.URL, "search"), State(ids.PRESENT_DRAFT, "data"), State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def add(_clicks, pathname, search, draft, lang):
    lang = lang_or_default(lang)
    new, key, values = add_view(pathname, search, draft)
    message = t(key, lang, **values)
    if new is draft:
        return no_update, message
    return new, [message, " ", dcc.Link(t("present.open_desk", lang), href=f"/present?lang={lang}")]
