"""Dashboard benchmark: server time per callback (p50/p95), bytes of the first view, time to the first chart.

Run: `.venv/bin/python -m bench.dashboard [--calls 200] [--cold 3] [--warm 5] [--db PATH]`. Without --db the
bundled data is built into a temp folder; the default warehouse is never touched. Prints tables; it never
fails on a slow result (targets are shown next to the numbers). See bench/README.md.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["/", "/trends", "/country/KAZ", "/coverage", "/sources"]
CHART_PAGES = ["/", "/trends"]
TARGET_P95_MS, TARGET_FIRST_CHART_S, TARGET_BYTES = 50.0, 2.0, 1.5e6
SHELL = {"app-url", "app-lang", "app-title", "app-page"}
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-first-run", "--window-size=1366,768"]
# Injected before any page script: note when the first and when every plotly graph has drawn a trace.
CHART_CLOCK = """
window.__charts = {first: null, all: null};
new MutationObserver(() => {
  const graphs = Array.from(document.querySelectorAll('.js-plotly-plot'));
  const drawn = graphs.filter(g => g.querySelector('.trace'));
  if (drawn.length && window.__charts.first === null) { window.__charts.first = performance.now(); }
  if (graphs.length && drawn.length === graphs.length && window.__charts.all === null) {
    window.__charts.all = performance.now();
  }
}).observe(document, {childList: true, subtree: true});
"""
CONSOLE = Console()


# --- server time per callback (in-process, Flask test client, same JSON the browser posts) ---

def walk_props(node, found: dict) -> None:
    """Collect {(id, prop): value} from a serialised Dash component tree."""
    if isinstance(node, list):
        for child in node:
            walk_props(child, found)
    elif isinstance(node, dict) and "props" in node:
        props = node["props"]
        if isinstance(props.get("id"), str):
            found.update({(props["id"], k): v for k, v in props.items()})
        walk_props(props.get("children"), found)


def payload(cb: dict, values: dict, changed: dict) -> dict:
    from dash._utils import split_callback_id

    def items(deps):
        return [{**d, "value": values.get((d["id"], d["property"]))} for d in deps]
    return {"output": cb["output"], "outputs": split_callback_id(cb["output"]), "inputs": items(cb["inputs"]),
            "state": items(cb["state"]), "changedPropIds": [f"{changed['id']}.{changed['property']}"]}


def page_callbacks(client, deps: list[dict], path: str) -> list[tuple[str, dict]]:
    """(label, request body) for the route callback of `path` and every server callback its controls drive."""
    # The bare address, as a first visit has it (default language, default view).
    values = {("app-url", "pathname"): path, ("app-url", "search"): "", ("app-lang", "data"): "en"}
    route = next(cb for cb in deps if "app-page.children" in cb["output"])
    body = payload(route, values, route["inputs"][0])
    calls = [(f"{path} route", body)]
    response = client.post("/_dash-update-component", json=body)
    if response.status_code != 200:
        return calls  # the table shows the route's failing status; the page's controls are unknown
    walk_props(response.get_json()["response"]["app-page"]["children"], values)
    page_ids = {key[0] for key in values} - SHELL
    for cb in deps:
        ids = [d["id"] for d in cb["inputs"] + cb["state"]]
        driven = [d for d in cb["inputs"] if isinstance(d["id"], str) and d["id"] in page_ids]
        if cb.get("clientside_function") or not driven:
            continue
        if not all(isinstance(i, str) and (i in page_ids or i in SHELL) for i in ids):
            continue  # pattern-matching ids, or inputs that live on another page
        calls.append((f"{path} {driven[0]['id']}.{driven[0]['property']} -> {outputs_label(cb['output'])}",
                      payload(cb, values, driven[0])))
    return calls


def outputs_label(output: str) -> str:
    """'..a.figure@x...b.children..' -> 'a.figure +1' (allow_duplicate hashes dropped)."""
    first, *rest = output.strip(".").split("...")
    return first.split("@")[0] + (f" +{len(rest)}" if rest else "")


def time_callbacks(n_calls: int) -> Table:
    import gc

    from dashboard.app import app
    client = app.server.test_client()
    client.get("/")  # start-up done, as in a gunicorn worker, whose post_worker_init then freezes it:
    gc.freeze()      # dashboard/gunicorn_conf.py
    deps = client.get("/_dash-dependencies").get_json()
    table = Table(title=f"Server time per callback ({n_calls} calls each, in-process, Accept-Encoding: br)")
    for col in ("callback", "status", "p50 ms", "p95 ms", f"p95 < {TARGET_P95_MS:.0f} ms"):
        table.add_column(col, justify="left" if col == "callback" else "right")
    for path in PAGES:
        for label, body in page_callbacks(client, deps, path):
            times, status = [], None
            for _ in range(n_calls):
                t0 = time.perf_counter()
                status = client.post("/_dash-update-component", json=body,
                                     headers={"Accept-Encoding": "br, gzip"}).status_code
                times.append((time.perf_counter() - t0) * 1000)
            p50, p95 = statistics.median(times), statistics.quantiles(times, n=20)[18]
            table.add_row(label, str(status), f"{p50:.1f}", f"{p95:.1f}", "yes" if p95 < TARGET_P95_MS else "NO")
    return table


# --- first view in headless Chromium against gunicorn (as `make run` serves it) ---

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "POLICE_DB": str(db)}
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--config",
                             "dashboard/gunicorn_conf.py", "dashboard.app:server"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import requests
    for _ in range(100):
        try:
            if requests.get(f"http://127.0.0.1:{port}/", timeout=1).ok:
                return proc
        except requests.RequestException:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("gunicorn did not answer within 20 s")


def chromium():
    from selenium import webdriver
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CHART_CLOCK})
    return driver


def load(driver, url: str, timeout: float = 30) -> dict:
    """Open `url`, wait until every graph has drawn, return the chart times (s) and the network log."""
    driver.get_log("performance")  # drop entries of earlier loads
    driver.get(url)
    deadline = time.time() + timeout
    charts = {}
    while time.time() < deadline:
        charts = driver.execute_script("return window.__charts") or {}
        if charts.get("all") is not None:
            break
        time.sleep(0.05)
    time.sleep(0.5)  # let requests started by the drawing (async chunks, topojson) finish
    return {"first": (charts.get("first") or float("nan")) / 1000, "all": (charts.get("all") or float("nan")) / 1000,
            "network": driver.get_log("performance")}


def transferred(network: list[dict]) -> list[tuple[str, str, int]]:
    """(url, content-encoding, bytes on the wire incl. headers) per finished request, from CDP Network events."""
    import json
    urls, encodings, done = {}, {}, []
    for entry in network:
        msg = json.loads(entry["message"])["message"]
        params = msg.get("params", {})
        if msg["method"] == "Network.responseReceived":
            headers = {k.lower(): v for k, v in params["response"]["headers"].items()}
            urls[params["requestId"]] = params["response"]["url"]
            encodings[params["requestId"]] = headers.get("content-encoding", "-")
        elif msg["method"] == "Network.loadingFinished":
            done.append((params["requestId"], int(params["encodedDataLength"])))
    return [(urls[r], encodings.get(r, "-"), n) for r, n in done if r in urls and not urls[r].startswith("data:")]


def first_view(db: Path, n_cold: int, n_warm: int) -> list[Table]:
    port = free_port()
    server = serve(db, port)
    try:
        times = Table(title=f"Time to charts drawn, headless Chromium, gunicorn ({n_cold} cold, {n_warm} warm runs)")
        for col in ("page", "cold first s", "cold all s", "warm first s", "warm all s",
                    f"cold first < {TARGET_FIRST_CHART_S:.0f} s"):
            times.add_column(col, justify="left" if col == "page" else "right")
        resources = None
        for path in CHART_PAGES:
            cold, warm = [], []
            for _ in range(n_cold):
                driver = chromium()  # a new browser: empty cache
                try:
                    cold.append(load(driver, f"http://127.0.0.1:{port}{path}"))
                    warm += [load(driver, f"http://127.0.0.1:{port}{path}") for _ in range(n_warm)]
                finally:
                    driver.quit()
            resources = resources or bytes_table(path, transferred(cold[0]["network"]))
            cf, ca = statistics.median(r["first"] for r in cold), statistics.median(r["all"] for r in cold)
            wf, wa = statistics.median(r["first"] for r in warm), statistics.median(r["all"] for r in warm)
            times.add_row(path, f"{cf:.2f}", f"{ca:.2f}", f"{wf:.2f}", f"{wa:.2f}",
                          "yes" if cf < TARGET_FIRST_CHART_S else "NO")
        return [resources, times]
    finally:
        server.terminate()
        server.wait(timeout=10)


def bytes_table(path: str, rows: list[tuple[str, str, int]]) -> Table:
    from urllib.parse import urlsplit
    table = Table(title=f"Bytes transferred for the first view of {path} (cold cache, headers included)")
    for col in ("resource", "encoding", "KB"):
        table.add_column(col, justify="right" if col == "KB" else "left")
    for url, encoding, n in sorted(rows, key=lambda r: -r[2]):
        table.add_row(urlsplit(url).path[-70:], encoding, f"{n / 1024:.1f}")
    total = sum(n for _, _, n in rows)
    verdict = "yes" if total < TARGET_BYTES else "NO"
    table.add_row(f"TOTAL ({len(rows)} requests; < {TARGET_BYTES / 1e6:.1f} MB: {verdict})", "", f"{total / 1024:.1f}")
    return table


def warehouse(path: str | None) -> Path:
    if path:
        return Path(path)
    from etl.build import build
    target = Path(tempfile.mkdtemp(prefix="bench-dashboard-")) / "warehouse.duckdb"
    build(live=target)
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200, help="requests per callback (default 200)")
    parser.add_argument("--cold", type=int, default=3, help="cold page loads per page, each in a new browser")
    parser.add_argument("--warm", type=int, default=5, help="warm reloads after each cold load")
    parser.add_argument("--db", help="an existing warehouse file (default: build the bundle into a temp folder)")
    parser.add_argument("--skip-browser", action="store_true", help="only the callback timings")
    args = parser.parse_args(argv)
    db = warehouse(args.db)
    os.environ["POLICE_DB"] = str(db)
    CONSOLE.print(time_callbacks(args.calls))
    if not args.skip_browser:
        for table in first_view(db, args.cold, args.warm):
            CONSOLE.print(table)


if __name__ == "__main__":
    main()
