"""Deck files (data/decks/*.json) and URL-carried decks -> validated Deck objects -> deck files and share links."""
from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from dashboard import config, takeaways
from dashboard.i18n import LANGS, catalog, t

DECKS = config.ROOT / "data" / "decks"
FORMAT = "women-police-deck/1"
DEFAULT = "default"
LINK_PREFIX = "d:"          # ?deck=d:<base64url(zlib(json))> carries a whole deck in the link
MAX_SLIDES = 40
MAX_TEXT = 400
MAX_VIEW_PARAMS = 12
MAX_JSON_BYTES = 64_000     # a decompressed link larger than this is refused (zip-bomb guard)
MAX_LINK_CHARS = 3000       # gunicorn refuses request lines over 4094 bytes; leave room for the rest of the URL
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")
PARAM_RE = re.compile(r"^[a-z][a-z0-9_]{0,30}$")
# Pages a slide can show: path pattern -> the charts of that page a slide can pick (the first is the default).
PAGES = {
    "/": ("map", "ranking"),
    "/trends": ("lines",),
    "/country/<iso3>": ("profile",),
    "/coverage": ("matrix",),
}
# Parameters of a view that are not view state: the language is the presenter's choice, not the slide's.
NOT_VIEW = frozenset({"lang"})


# The rules a deck can break, each with its message (the message says the rule in the reader's language).
RULES = {
    "object": "present.deck_error_object", "key": "present.deck_error_key", "auto": "present.deck_error_auto",
    "text": "present.deck_error_text", "view": "present.deck_error_view", "param": "present.deck_error_param",
    "value": "present.deck_error_value", "page": "present.deck_error_page", "chart": "present.deck_error_chart",
    "format": "present.deck_error_format", "slides": "present.deck_error_slides", "size": "present.deck_error_size",
    "json": "present.deck_error_json", "name": "present.deck_error_name", "link": "present.deck_error_link",
}


class DeckError(ValueError):
    """A deck that cannot be used: `where` names the field (e.g. 'slides[2].page'), `rule` the rule it broke.

    The rule names a message in RULES, so the page can say it in the reader's language.
    """

    def __init__(self, where: str, rule: str, **params):
        self.where, self.rule, self.params = where, rule, params
        super().__init__(f"{where}: {self.message('en')}")

    def message(self, lang: str) -> str:
        return t(RULES[self.rule], lang, **self.params)


@dataclass(frozen=True)
class Slide:
    page: str
    chart: str
    view: dict[str, str] = field(default_factory=dict)
    title: dict[str, str] = field(default_factory=dict)      # {"key": ...} or {"en": ..., "ru": ...}
    takeaway: dict[str, str] = field(default_factory=lambda: {"auto": "view"})
    notes: dict[str, str] = field(default_factory=dict)

    def href(self, lang: str) -> str:
        """The dashboard view this slide shows, in `lang`: Esc, the QR code and the PDF all point here."""
        query = {**self.view, "lang": lang}
        return self.page + "?" + urlencode(query, safe=",")


@dataclass(frozen=True)
class Deck:
    title: dict[str, str]
    slides: tuple[Slide, ...]


def names() -> list[str]:
    """The deck files on disk (their stems are the only names ?deck= accepts besides links)."""
    return sorted(p.stem for p in DECKS.glob("*.json") if NAME_RE.match(p.stem))


def page_of(path: str) -> str | None:
    """'/country/KAZ' -> '/country/<iso3>'-style key in PAGES, or None when no slide can show that page."""
    if path in PAGES:
        return path
    for pattern in PAGES:
        if "<" in pattern and re.fullmatch(re.sub(r"<[a-z0-9_]+>", "[A-Za-z]{3}", pattern), path or ""):
            return pattern
    return None


def _text(value, where: str, allow_auto: bool = False) -> dict[str, str]:
    """A text field: a catalog key, literal text in both languages, or (takeaways) a generated sentence."""
    if value is None or value == {}:
        return {}
    if not isinstance(value, dict):
        raise DeckError(where, "object")
    if "key" in value:
        if not isinstance(value["key"], str) or value["key"] not in catalog("en"):
            raise DeckError(where, "key", message=str(value["key"])[:60])
        return {"key": value["key"]}
    if "auto" in value:
        if not allow_auto or not isinstance(value["auto"], str) or value["auto"] not in takeaways.NAMES:
            raise DeckError(where, "auto", name=str(value["auto"])[:60])
        return {"auto": value["auto"]}
    # Literal text: a language left empty falls back to the generated text (the desk flags it as untranslated).
    texts = {}
    for lang in LANGS:
        text = value.get(lang) or ""
        if not isinstance(text, str) or len(text) > MAX_TEXT:
            raise DeckError(f"{where}.{lang}", "text", max=MAX_TEXT)
        if text.strip():
            texts[lang] = text.strip()
    return texts


