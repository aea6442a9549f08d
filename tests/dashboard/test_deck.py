"""Deck model: deck files and links -> validated decks; hostile links refused with the field and rule named."""
from __future__ import annotations

import base64
import json
import zlib

import pytest

from dashboard import deck as decks
from dashboard import deck_edits as edits
from dashboard import takeaways
from dashboard.i18n import t


def deck_dict(**changes) -> dict:
    slide = {"page": "/", "chart": "map", "view": {"scope": "police_officers"},
             "title": {"en": "Map", "ru": "Карта"}, "takeaway": {"auto": "view"}}
    data = {"format": decks.FORMAT, "slides": [slide]}
    data.update(changes)
    return data


def link_of(data) -> str:
    raw = json.dumps(data).encode()
    return decks.LINK_PREFIX + base64.urlsafe_b64encode(zlib.compress(raw)).decode().rstrip("=")


def test_the_default_deck_file_is_valid_and_tells_the_story_in_four_or_more_slides():
    deck = decks.load(decks.DEFAULT)
    assert len(deck.slides) >= 4
    assert {s.page for s in deck.slides} >= {"/", "/trends"}
    assert all(s.title.get("en") and s.title.get("ru") for s in deck.slides)


def test_every_takeaway_of_the_default_deck_is_generated_from_the_warehouse_not_typed():
    deck = decks.load(decks.DEFAULT)
    assert [set(s.takeaway) for s in deck.slides] == [{"auto"}] * len(deck.slides)
    assert all(s.takeaway["auto"] in takeaways.NAMES and s.takeaway["auto"] != "view" for s in deck.slides)


def test_no_figure_is_typed_into_the_default_deck_texts():
    """Titles and notes may name the 30 % target; any other digit would be a number that a rebuild could falsify."""
    deck = decks.load(decks.DEFAULT)
    fields = [deck.title] + [field for slide in deck.slides for field in (slide.title, slide.notes)]
    digits = [text for field in fields for text in field.values() if any(c.isdigit() for c in text.replace("30", ""))]
    assert digits == []


def test_a_deck_survives_the_trip_through_a_link_unchanged():
    deck = decks.load(decks.DEFAULT)
    link = decks.encode(deck)
    assert link.startswith(decks.LINK_PREFIX) and len(link) <= decks.MAX_LINK_CHARS
    assert all(c.isalnum() or c in "-_:" for c in link)
    assert decks.decode(link) == deck


def test_a_deck_survives_the_trip_through_a_deck_file_unchanged_and_keeps_russian_readable():
    deck = decks.load(decks.DEFAULT)
    text = decks.dumps(deck)
    assert "Центральная Азия" in text
    assert decks.loads(text) == deck


@pytest.mark.parametrize("param", ["", None, "  ", decks.DEFAULT])
def test_an_empty_deck_parameter_means_the_default_deck(param):
    assert decks.resolve(param) == decks.load(decks.DEFAULT)


@pytest.mark.parametrize("param,rule", [
    ("no-such-deck", "name"), ("../../etc/passwd", "name"), ("default.json", "name"), ("DEFAULT", "name"),
    ("d:", "link"), ("d:!!!", "link"), ("d:AAAA", "link"), ("d:" + "A" * 5000, "link"),
    (link_of([1, 2]), "object"), (link_of({"format": "other/1", "slides": []}), "format"),
    (link_of(deck_dict(slides=[])), "slides"), (link_of(deck_dict(slides=[{}] * 41)), "slides"),
])
def test_a_bad_deck_parameter_is_refused_with_the_rule_it_broke(param, rule):
    with pytest.raises(decks.DeckError) as caught:
        decks.resolve(param)
    assert caught.value.rule == rule


def test_a_link_that_inflates_beyond_the_size_limit_is_refused_without_inflating_it_all():
    bomb = decks.LINK_PREFIX + base64.urlsafe_b64encode(zlib.compress(b" " * 1_000_000, 9)).decode().rstrip("=")
    assert len(bomb) < decks.MAX_LINK_CHARS
    with pytest.raises(decks.DeckError) as caught:
        decks.decode(bomb)
    assert caught.value.rule == "size"


SLIDE_ERRORS = [
    ({"page": "/sources"}, "slides[0].page", "page"),
    ({"page": "javascript:alert(1)"}, "slides[0].page", "page"),
    ({"page": ["/"]}, "slides[0].page", "page"),
    ({"chart": "pie"}, "slides[0].chart", "chart"),
    ({"view": {"Bad Name": "x"}}, "slides[0].view", "param"),
    ({"view": {"scope": {"$ne": 1}}}, "slides[0].view.scope", "value"),
    ({"view": {f"p{i}": "x" for i in range(20)}}, "slides[0].view", "view"),
    ({"title": {"key": "app.no_such_message"}}, "slides[0].title", "key"),
    ({"title": {"key": ["present.nav"]}}, "slides[0].title", "key"),
    ({"title": {"en": "x" * 401}}, "slides[0].title.en", "text"),
    ({"title": "plain text"}, "slides[0].title", "object"),
    ({"takeaway": {"auto": "made_up"}}, "slides[0].takeaway", "auto"),
    ({"notes": {"auto": "gaps"}}, "slides[0].notes", "auto"),
]


