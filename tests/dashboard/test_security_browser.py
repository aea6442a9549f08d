"""Every page in headless Chromium with the Content-Security-Policy on: it renders (headings, charts, the language
switch's clientside callback) and the browser reports no CSP violation and no console error."""
from __future__ import annotations

import os
import shutil
import threading
import time

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1366,768"]
# Recorded from the first script of every document (DevTools scripts are not subject to the page's CSP).
LISTEN = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
          "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
PAGES = ["/", "/trends", "/country/KAZ", "/coverage", "/sources", "/explorer", "/present"]
GRAPHS = {"/": 2, "/trends": 1, "/country/KAZ": 1, "/coverage": 1}

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:HTTPResponse.getheader:DeprecationWarning"),
              pytest.mark.skipif(
                  not (shutil.which(CHROMIUM) and shutil.which("chromedriver")),
                  reason="not installed: chromium and chromedriver (make browser-deps)")]


@pytest.fixture(scope="module")
def base_url(warehouse):
    saved = os.environ.get("POLICE_DB")
    os.environ["POLICE_DB"] = str(warehouse)
    from dashboard.app import app
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    os.environ.pop("POLICE_DB") if saved is None else os.environ.update(POLICE_DB=saved)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LISTEN})
    yield driver
    driver.quit()


def wait_for(browser, script: str, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = browser.execute_script(script)
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for: {script}")


def problems(browser) -> list[str]:
    """CSP violations and console errors since the page opened."""
    violations = browser.execute_script("return window.__csp || []")
    errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    return violations + errors


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("path", PAGES)
def test_the_page_renders_under_the_csp_without_violations_or_console_errors(base_url, browser, path, lang):
    browser.get(f"{base_url}{path}?lang={lang}")
    wait_for(browser, "return document.querySelector('#app-main h1')")
    wait_for(browser, f"return document.documentElement.lang === '{lang}'")
    if path in GRAPHS:
        wait_for(browser, f"return document.querySelectorAll('.main-svg').length >= {GRAPHS[path]}")
    assert problems(browser) == []


def test_the_language_switch_runs_its_inline_clientside_callback(base_url, browser):
    browser.get(f"{base_url}/sources?lang=en")
    wait_for(browser, "return document.querySelector('#app-lang-ru')")
    browser.find_element("id", "app-lang-ru").click()
    wait_for(browser, "return document.documentElement.lang === 'ru' && location.search.includes('lang=ru')")
    assert problems(browser) == []


def test_the_policy_is_really_enforced_an_unhashed_inline_script_is_blocked_and_reported(base_url, browser):
    browser.get(f"{base_url}/sources")
    wait_for(browser, "return document.querySelector('#app-main h1')")
    browser.execute_script("const s = document.createElement('script'); s.textContent = 'window.__ran = true';"
                           "document.body.appendChild(s);")
    wait_for(browser, "return (window.__csp || []).some(v => v.startsWith('script-src'))")
    assert browser.execute_script("return window.__ran === undefined")
    browser.get_log("browser")  # the refusal is logged too: clear it for the next test