def _view(value, where: str) -> dict[str, str]:
    """Query parameters of the view as strings; the page's own whitelists clean the values when rendered."""
    if value is None:
        return {}
    if not isinstance(value, dict) or len(value) > MAX_VIEW_PARAMS:
        raise DeckError(where, "view", max=MAX_VIEW_PARAMS)
    view = {}
    for key, text in value.items():
        if not isinstance(key, str) or not PARAM_RE.match(key):
            raise DeckError(where, "param", name=str(key)[:40])
        if isinstance(text, list):
            text = ",".join(str(v) for v in text)
        if not isinstance(text, (str, int)) or isinstance(text, bool) or len(str(text)) > MAX_TEXT:
            raise DeckError(f"{where}.{key}", "value", max=MAX_TEXT)
        if key not in NOT_VIEW:
            view[key] = str(text)
    return view


def _slide(value, where: str) -> Slide:
    if not isinstance(value, dict):
        raise DeckError(where, "object")
    page = value.get("page")
    key = page_of(page) if isinstance(page, str) else None
    if key is None:
        raise DeckError(f"{where}.page", "page", pages=", ".join(PAGES))
    chart = value.get("chart") or PAGES[key][0]
    if chart not in PAGES[key]:
        raise DeckError(f"{where}.chart", "chart", charts=", ".join(PAGES[key]))
    return Slide(page=page, chart=chart, view=_view(value.get("view"), f"{where}.view"),
                 title=_text(value.get("title"), f"{where}.title"),
                 takeaway=_text(value.get("takeaway"), f"{where}.takeaway", allow_auto=True) or {"auto": "view"},
                 notes=_text(value.get("notes"), f"{where}.notes"))


def parse(data) -> Deck:
    """A decoded deck file -> Deck; raises DeckError naming the first bad field."""
    if not isinstance(data, dict):
        raise DeckError("deck", "object")
    if data.get("format") != FORMAT:
        raise DeckError("format", "format", format=FORMAT)
    slides = data.get("slides")
    if not isinstance(slides, list) or not 1 <= len(slides) <= MAX_SLIDES:
        raise DeckError("slides", "slides", max=MAX_SLIDES)
    return Deck(title=_text(data.get("title"), "title"),
                slides=tuple(_slide(s, f"slides[{i}]") for i, s in enumerate(slides)))


def to_dict(deck: Deck) -> dict:
    """Deck -> the JSON-ready deck file (empty fields left out)."""
    def slide(s: Slide) -> dict:
        out = {"page": s.page, "chart": s.chart, "view": s.view, "title": s.title, "takeaway": s.takeaway,
               "notes": s.notes}
        return {k: v for k, v in out.items() if v}
    return {"format": FORMAT, **({"title": deck.title} if deck.title else {}),
            "slides": [slide(s) for s in deck.slides]}


def dumps(deck: Deck) -> str:
    """The deck file's text: readable JSON, non-ASCII kept (Russian stays legible in the file)."""
    return json.dumps(to_dict(deck), ensure_ascii=False, indent=2) + "\n"


def loads(text: str | bytes) -> Deck:
    if len(text) > MAX_JSON_BYTES:
        raise DeckError("deck", "size", max=MAX_JSON_BYTES)
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise DeckError("deck", "json", detail=str(e)[:80]) from e
    return parse(data)


def load(name: str) -> Deck:
    if name not in names():
        raise DeckError("deck", "name", name=name[:40])
    return loads((DECKS / f"{name}.json").read_text(encoding="utf-8"))


def encode(deck: Deck) -> str:
    """Deck -> 'd:…' for ?deck=: compact JSON, deflated, base64url without padding."""
    raw = json.dumps(to_dict(deck), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return LINK_PREFIX + base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii").rstrip("=")


def decode(param: str) -> Deck:
    """'d:…' -> Deck; anything malformed, oversized or invalid raises DeckError."""
    body = param[len(LINK_PREFIX):]
    if len(param) > MAX_LINK_CHARS or not re.fullmatch(r"[A-Za-z0-9_-]+", body):
        raise DeckError("deck", "link")
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_JSON_BYTES + 1)
    except (binascii.Error, zlib.error) as e:
        raise DeckError("deck", "link") from e
    if len(raw) > MAX_JSON_BYTES or inflater.unconsumed_tail:
        raise DeckError("deck", "size", max=MAX_JSON_BYTES)
    return loads(raw)


def resolve(param: str | None) -> Deck:
    """?deck= (a file name or a link; empty = the default deck) -> Deck, or DeckError."""
    param = (param or "").strip() or DEFAULT
    return decode(param) if param.startswith(LINK_PREFIX) else load(param)


def slide_from_url(pathname: str | None, search: str | None, title_key: str | None = None) -> Slide:
    """The view a dashboard URL shows -> a new slide (generated takeaway); DeckError if no slide can show it."""
    data = {"page": pathname, "view": dict(parse_qsl((search or "").lstrip("?"), keep_blank_values=True))}
    if title_key:
        data["title"] = {"key": title_key}
    return _slide(data, "view")


def with_slides(deck: Deck, slides) -> Deck:
    return Deck(title=deck.title, slides=tuple(slides))

