"""Audience scale: gunicorn as the Procfile runs it (and, with --nginx, two instances behind nginx sharing Redis)
under 300 simulated people who each open the presenter link and the overview within 60 s -> requests/s,
p50/p95/p99, errors and peak memory per worker, printed as tables.

Each person replays what a new visitor's browser requests (recorded once in headless Chromium: HTML, every
script and style, layout, dependencies, the first callbacks), with locust, on loopback, once.

Run: `.venv/bin/python -m bench.perf_load [--db PATH] [--users 300] [--seconds 60] [--nginx]`.
locust lives in its own virtualenv (it pins other Flask versions): `python3 -m venv /opt/locust &&
/opt/locust/bin/pip install locust`; set LOCUST to its path if it is elsewhere. Never a timed test.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import requests
from rich.console import Console
from rich.table import Table

from bench.dashboard import chromium

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"presenter": "/present?deck=default", "overview": "/"}
LOCUST = os.environ.get("LOCUST", "/opt/locust/bin/locust")
TARGET_P95_MS = 1000
PORT, NGINX_PORT = 8085, 8080
# Dash is idle when no callback is pending and every graph has drawn (as tests/browser/browsing.py waits).
IDLE = """
const state = window.store && window.store.getState();
if (!state) { return false; }
const pending = Object.entries(state.callbacks || {}).filter(([kind]) => kind !== 'stored' && kind !== 'completed')
    .reduce((n, [, list]) => n + list.length, 0);
