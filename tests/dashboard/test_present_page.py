"""/present as component trees: desk, slide show, speaker view, print view; "add to deck"; desk edits; routes."""
from __future__ import annotations

import json
import sys

import pytest
from dash import dcc, html
from plotly.utils import PlotlyJSONEncoder

from dashboard import deck as decks
from dashboard import ids
from dashboard.i18n import t


def walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if hasattr(child, "to_plotly_json"):
            yield from walk(child)


def by_id(component, component_id):
    return next(c for c in walk(component) if getattr(c, "id", None) == component_id)


def by_class(component, name: str) -> list:
    return [c for c in walk(component) if name in (getattr(c, "className", None) or "").split()]


@pytest.fixture()
def page(served_warehouse):
    """The page module as Dash imported it (importing dashboard.pages.present again would register /present twice,
    and Dash refuses to serve an app whose pages share a path)."""
    import dash

    import dashboard.app  # noqa: F401  (the app imports the pages)
    entry = next(p for p in dash.page_registry.values() if p["path"] == "/present")
    return sys.modules[entry["module"]]


@pytest.fixture()
def desk(served_warehouse):
    import dashboard.app  # noqa: F401
    from dashboard.callbacks import present_desk
    return present_desk


@pytest.fixture()
def client(served_warehouse):
    from dashboard.app import app
    return app.server.test_client()


def test_without_a_deck_the_page_is_the_desk_listing_the_deck_files(page):
    tree = page.layout(lang="ru")
    assert tree.className == "page page-present-desk"
    items = by_class(tree, "present-deck-item")
    assert len(items) == len(decks.names())
    links = [c.href for c in walk(tree) if isinstance(c, html.A)]
    assert "/present?deck=default&lang=ru" in links and "/present/deck.pdf?deck=default&lang=ru" in links


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_slide_show_comes_with_the_asked_slide_only_and_shows_it(page, lang):
    tree = page.layout(lang=lang, deck="default", slide="2")
    meta = json.loads(tree.to_plotly_json()["props"]["data-present"])
    store = by_id(tree, ids.PRESENT_DECK).data
    assert meta["mode"] == "show" and meta["slide"] == 1 and meta["n"] == store["n"] == len(store["slides"]["ru"])
    assert meta["deck"] == "default"                      # present.js asks for the rest of this deck
    assert by_id(tree, ids.PRESENT_POSITION).data == {"slide": 1, "lang": lang, "blank": False}
    assert by_id(tree, ids.PRESENT_TITLE).children == store["slides"][lang][1]["title"]
    assert by_id(tree, ids.PRESENT_NUMBER).children == "2"
    assert isinstance(by_id(tree, ids.PRESENT_GRAPH), dcc.Graph)
    # Only the slide on screen: the rest (every slide in both languages) comes from rest_of_deck.
    other = "ru" if lang == "en" else "en"
    assert store["complete"] is False and store["slides"][other] == [None] * store["n"]
    assert [i for i, s in enumerate(store["slides"][lang]) if s] == [1]
    assert getattr(by_id(tree, ids.PRESENT_REST), "data", None) is None
    # The chart's table is filled in when the rest comes (present.js); the slide's base map is fetched at once.
    assert by_id(tree, ids.PRESENT_TABLE).children is None and store["slides"][lang][1]["table"] is not None
    assert meta["topojson"] == {}                          # slide 2 is the ranking: no map
    first = json.loads(page.layout(lang=lang, deck="default").to_plotly_json()["props"]["data-present"])
    assert first["topojson"] == {"world_110m": "/assets/topojson/world_110m.json"}


def rest_body(asked) -> dict:
    """The rest-of-deck callback's request, as present.js makes the browser send it."""
    return {"output": "present-deck.data", "outputs": {"id": "present-deck", "property": "data"},
            "inputs": [{"id": "present-rest", "property": "data", "value": asked}],
            "changedPropIds": ["present-rest.data"], "state": []}


def test_the_rest_of_the_deck_is_every_slide_in_both_languages_with_the_base_maps_of_its_maps(page, client):
    response = client.post("/_dash-update-component", json=rest_body({"deck": "default", "attempt": 1}),
                           base_url="http://example.org/")
    assert response.status_code == 200
    data = response.get_json()["response"]["present-deck"]["data"]
    deck = decks.load("default")
    assert data["complete"] is True and data["n"] == len(deck.slides)
    for lang in ("en", "ru"):
        assert [s["title"] for s in data["slides"][lang]] == [s.title[lang] for s in deck.slides]
        assert all(s["figure"]["data"] and s["qr"].startswith("data:image/svg+xml") for s in data["slides"][lang])
        assert data["slides"][lang][2]["short"] == f"example.org/present/s/default/3?lang={lang}"
    assert data["topojson"] == {"world_110m": "/assets/topojson/world_110m.json"}
    # The slide the page came with is the same slide the rest brings.
    with client.application.test_request_context("/present", base_url="http://example.org/"):
        first = by_id(page.layout(lang="ru", deck="default", slide="3"), ids.PRESENT_DECK).data["slides"]["ru"][2]
    assert json.loads(json.dumps(first, cls=PlotlyJSONEncoder)) == data["slides"]["ru"][2]


