"""Small steps the browser tests share: open a page and wait until Dash is idle, run axe-core, read the console."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from dash.testing.wait import until

IMPACTS_THAT_FAIL = ("serious", "critical")
# Findings inside Dash's own components that are not defects, each (axe rule, text of the node's HTML) and why.
# Keep this short: a real problem must be fixed, not listed.
UPSTREAM_FALSE_POSITIVES = {
    ("aria-hidden-focus", 'class="dash-dropdown-focus-target"'):
        "dcc.Dropdown (Dash 4.4.1) renders an aria-hidden <input> as a focus proxy that hands focus to the "
        "labelled dropdown button at once, so focus never rests on a hidden element "
        "(test_browser_views checks this hand-over).",
}
AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
   .then(result => done(result.violations), error => done([{id: 'axe-error', impact: 'critical',
                                                            help: String(error), nodes: []}]));
"""
# Dash is idle when no callback is pending and every graph has drawn its SVG.
IDLE = """
const state = window.store && window.store.getState();
if (!state) { return false; }
const pending = Object.entries(state.callbacks || {})
    .filter(([kind]) => kind !== 'stored' && kind !== 'completed')
    .reduce((n, [, list]) => n + list.length, 0);
const graphs = Array.from(document.querySelectorAll('.dash-graph'));
const drawn = graphs.every(g => g.querySelector('.main-svg'));
return pending === 0 && drawn && !document.querySelector('[data-dash-is-loading="true"]');
"""


def start(dash_duo, app) -> None:
    """Serve the app as in production: no debug mode, no reloader (DASH_DEBUG=0 would read as true to Dash)."""
    dash_duo.start_server(app, navigate=False, debug=False, use_reloader=False)


def url(dash_duo, path: str, lang: str | None = None) -> str:
    """The server's address for `path`, with ?lang= added when given."""
    sep = "&" if "?" in path else "?"
    return dash_duo.server.url + path + (f"{sep}lang={lang}" if lang else "")


def wait_idle(dash_duo, timeout: float = 20) -> None:
    until(lambda: dash_duo.driver.execute_script(IDLE), timeout=timeout, msg="Dash did not become idle")


def visit(dash_duo, path: str, lang: str | None = None) -> None:
    """Open a page and wait until its heading is there, the document language is set and Dash is idle."""
    dash_duo.driver.get(url(dash_duo, path, lang))
    dash_duo.wait_for_element("#app-main h1", timeout=20)
    if lang:
        until(lambda: dash_duo.driver.execute_script("return document.documentElement.lang") == lang,
              timeout=10, msg=f"<html lang> never became {lang}")
    wait_idle(dash_duo)


def real_nodes(violation: dict) -> list[dict]:
    """The violation's nodes, without those matching a listed upstream false positive."""
    return [node for node in violation["nodes"]
            if not any(rule == violation["id"] and text in node.get("html", "")
                       for rule, text in UPSTREAM_FALSE_POSITIVES)]


def axe_violations(dash_duo, axe_source: str) -> list[str]:
    """Serious and critical axe-core violations of the current page, one readable line each."""
    driver = dash_duo.driver
    driver.set_script_timeout(60)
    driver.execute_script(axe_source)
    found = []
    for violation in driver.execute_async_script(AXE_RUN):
        nodes = real_nodes(violation) if violation["nodes"] else [{"target": []}]
        if violation.get("impact") in IMPACTS_THAT_FAIL and nodes:
            found.append(f"{violation['impact']} {violation['id']}: {violation['help']} "
                         f"at {[n['target'] for n in nodes][:5]}")
    return found


def console_errors(dash_duo) -> list[str]:
    """Console entries of level SEVERE since the browser started (dash_duo collects only those), first lines."""
    return [entry["message"].splitlines()[0] for entry in dash_duo.get_logs()]


def current_query(dash_duo) -> dict[str, str]:
    """The browser's current URL query as a dict."""
    return dict(parse_qsl(urlsplit(dash_duo.driver.current_url).query))