return pending === 0 && Array.from(document.querySelectorAll('.dash-graph')).every(g => g.querySelector('.main-svg'));
"""
CONSOLE = Console(width=200)


# --- servers ---

def gunicorn(db: Path, port: int, folder: Path) -> subprocess.Popen:
    """The Procfile's web command on loopback (its own control socket: the default one is machine-wide)."""
    env = {**os.environ, "POLICE_DB": str(db)}
    env.pop("REDIS_URL", None)
    with open(folder / f"gunicorn-{port}.log", "wb") as log:  # the child keeps its own copy of the descriptor
        return subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "--bind", f"127.0.0.1:{port}",
                                 "--config", "dashboard/gunicorn_conf.py", "--control-socket",
                                 str(folder / f"gunicorn-{port}.ctl"), "dashboard.app:server"],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_ready(base: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/healthz", timeout=10).status_code == 200:
                return
        except requests.RequestException:  # not listening yet
            pass
        time.sleep(0.3)
    raise SystemExit(f"{base} did not answer /healthz within {timeout:.0f} s")


def deploy(action: str, db: Path | None, folder: Path) -> None:
    args = [str(ROOT / "deploy" / "two_instances.sh"), action] + ([str(db)] if db else [])
    subprocess.run(args, check=True, env={**os.environ, "RUN_DIR": str(folder / "deploy")})


# --- recording what a browser asks for ---

def record(base: str) -> dict:
    """For each page, in a new browser (empty cache): every same-origin request in the order it was sent."""
    from dash.testing.wait import until
    pages = []
    for name, path in PAGES.items():
        driver = chromium()  # bench/dashboard.py's: same flags, performance log, network events on
        try:
            driver.get(base + path)
            until(lambda d=driver: d.execute_script(IDLE), timeout=60)
            time.sleep(1)  # requests the drawing starts (topojson, async chunks)
            pages.append({"name": name, "path": path, "requests": sent(driver.get_log("performance"), base)})
        finally:
            driver.quit()
    return {"base": base, "pages": pages}


def sent(log: list[dict], base: str) -> list[dict]:
    out = []
    for entry in log:
        msg = json.loads(entry["message"])["message"]
        if msg["method"] != "Network.requestWillBeSent":
            continue
        req = msg["params"]["request"]
        if not req["url"].startswith(base):
            continue
        body = req.get("postData")
        out.append({"method": req["method"], "url": req["url"][len(base):], "body": body,
                    "output": json.loads(body).get("output", "") if body else ""})
    return out


# --- load ---

def sample_memory(master: int, stop: threading.Event, peaks: dict) -> None:
    """Peak RSS (MB) of each gunicorn worker of `master`, every 0.5 s until `stop`."""
    while not stop.is_set():
        try:
            for child in psutil.Process(master).children():
                peaks[child.pid] = max(peaks.get(child.pid, 0), child.memory_info().rss / 1e6)
        except psutil.NoSuchProcess:
            return
        stop.wait(0.5)


def locust(base: str, visits: Path, users: int, seconds: int, folder: Path, label: str) -> Path:
    prefix = folder / label
    spawn_rate = users / seconds
    with open(folder / f"{label}-locust.log", "w") as log:
        subprocess.run([LOCUST, "-f", str(ROOT / "bench" / "perf_locust.py"), "--headless", "--only-summary",
                        "-u", str(users), "-r", f"{spawn_rate:.3f}", "-t", f"{seconds + 20}s", "--host", base,
                        "--csv", str(prefix), "--loglevel", "WARNING"],
                       check=False, env={**os.environ, "VISITS": str(visits)}, cwd=folder,
                       stdout=subprocess.DEVNULL, stderr=log)
    return Path(f"{prefix}_stats.csv")


def stats(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def run_load(label: str, base: str, masters: list[int], visits: Path, users: int, seconds: int, folder: Path) -> dict:
    peaks, stop = {}, threading.Event()
    samplers = [threading.Thread(target=sample_memory, args=(m, stop, peaks)) for m in masters]
    for s in samplers:
        s.start()
    t0 = time.monotonic()
    rows = stats(locust(base, visits, users, seconds, folder, label))
    wall = time.monotonic() - t0
    stop.set()
    for s in samplers:
        s.join()
    return {"label": label, "rows": rows, "wall": wall, "workers": sorted(peaks.values())}


# --- tables ---

def summary_table(results: list[dict], users: int, seconds: int) -> Table:
    table = Table(title=f"Audience: {users} people over {seconds} s, each opening the presenter link then the "
                        f"overview with an empty cache (cores: {os.cpu_count()})")
    for col in ("setup", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "visits done",
                "peak RSS per worker MB", f"p95 < {TARGET_P95_MS} ms, no errors"):
        table.add_column(col, justify="left" if col == "setup" else "right")
    for r in results:
        agg = next(row for row in r["rows"] if row["Name"] == "Aggregated")
        done = sum(int(row["Request Count"]) for row in r["rows"] if row["Name"] == last_request_name(r["rows"]))
        errors = int(agg["Failure Count"])
        ok = float(agg["95%"]) < TARGET_P95_MS and errors == 0
        table.add_row(r["label"], agg["Request Count"], f"{float(agg['Requests/s']):.1f}", agg["50%"], agg["95%"],
                      agg["99%"], f"{float(agg['Max Response Time']):.0f}", str(errors), str(done),
                      ", ".join(f"{mb:.0f}" for mb in r["workers"]), "yes" if ok else "NO")
    return table


def last_request_name(rows: list[dict]) -> str:
    overview = [row["Name"] for row in rows if row["Name"].startswith("overview: callback")]
    return max(overview, default="")


def kinds_table(result: dict) -> Table:
    table = Table(title=f"{result['label']}: by kind of request (ms)")
    for col in ("request", "count", "p50", "p95", "p99", "errors"):
        table.add_column(col, justify="left" if col == "request" else "right")
    for row in result["rows"]:
        if row["Name"] != "Aggregated":
            table.add_row(row["Name"], row["Request Count"], row["50%"], row["95%"], row["99%"], row["Failure Count"])
    return table


def warehouse(path: str | None, folder: Path) -> Path:
    if path:
        return Path(path)
    from etl.build import build
    target = folder / "warehouse.duckdb"
    build(live=target)
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="warehouse to serve (default: the bundled data built into a temp folder)")
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--seconds", type=int, default=60, help="window in which the people arrive")
    parser.add_argument("--nginx", action="store_true", help="also through nginx + two instances + Redis")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder (logs, locust CSVs)")
    args = parser.parse_args(argv)
    if not Path(LOCUST).exists():
        raise SystemExit(f"locust not found at {LOCUST}: python3 -m venv /opt/locust && /opt/locust/bin/pip install "
                         "locust (or set LOCUST)")
    folder = Path(tempfile.mkdtemp(prefix="perf-load-"))
    folder.chmod(0o755)  # nginx's workers (another user) keep their cache under it
    db = warehouse(args.db, folder)
    CONSOLE.print(f"cores: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.1f}, folder {folder}")
    results = []
    server = gunicorn(db, PORT, folder)
    try:
        base = f"http://127.0.0.1:{PORT}"
        wait_ready(base)
        visits = folder / "visits.json"
        visits.write_text(json.dumps(record(base)), encoding="utf-8")
        results.append(run_load("gunicorn (Procfile settings)", base, [server.pid], visits, args.users, args.seconds,
                                folder))
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.nginx:
        deploy("start", db, folder)
        try:
            pids = [int((folder / "deploy" / f"{name}.pid").read_text()) for name in ("a", "b")]
            results.append(run_load("nginx + 2 instances + Redis", f"http://127.0.0.1:{NGINX_PORT}", pids, visits,
                                    args.users, args.seconds, folder))
        finally:
            deploy("stop", None, folder)
    CONSOLE.print(summary_table(results, args.users, args.seconds))
    for r in results:
        CONSOLE.print(kinds_table(r))
    CONSOLE.print(f"load average at end: {os.getloadavg()[0]:.1f}")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