@pytest.mark.parametrize("asked", [None, {}, {"deck": "nope"}, {"deck": 3}, {"deck": "d:garbage!"}])
def test_asking_for_the_rest_of_a_deck_that_cannot_be_used_changes_nothing(client, asked):
    response = client.post("/_dash-update-component", json=rest_body(asked))
    assert response.status_code in (200, 204) and "present-deck" not in (response.get_json() or {}).get("response", {})


@pytest.mark.parametrize("slide", ["0", "-1", "99", "two", "1e3", ""])
def test_a_slide_number_that_is_not_in_the_deck_opens_the_first_slide(page, slide):
    tree = page.layout(lang="en", deck="default", slide=slide)
    assert by_id(tree, ids.PRESENT_NUMBER).children == "1"


def test_every_toolbar_button_and_key_name_exists_in_both_languages_for_a_live_switch(page):
    tree = page.layout(lang="en", deck="default")
    buttons = by_class(tree, "present-btn")
    assert {b.to_plotly_json()["props"]["data-action"] for b in buttons} == set(page.ACTIONS)
    spans = [s for b in buttons for s in b.children]
    assert {s.lang for s in spans} == {"en", "ru"}


def test_the_speaker_view_shows_notes_and_the_next_slide(page):
    tree = page.layout(lang="en", deck="default", view="speaker")
    deck = decks.load("default")
    assert by_id(tree, ids.PRESENT_NOTES).children == deck.slides[0].notes["en"]
    assert by_id(tree, ids.PRESENT_NEXT_TITLE).children == deck.slides[1].title["en"]
    assert by_id(tree, ids.PRESENT_SPEAKER_POSITION).data["slide"] == 0
    store = by_id(tree, ids.PRESENT_DECK).data
    assert [i for i, s in enumerate(store["slides"]["en"]) if s] == [0, 1] and not any(store["slides"]["ru"])


def test_the_speaker_view_on_the_last_slide_says_there_is_no_next_one(page):
    n = len(decks.load("default").slides)
    tree = page.layout(lang="ru", deck="default", view="speaker", slide=str(n))
    assert by_id(tree, ids.PRESENT_NEXT_TITLE).children == t("present.js_next_none", "ru")


def test_the_print_view_has_one_stage_per_slide_with_its_chart_and_no_controls(page):
    tree = page.layout(lang="ru", deck="default", **{"print": "1"})
    stages = by_class(tree, "present-stage")
    assert len(stages) == len(decks.load("default").slides)
    assert all(any(isinstance(c, dcc.Graph) for c in walk(s)) for s in stages)
    assert by_class(tree, "present-toolbar") == []


def test_a_deck_carried_in_the_url_is_presented(page):
    deck = decks.with_slides(decks.load("default"), decks.load("default").slides[2:3])
    tree = page.layout(lang="en", deck=decks.encode(deck))
    assert by_id(tree, ids.PRESENT_DECK).data["n"] == 1


@pytest.mark.parametrize("param", ["nope", "d:garbage!", "../default"])
def test_a_broken_deck_link_shows_which_rule_it_broke_in_the_language(page, param):
    tree = page.layout(lang="ru", deck=param)
    alert = next(c for c in walk(tree) if getattr(c, "role", None) == "alert")
    assert t("present.deck_error_heading", "ru") in [c.children for c in walk(tree) if isinstance(c, html.H1)]
    assert "«" in alert.children


def test_add_to_deck_appends_the_view_on_screen_and_says_which_slide_it_became(served_warehouse):
    from dashboard.callbacks.present_header import add_view
    draft, key, values = add_view("/trends", "?countries=KAZ&lang=ru", None)
    assert (key, values) == ("present.added", {"n": 1})
    draft, key, values = add_view("/", "?year=2015", draft)
    assert values == {"n": 2} and [s["page"] for s in draft["slides"]] == ["/trends", "/"]
    assert draft["slides"][0]["view"] == {"countries": "KAZ"}


