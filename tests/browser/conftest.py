"""Browser tests: dash_duo in Debian's headless Chromium, against the app serving the test warehouse; axe-core."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from selenium.webdriver.chrome.options import Options

ROOT = Path(__file__).resolve().parent.parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
HEADLESS_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
]
WINDOW = "--window-size=1366,768"


def pytest_configure(config):
    # selenium 4.2 (the version dash[testing] brings) calls a urllib3 API deprecated since urllib3 2.0.
    config.addinivalue_line("filterwarnings", "ignore:HTTPResponse.getheader:DeprecationWarning:selenium")


def pytest_setup_options():
    """dash.testing's hook: the Chrome options its Browser starts with (ours: Debian's Chromium, headless)."""
    options = Options()
    options.binary_location = CHROMIUM
    for flag in HEADLESS_FLAGS + [WINDOW]:
        options.add_argument(flag)
    return options


def pytest_collection_modifyitems(config, items):
    """Browser tests need Chromium and its driver: skip them, saying why, where they are missing."""
    missing = [name for name in (CHROMIUM, "chromedriver") if shutil.which(name) is None]
    if not missing:
        return
    skip = pytest.mark.skip(reason=f"not installed: {', '.join(missing)} (make browser-deps)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def app(warehouse):
    """The dashboard app reading the test warehouse.

    It is the module-level `dashboard.app.app`, not a second create_app(): Dash hands the callbacks that
    pages register with @callback to the first app that serves a request, so the whole test session
    must serve one app object.
    """
    saved = os.environ.get("POLICE_DB")
    os.environ["POLICE_DB"] = str(warehouse)
    from dashboard.app import app as dash_app
    yield dash_app
    if saved is None:
        os.environ.pop("POLICE_DB", None)
    else:
        os.environ["POLICE_DB"] = saved


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.skip(f"{AXE.relative_to(ROOT)} missing: run `npm ci` (make browser-deps)")
    return AXE.read_text(encoding="utf-8")
