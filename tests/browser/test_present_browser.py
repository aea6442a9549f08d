"""Presenter mode in headless Chromium: keys, language switch, fit without scrolling, offline after load, PDF backup."""
from __future__ import annotations

import io
import threading
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from dash.testing.wait import until
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from werkzeug.serving import make_server

from browsing import axe_violations, console_errors, start
from dashboard import deck as decks

pytestmark = pytest.mark.browser

DECK = decks.load(decks.DEFAULT)
N = len(DECK.slides)
# What each kind of chart leaves in plotly's SVG.
DRAWN = {"map": ".geolayer .geo path", "ranking": ".barlayer .point", "lines": ".scatterlayer .trace"}
SIZES = [(1280, 720), (1920, 1080)]
# Every part of the stage must hold its content without clipping or scrolling.
OVERFLOW = """
const box = el => el.getBoundingClientRect();
const doc = document.documentElement, stage = document.querySelector('.present-stage');
const parts = Array.from(document.querySelectorAll('.present-head, .present-body, .present-foot'));
const s = box(stage);
return {
  page: [doc.scrollWidth, doc.scrollHeight, window.innerWidth, window.innerHeight],
  stage_inside: s.left >= -1 && s.top >= -1 && s.right <= window.innerWidth + 1 && s.bottom <= window.innerHeight + 1,
  clipped: parts.filter(p => p.scrollHeight > p.clientHeight + 1 || p.scrollWidth > p.clientWidth + 1)
                .map(p => p.className),
};
"""


def viewport(dash_duo, width: int, height: int) -> None:
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def query(dash_duo) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(dash_duo.driver.current_url).query))


def open_deck(dash_duo, base: str, lang: str = "en", slide: int = 1, extra: str = "") -> None:
    dash_duo.driver.get(f"{base}/present?deck=default&lang={lang}&slide={slide}{extra}")
    wait_slide(dash_duo, slide)


def wait_slide(dash_duo, number: int) -> None:
    """Slide `number` is on screen: the big number, the URL and a drawn chart of the slide's kind all agree."""
    chart = DRAWN[DECK.slides[number - 1].chart]

    def shown():
        driver = dash_duo.driver
        big = driver.execute_script("const e = document.getElementById('present-number'); return e && e.textContent")
        drawn = driver.execute_script(f"return !!document.querySelector('#present-graph {chart}')")
        return big == str(number) and query(dash_duo).get("slide") == str(number) and drawn
    until(shown, timeout=30, msg=f"slide {number} never showed")


def press(dash_duo, *keys: str) -> None:
    ActionChains(dash_duo.driver).send_keys(*keys).perform()


def title(dash_duo) -> str:
    return dash_duo.find_element("#present-title").text


@pytest.fixture()
def show(dash_duo, app):
    start(dash_duo, app)
    viewport(dash_duo, 1920, 1080)
    return dash_duo.server.url


def test_the_keys_step_through_the_default_deck_and_the_url_number_and_chart_follow(dash_duo, show):
    open_deck(dash_duo, show)
    forward = [Keys.ARROW_RIGHT, Keys.PAGE_DOWN, Keys.SPACE, Keys.ARROW_RIGHT]
    for number in range(2, N + 1):
        press(dash_duo, forward[(number - 2) % len(forward)])
        wait_slide(dash_duo, number)
        assert title(dash_duo) == DECK.slides[number - 1].title["en"]
    press(dash_duo, Keys.ARROW_RIGHT)              # past the end: stays on the last slide
    wait_slide(dash_duo, N)
    press(dash_duo, Keys.ARROW_LEFT)
    wait_slide(dash_duo, N - 1)
    press(dash_duo, Keys.PAGE_UP)
    wait_slide(dash_duo, N - 2)
    press(dash_duo, Keys.HOME)
    wait_slide(dash_duo, 1)
    press(dash_duo, Keys.END)
    wait_slide(dash_duo, N)
    press(dash_duo, "2", Keys.ENTER)
    wait_slide(dash_duo, 2)
    assert console_errors(dash_duo) == []


def test_l_switches_between_english_and_russian_on_the_same_slide(dash_duo, show):
    open_deck(dash_duo, show, slide=3)
    press(dash_duo, "l")
    until(lambda: title(dash_duo) == DECK.slides[2].title["ru"], timeout=10, msg="the title stayed in English")
    assert query(dash_duo)["lang"] == "ru" and query(dash_duo)["slide"] == "3"
    assert dash_duo.driver.execute_script("return document.documentElement.lang") == "ru"
    assert dash_duo.find_element("#present-number").text == "3"
    press(dash_duo, "l")
    until(lambda: title(dash_duo) == DECK.slides[2].title["en"], timeout=10, msg="L did not switch back")
    assert console_errors(dash_duo) == []