def test_add_to_deck_on_a_page_without_a_chart_leaves_the_deck_alone(served_warehouse):
    from dashboard.callbacks.present_header import add_view
    assert add_view("/sources", "", {"x": 1}) == ({"x": 1}, "present.add_refused", {})


def test_a_damaged_draft_in_local_storage_is_started_afresh_rather_than_breaking_the_button(served_warehouse):
    from dashboard.callbacks.present_header import add_view
    draft, key, _ = add_view("/", "", {"format": "nonsense"})
    assert key == "present.added" and len(draft["slides"]) == 1


def test_the_desk_edits_apply_to_the_draft(desk):
    deck = decks.with_slides(decks.load("default"), decks.load("default").slides[:2])
    moved = desk.apply_edit(deck, {"type": desk.MOVE, "index": 0, "action": "down"}, 1)
    assert [s.chart for s in moved.slides] == ["ranking", "map"]
    retitled = desk.apply_edit(deck, {"type": desk.TEXT, "index": 1, "field": "title", "lang": "ru"}, "Рейтинг")
    assert retitled.slides[1].title == {"en": deck.slides[1].title["en"], "ru": "Рейтинг"}
    assert desk.apply_edit(deck, {"type": desk.CHART, "index": 0, "chart": "ranking"}, 1).slides[0].chart == "ranking"
    assert desk.apply_edit(deck, ids.PRESENT_DRAFT_CLEAR, 1) is None
    assert desk.apply_edit(None, {"type": desk.COPY, "name": "default"}, 1) == decks.load("default")


def test_the_desk_lists_my_deck_with_editable_texts_and_a_share_link(desk, client):
    deck = decks.load("default")
    with client.application.test_request_context("/present", base_url="http://example.org/"):
        items, links = desk.show_draft(decks.to_dict(deck), "en")
    assert len(items) == len(deck.slides)
    inputs = [c for c in walk(items[0]) if isinstance(c, dcc.Input)]
    assert len(inputs) == 6 and inputs[0].value == deck.slides[0].title["en"]
    share = next(c for c in walk(html.Div(links)) if isinstance(c, dcc.Input))
    assert share.value.startswith("http://example.org/present?deck=d%3A")


def test_the_short_link_of_a_slide_redirects_to_its_view(client):
    response = client.get("/present/s/default/3?lang=ru")
    assert response.status_code == 302
    assert response.headers["Location"] == decks.load("default").slides[2].href("ru")


@pytest.mark.parametrize("path", ["/present/s/default/0", "/present/s/default/99", "/present/s/nope/1",
                                  "/present/s/de.fault/1"])
def test_a_short_link_to_no_slide_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_the_pdf_of_a_broken_deck_is_refused_with_the_reason_in_the_language(client):
    response = client.get("/present/deck.pdf?deck=nope&lang=ru")
    assert response.status_code == 400
    assert "nope" in response.get_data(as_text=True) and response.mimetype == "text/plain"


def test_public_url_sets_the_share_link_and_the_slides_short_link_and_qr_behind_a_proxy(desk, page, client,
                                                                                       monkeypatch):
    monkeypatch.setenv("PUBLIC_URL", "https://police-data.example.org/dashboard")
    with client.application.test_request_context("/present", base_url="http://127.0.0.1:8050/"):
        _, links = desk.show_draft(decks.to_dict(decks.load("default")), "en")
        tree = page.layout(lang="en", deck="default", slide="1")
    share = next(c for c in walk(html.Div(links)) if isinstance(c, dcc.Input))
    assert share.value.startswith("https://police-data.example.org/dashboard/present?deck=d%3A")
    slide = by_id(tree, ids.PRESENT_DECK).data["slides"]["en"][0]
    assert slide["short"].startswith("police-data.example.org/dashboard/present/s/") and "127.0.0.1" not in str(slide)


@pytest.mark.parametrize("value", ["police-data.example.org", "ftp://example.org/", "https://", "https://x.org/?a=1"])
def test_a_public_url_that_is_not_an_http_address_is_refused_at_start(monkeypatch, value):
    from dashboard import config
    monkeypatch.setenv("PUBLIC_URL", value)
    with pytest.raises(ValueError, match="PUBLIC_URL"):
        config.public_url()


def test_the_app_does_not_start_with_a_malformed_public_url(tmp_path):
    import os
    import subprocess
    env = {**os.environ, "PUBLIC_URL": "police-data.example.org"}
    done = subprocess.run([sys.executable, "-c", "import dashboard.app"], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode != 0 and "PUBLIC_URL='police-data.example.org'" in done.stderr