@pytest.mark.parametrize("change,where,rule", SLIDE_ERRORS, ids=[e[1] + ":" + e[2] for e in SLIDE_ERRORS])
def test_a_bad_slide_is_refused_naming_its_field_and_rule(change, where, rule):
    data = deck_dict()
    data["slides"][0].update(change)
    with pytest.raises(decks.DeckError) as caught:
        decks.parse(data)
    assert (caught.value.where, caught.value.rule) == (where, rule)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_rule_has_a_message_in_both_languages(lang):
    for rule in decks.RULES:
        values = {"message": "m", "name": "n", "max": 1, "pages": "/", "charts": "map", "format": decks.FORMAT,
                  "detail": "d"}
        error = decks.DeckError("slides[0]", rule, **values)
        assert error.message(lang) == t(decks.RULES[rule], lang, **values)


def test_view_values_are_kept_as_text_and_the_language_is_not_part_of_a_view():
    data = deck_dict()
    data["slides"][0]["view"] = {"scope": "police_officers", "year": 2015, "countries": ["KAZ", "KGZ"], "lang": "ru"}
    slide = decks.parse(data).slides[0]
    assert slide.view == {"scope": "police_officers", "year": "2015", "countries": "KAZ,KGZ"}
    assert slide.href("ru") == "/?scope=police_officers&year=2015&countries=KAZ,KGZ&lang=ru"


def test_a_text_in_one_language_only_is_kept_and_the_other_falls_back():
    data = deck_dict()
    data["slides"][0]["title"] = {"en": "Only English", "ru": "  "}
    assert decks.parse(data).slides[0].title == {"en": "Only English"}


def test_the_chart_defaults_to_the_first_chart_of_the_page():
    data = deck_dict()
    del data["slides"][0]["chart"]
    assert decks.parse(data).slides[0].chart == decks.PAGES["/"][0]


def test_a_dashboard_url_becomes_a_slide_of_that_view_without_its_language():
    slide = decks.slide_from_url("/trends", "?countries=KAZ,UZB&scope=police_officers&lang=ru")
    assert (slide.page, slide.chart, slide.view) == ("/trends", "lines", {"countries": "KAZ,UZB",
                                                                           "scope": "police_officers"})
    assert slide.takeaway == {"auto": "view"}


@pytest.mark.parametrize("path", ["/sources", "/explorer", "/present", "/nowhere", None])
def test_a_page_without_a_chart_cannot_become_a_slide(path):
    with pytest.raises(decks.DeckError):
        decks.slide_from_url(path, "")


def three_slides() -> decks.Deck:
    data = deck_dict()
    data["slides"] = [dict(data["slides"][0], title={"en": str(i), "ru": str(i)}) for i in range(3)]
    return decks.parse(data)


@pytest.mark.parametrize("index,step,order", [(0, 1, "102"), (2, -1, "021"), (0, -1, "012"), (2, 5, "012"),
                                              (1, -9, "102")])
def test_moving_a_slide_keeps_every_slide_and_stops_at_the_ends(index, step, order):
    moved = edits.move(three_slides(), index, step)
    assert "".join(s.title["en"] for s in moved.slides) == order


def test_removing_the_last_slide_leaves_no_deck():
    deck = edits.remove(three_slides(), 1)
    assert [s.title["en"] for s in deck.slides] == ["0", "2"]
    single = decks.with_slides(deck, deck.slides[:1])
    assert edits.remove(single, 0) is None


def test_editing_one_language_of_a_catalog_title_keeps_the_other_language_of_it():
    data = deck_dict()
    data["slides"][0]["title"] = {"key": "present.chart_title_map"}
    deck = edits.edit_text(decks.parse(data), 0, "title", "en", "My map", t)
    assert deck.slides[0].title == {"en": "My map", "ru": t("present.chart_title_map", "ru")}


def test_emptying_a_takeaway_in_every_language_brings_the_generated_sentence_back():
    deck = decks.parse(deck_dict())
    deck = edits.edit_text(deck, 0, "takeaway", "en", "Typed", t)
    assert deck.slides[0].takeaway == {"en": "Typed"}
    assert edits.edit_text(deck, 0, "takeaway", "en", "", t).slides[0].takeaway == {"auto": "view"}


def test_choosing_another_chart_of_the_page_and_refusing_one_it_does_not_have():
    deck = edits.set_chart(decks.parse(deck_dict()), 0, "ranking")
    assert deck.slides[0].chart == "ranking"
    with pytest.raises(decks.DeckError):
        edits.set_chart(deck, 0, "lines")


def test_an_unchanged_or_still_empty_text_leaves_the_slide_as_it_was_generated_takeaway_included():
    deck = decks.load(decks.DEFAULT)
    assert edits.edit_text(deck, 0, "takeaway", "ru", "", t) == deck
    assert edits.edit_text(deck, 0, "title", "en", deck.slides[0].title["en"] + "  ", t) == deck


@pytest.mark.parametrize("path,chart", [("/country/KAZ", "profile"), ("/country/uzb", "profile"),
                                        ("/coverage", "matrix")])
def test_country_profiles_and_the_coverage_matrix_can_be_slides(path, chart):
    assert decks.slide_from_url(path, "?lang=en").chart == chart


@pytest.mark.parametrize("path", ["/country/KAZ/x", "/country/KAZAKH", "/country/", "/country/K1Z"])
def test_a_country_path_that_is_not_a_profile_cannot_become_a_slide(path):
    with pytest.raises(decks.DeckError):
        decks.slide_from_url(path, "")