def test_b_blanks_the_screen_and_esc_leaves_for_the_slides_view_in_the_dashboard(dash_duo, show):
    open_deck(dash_duo, show, slide=3, lang="ru")
    press(dash_duo, "b")
    until(lambda: dash_duo.find_element("#present-blank").is_displayed(), timeout=10, msg="B did not blank")
    press(dash_duo, "b")
    until(lambda: not dash_duo.find_element("#present-blank").is_displayed(), timeout=10, msg="B did not unblank")
    press(dash_duo, Keys.ESCAPE)
    until(lambda: urlsplit(dash_duo.driver.current_url).path == "/trends", timeout=10, msg="Esc did not leave")
    dash_duo.wait_for_element("#app-main h1", timeout=30)
    assert query(dash_duo)["lang"] == "ru"


@pytest.mark.parametrize("width,height", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_slide_fits_the_screen_in_both_languages_without_scrolling_or_clipping(dash_duo, show, width, height):
    viewport(dash_duo, width, height)
    for lang in ("en", "ru"):
        open_deck(dash_duo, show, lang=lang)
        for number in range(1, N + 1):
            if number > 1:
                press(dash_duo, Keys.ARROW_RIGHT)
                wait_slide(dash_duo, number)
            fit = dash_duo.driver.execute_script(OVERFLOW)
            assert fit["page"] == [width, height, width, height], (lang, number, fit)
            assert fit["stage_inside"] and fit["clipped"] == [], (lang, number, fit)


def test_speaker_view_in_a_second_window_follows_the_slide_show(dash_duo, show):
    open_deck(dash_duo, show, slide=1)
    driver = dash_duo.driver
    main = driver.current_window_handle
    driver.switch_to.new_window("window")
    driver.get(f"{show}/present?deck=default&lang=en&view=speaker")
    dash_duo.wait_for_text_to_equal("#present-speaker-number", "1", timeout=30)
    driver.switch_to.window(main)
    press(dash_duo, Keys.ARROW_RIGHT)
    wait_slide(dash_duo, 2)
    speaker = [h for h in driver.window_handles if h != main][0]
    driver.switch_to.window(speaker)
    dash_duo.wait_for_text_to_equal("#present-speaker-number", "2", timeout=10)
    assert dash_duo.find_element("#present-next-title").text == DECK.slides[2].title["en"]
    assert dash_duo.find_element("#present-notes").text == DECK.slides[1].notes["en"]


def loaded(dash_duo) -> None:
    """The page has fully loaded: the rest of the deck (every slide in both languages) and its base maps are in."""
    until(lambda: dash_duo.driver.execute_script(
        "const e = document.getElementById('present-root'); return e && e.getAttribute('data-prefetched')") == "true",
        timeout=30, msg="the rest of the deck and its base maps never came")


# Every request the page makes from now on (Dash's callbacks use fetch; plotly's base maps, XMLHttpRequest).
COUNT_REQUESTS = """
window.__requests = [];
const fetch0 = window.fetch, open0 = XMLHttpRequest.prototype.open;
window.fetch = function (url) {
  window.__requests.push(String(url && url.url || url));
  return fetch0.apply(this, arguments);
};
XMLHttpRequest.prototype.open = function (method, url) {
  window.__requests.push(String(url));
  return open0.apply(this, arguments);
};
"""


def test_once_loaded_every_slide_in_both_languages_shows_with_the_server_gone_and_no_request(dash_duo, app):
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    viewport(dash_duo, 1920, 1080)
    open_deck(dash_duo, base, slide=2)         # a slide without a map: the maps' base map must come prefetched
    loaded(dash_duo)
    # The slide's chart as a table came with the rest of the deck.
    assert dash_duo.driver.execute_script("return document.querySelectorAll('#present-table tbody tr').length") > 5
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)
    with pytest.raises(requests.ConnectionError):
        requests.get(base + "/present", timeout=5)
    dash_duo.driver.execute_script(COUNT_REQUESTS)
    for number in range(3, N + 1):
        press(dash_duo, Keys.ARROW_RIGHT)
        wait_slide(dash_duo, number)
        assert title(dash_duo) == DECK.slides[number - 1].title["en"]
    press(dash_duo, "l")
    until(lambda: title(dash_duo) == DECK.slides[N - 1].title["ru"], timeout=10, msg="L failed offline")
    for number in range(N - 1, 0, -1):
        press(dash_duo, Keys.ARROW_LEFT)
        wait_slide(dash_duo, number)
        assert title(dash_duo) == DECK.slides[number - 1].title["ru"]
    press(dash_duo, "l")
    until(lambda: title(dash_duo) == DECK.slides[0].title["en"], timeout=10, msg="L did not switch back offline")
    assert dash_duo.driver.execute_script("return window.__requests") == []
    assert console_errors(dash_duo) == []


# Holds the request for the rest of the deck back for 3 s, so keys pressed meanwhile find it missing.
DELAY_REST = """
const fetch1 = window.fetch;
window.fetch = function (url, options) {
  const body = options && typeof options.body === 'string' ? options.body : '';
  if (!body.includes('"present-rest"')) { return fetch1.apply(this, arguments); }
  return new Promise(done => setTimeout(done, 3000)).then(() => fetch1(url, options));
};
"""


