"""Page weight and first paint, cold and warm: for the overview and the presenter link, the bytes on the wire and
the time to the first chart in headless Chromium against gunicorn, with a new browser (cold) and on a return
visit in the same browser (warm); and how each file of a return visit was served (browser cache, 304, or sent
again) with its Cache-Control. Tables only; never a timed test.

Builds on bench/dashboard.py (its gunicorn, Chromium and chart clock), which measures the first view of every
page; this adds the return visit and the caching of each file.
Run: `.venv/bin/python -m bench.perf_page [--db PATH] [--runs 3]`.
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from urllib.parse import urlsplit

from rich.console import Console
from rich.table import Table

from bench import dashboard as first_view

PAGES = ["/", "/present?deck=default"]
TARGET_BYTES, TARGET_FIRST_CHART_S = 1.5e6, 1.5
CONSOLE = Console(width=200)


def served(network: list[dict]) -> list[dict]:
    """Per finished request: url, status, how it was served, Cache-Control, bytes on the wire (headers included)."""
    by_id: dict[str, dict] = {}
    for entry in network:
        msg = json.loads(entry["message"])["message"]
        params, method = msg.get("params", {}), msg["method"]
        if method == "Network.responseReceived":
            response = params["response"]
            headers = {k.lower(): v for k, v in response["headers"].items()}
            by_id.setdefault(params["requestId"], {}).update(
                url=response["url"], status=response["status"], cache_control=headers.get("cache-control", "-"),
                cached=response.get("fromDiskCache") or response.get("fromPrefetchCache") or False)
        elif method == "Network.requestServedFromCache":
            by_id.setdefault(params["requestId"], {})["cached"] = True
        elif method == "Network.loadingFinished":
            by_id.setdefault(params["requestId"], {})["bytes"] = int(params["encodedDataLength"])
    rows = [r for r in by_id.values() if "url" in r and not r["url"].startswith("data:")]
    for r in rows:
        r.setdefault("bytes", 0)
        # A memory-cache hit has no bytes on the wire and no requestServedFromCache event in every version.
        cached = r.get("cached") or (r["status"] == 200 and r["bytes"] == 0)
        r["how"] = "browser cache" if cached else "304 revalidated" if r["status"] == 304 else "sent"
    return rows


def prime(base: str) -> None:
    """Steady state first: each worker compresses a component or vendor file (plotly.js) at brotli 5 on its first
    request and swaps in brotli 11 (from the machine's store) right after; request the large ones enough to reach
    every worker."""
    import requests
    driver = first_view.chromium()
    try:
        rows = served(first_view.load(driver, base + PAGES[0])["network"])
    finally:
        driver.quit()
    large = [r["url"] for r in rows
             if r["bytes"] > 100_000 and ("/_dash-component-suites/" in r["url"] or "/assets/vendor/" in r["url"])]
    for _ in range(8):
        for url in large:
            requests.get(url, headers={"Accept-Encoding": "br"}, timeout=60)
    time.sleep(1)


def measure(base: str, path: str, runs: int) -> dict:
    """Cold: a new browser per run. Warm: the same page again in that browser (a return visit)."""
    cold, warm = [], []
    for _ in range(runs):
        driver = first_view.chromium()
        try:
            cold.append(first_view.load(driver, base + path))
            warm.append(first_view.load(driver, base + path))
        finally:
            driver.quit()
    return {"cold": cold, "warm": warm}


def weight_table(results: dict[str, dict], runs: int) -> Table:
    table = Table(title=f"Page weight and time to the first chart (gunicorn on loopback, median of {runs} runs)")
    for col in ("page", "cold KB", "cold first chart s", "warm KB", "warm first chart s", "requests cold / warm",
                f"cold < {TARGET_BYTES / 1e6:.1f} MB and < {TARGET_FIRST_CHART_S} s"):
        table.add_column(col, justify="left" if col == "page" else "right")
    for path, r in results.items():
        cold_kb = statistics.median(sum(x["bytes"] for x in served(run["network"])) for run in r["cold"]) / 1024
        warm_kb = statistics.median(sum(x["bytes"] for x in served(run["network"])) for run in r["warm"]) / 1024
        cold_s = statistics.median(run["first"] for run in r["cold"])
        warm_s = statistics.median(run["first"] for run in r["warm"])
        n = f"{len(served(r['cold'][0]['network']))} / {len(served(r['warm'][0]['network']))}"
        ok = cold_kb * 1024 < TARGET_BYTES and cold_s < TARGET_FIRST_CHART_S
        table.add_row(path, f"{cold_kb:.0f}", f"{cold_s:.2f}", f"{warm_kb:.0f}", f"{warm_s:.2f}", n,
                      "yes" if ok else "NO")
    return table


def return_visit_table(path: str, rows: list[dict]) -> Table:
    table = Table(title=f"Return visit to {path}: how each file came")
    for col in ("file", "how", "status", "Cache-Control", "bytes"):
        table.add_column(col, justify="right" if col == "bytes" else "left")
    for r in sorted(rows, key=lambda r: (r["how"], -r["bytes"])):
        parts = urlsplit(r["url"])
        name = parts.path + ("?" + parts.query if parts.query and not parts.path.startswith("/_dash-update") else "")
        table.add_row(name[-80:], r["how"], str(r["status"]), r["cache_control"], str(r["bytes"]))
    return table


def cold_table(path: str, rows: list[dict]) -> Table:
    table = Table(title=f"First visit to {path}: the largest files on the wire")
    for col in ("file", "KB"):
        table.add_column(col, justify="right" if col == "KB" else "left")
    for r in sorted(rows, key=lambda r: -r["bytes"])[:8]:
        table.add_row(urlsplit(r["url"]).path[-80:], f"{r['bytes'] / 1024:.0f}")
    return table


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing warehouse (default: the bundled data built into a temp folder)")
    parser.add_argument("--runs", type=int, default=3, help="cold loads per page, each followed by a return visit")
    args = parser.parse_args(argv)
    db = first_view.warehouse(args.db)
    port = first_view.free_port()
    server = first_view.serve(db, port)
    try:
        base = f"http://127.0.0.1:{port}"
        prime(base)
        results = {path: measure(base, path, args.runs) for path in PAGES}
    finally:
        server.terminate()
        server.wait(timeout=10)
    CONSOLE.print(weight_table(results, args.runs))
    for path, r in results.items():
        CONSOLE.print(cold_table(path, served(r["cold"][-1]["network"])))
        CONSOLE.print(return_visit_table(path, served(r["warm"][-1]["network"])))


if __name__ == "__main__":
    main()
