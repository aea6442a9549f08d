"""A deck and one edit from the desk (move, remove, retitle, rechart) -> the new deck; pure, validated like a file."""
from __future__ import annotations

from dashboard.deck import MAX_TEXT, PAGES, Deck, DeckError, Slide, page_of, with_slides
from dashboard.i18n import LANGS


def move(deck: Deck, index: int, step: int) -> Deck:
    """Slide `index` moved `step` places (clamped to the deck); the desk's ↑ and ↓."""
    slides = list(deck.slides)
    target = min(max(index + step, 0), len(slides) - 1)
    slides.insert(target, slides.pop(index))
    return with_slides(deck, slides)


def remove(deck: Deck, index: int) -> Deck | None:
    """The deck without slide `index`; None when nothing is left (an empty deck is no deck)."""
    slides = [s for i, s in enumerate(deck.slides) if i != index]
    return with_slides(deck, slides) if slides else None


def literal(value: dict[str, str], resolve) -> dict[str, str]:
    """A text field as literal text in every language (a catalog key is resolved), ready to be edited."""
    if "key" in value:
        return {lang: resolve(value["key"], lang) for lang in LANGS}
    return {lang: value[lang] for lang in LANGS if value.get(lang)}


def edit_text(deck: Deck, index: int, name: str, lang: str, text: str, resolve) -> Deck:
    """Set one language of a slide's title, takeaway or notes; emptying every language restores the default."""
    slide = deck.slides[index]
    text = (text or "").strip()[:MAX_TEXT]
    if text == literal(getattr(slide, name), resolve).get(lang, ""):
        return deck                    # same words (or still empty over a generated text): nothing to change
    value = {**literal(getattr(slide, name), resolve), lang: text}
    value = {k: v for k, v in value.items() if v}
    if not value and name == "takeaway":
        value = {"auto": "view"}
    changed = Slide(**{**slide.__dict__, name: value})
    return with_slides(deck, [changed if i == index else s for i, s in enumerate(deck.slides)])


def set_chart(deck: Deck, index: int, chart: str) -> Deck:
    slide = deck.slides[index]
    if chart not in PAGES[page_of(slide.page)]:
        raise DeckError(f"slides[{index}].chart", "chart", charts=", ".join(PAGES[page_of(slide.page)]))
    changed = Slide(**{**slide.__dict__, "chart": chart})
    return with_slides(deck, [changed if i == index else s for i, s in enumerate(deck.slides)])