def test_a_slide_asked_for_before_the_rest_of_the_deck_came_shows_as_soon_as_it_comes(dash_duo, show):
    script = dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": DELAY_REST})
    try:
        open_deck(dash_duo, show, slide=1)
        press(dash_duo, Keys.ARROW_RIGHT)
        press(dash_duo, "l")
        assert dash_duo.driver.execute_script(
            "return document.getElementById('present-root').getAttribute('data-prefetched')") is None
        assert dash_duo.find_element("#present-number").text == "1"      # slide 2 is not in the page yet
        wait_slide(dash_duo, 2)
        assert title(dash_duo) == DECK.slides[1].title["ru"] and query(dash_duo)["lang"] == "ru"
        loaded(dash_duo)
    finally:
        dash_duo.driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", script)
    assert console_errors(dash_duo) == []


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_pdf_backup_has_one_page_per_slide_with_the_slides_titles_in_the_language(dash_duo, show, lang):
    pypdf = pytest.importorskip("pypdf")
    response = requests.get(f"{show}/present/deck.pdf?deck=default&lang={lang}", timeout=180)
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/pdf"
    pdf = pypdf.PdfReader(io.BytesIO(response.content))
    assert len(pdf.pages) == N
    assert [round(float(v)) for v in pdf.pages[0].mediabox[2:]] == [1440, 810]     # 16:9, 20 × 11.25 in
    for page, slide in zip(pdf.pages, DECK.slides):
        text = " ".join(page.extract_text().split())
        assert slide.title[lang] in text


def walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if hasattr(child, "to_plotly_json"):
            yield from walk(child)


@pytest.fixture()
def add_button(monkeypatch):
    """The header's "add to deck" button: components.header shows it once the shell has it; patched in until then."""
    from dashboard import components, ids
    from dashboard.callbacks import present_header
    if any(getattr(c, "id", None) == ids.PRESENT_ADD for c in walk(components.header("en", "/"))):
        return
    original = components.header

    def header(lang, active):
        tree = original(lang, active)
        tree.children = [*tree.children, present_header.widget(lang)]
        return tree
    monkeypatch.setattr(components, "header", header)


def test_views_added_from_the_header_become_my_deck_which_can_be_reordered_and_presented(dash_duo, show, add_button,
                                                                                          axe_source):
    from browsing import visit
    for path, number in (("/trends", 1), ("/", 2)):
        visit(dash_duo, path, "en")
        dash_duo.find_element("#present-add").click()
        until(lambda: f"slide {number}" in text_of(dash_duo, "#present-add-status"), timeout=10,
              msg=f"{path} was not added")
    visit(dash_duo, "/present", "en")
    until(lambda: len(dash_duo.find_elements(".present-draft-item")) == 2, timeout=10, msg="my deck is not listed")
    assert axe_violations(dash_duo, axe_source) == []                         # the editable list included
    dash_duo.find_elements(".present-draft-move button")[1].click()          # slide 1 ("Trends") down
    until(lambda: text_of(dash_duo, ".present-draft-head strong") == "Overview", timeout=10,
          msg="the slides were not reordered")
    present = dash_duo.find_element(".present-draft .present-links a")
    dash_duo.driver.get(present.get_attribute("href"))
    wait_slide_of(dash_duo, 1, ".geolayer .geo path")
    assert dash_duo.find_element(".present-total").text == "/ 2"
    press(dash_duo, Keys.ARROW_RIGHT)
    wait_slide_of(dash_duo, 2, ".scatterlayer .trace")
    assert console_errors(dash_duo) == []


def text_of(dash_duo, selector: str) -> str:
    """Text of the first match, read in the page (a re-rendered element cannot go stale between find and read)."""
    return dash_duo.driver.execute_script(
        "const e = document.querySelector(arguments[0]); return e ? e.textContent : ''", selector)


def wait_slide_of(dash_duo, number: int, drawn: str) -> None:
    until(lambda: dash_duo.driver.execute_script(
        f"const e = document.getElementById('present-number'); return !!e && e.textContent === '{number}' && "
        f"!!document.querySelector('#present-graph {drawn}')"), timeout=30, msg=f"slide {number} never showed")


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("query", ["", "deck=default", "deck=default&view=speaker"], ids=["desk", "show", "speaker"])
def test_presenter_pages_have_no_serious_accessibility_violation(dash_duo, show, axe_source, query, lang):
    dash_duo.driver.get(f"{show}/present?{query}&lang={lang}")
    dash_duo.wait_for_element("#app-main h1" if not query else "#present-root", timeout=30)
    until(lambda: dash_duo.driver.execute_script("return document.documentElement.lang") == lang, timeout=10)
    if query:
        loaded(dash_duo)                                                   # the page as it stays
    assert axe_violations(dash_duo, axe_source) == []
    assert console_errors(dash_duo) == []
