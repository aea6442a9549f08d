"""API benchmark: time and peak memory to serve the full dataset in each format, and latency percentiles of
/api/v1/observations under 20 concurrent clients against gunicorn on loopback (a typical filter, cached after
its first answer, and a different filter on every request, never cached). Targets: typical p95 < 50 ms,
full XLSX < 2 s. Prints tables; never part of the test run.

Run: `.venv/bin/python -m bench.api [--db PATH] [--clients 20] [--requests 2000]` (default warehouse: POLICE_DB).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ["json", "csv", "parquet", "xlsx"]
TYPICAL = "/api/v1/observations?country=KAZ&country=KGZ&year_from=2010&preferred=false"
# Each format is served in its own process so peak memory (ru_maxrss) belongs to that request alone.
MEASURE = r"""
import json, resource, sys, time
from flask import Flask
from dashboard import api
server = Flask("bench")
api.register(server)
client = server.test_client()
client.get("/healthz")  # open the warehouse first: the connection is not part of serving a file
t0 = time.perf_counter(); client.get("/api/v1/observations?country=KAZ"); t_small = time.perf_counter() - t0
url = sys.argv[1]
def fetch(url):  # read the body as a client would, block by block: a large file is never whole in memory here
    resp = client.get(url, buffered=False)
    n = sum(len(block) for block in resp.response)
    resp.close()
    return resp, n
t0 = time.perf_counter(); cold, n = fetch(url); t_cold = time.perf_counter() - t0
t0 = time.perf_counter(); warm, _ = fetch(url); t_warm = time.perf_counter() - t0
assert cold.status_code == warm.status_code == 200, cold.status_code
print(json.dumps({"small": t_small, "cold": t_cold, "warm": t_warm, "bytes": n,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def full_dataset(env: dict, formats: list[str]) -> list[dict]:
    urls = {fmt: f"/api/v1/observations?preferred=false&format={fmt}" for fmt in formats if fmt in FORMATS}
    if "zip" in formats:
        urls["zip package"] = "/download/package.zip"
    out = []
    for name, url in urls.items():
        res = subprocess.run([sys.executable, "-c", MEASURE, url], env=env, cwd=ROOT, capture_output=True,
                             text=True, check=True)
        out.append({"format": name, **json.loads(res.stdout.strip().splitlines()[-1])})
    return out


def free_port(ports=range(8160, 8170)) -> int:
    """The first free port of `ports` (a fixed range, so that benchmarks do not take ports others use)."""
    for port in ports:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {ports}")


def start_gunicorn(env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "--bind", f"127.0.0.1:{port}",
                             "--config", "dashboard/gunicorn_conf.py", "--access-logfile", "/dev/null",
                             "dashboard.app:server"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if requests.get(base + "/healthz", timeout=5).status_code == 200:
                return proc, base
        except requests.RequestException:  # not listening yet, or the worker is still importing the app
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("gunicorn did not answer /healthz within 30 s")


def varied_urls(n: int, seed: int = 7) -> list[str]:
    """A different filter each time (random countries and years): every request misses the caches."""
    rng = random.Random(seed)
    codes = ["ALB", "AUT", "CAN", "DEU", "FIN", "FRA", "GBR", "GEO", "KAZ", "KGZ", "LTU", "NLD", "POL", "USA"]
    return [f"/api/v1/observations?{'&'.join('country=' + c for c in rng.sample(codes, 3))}"
            f"&year_from={rng.randint(2003, 2012)}&year_to={rng.randint(2013, 2026)}" for _ in range(n)]


def load(base: str, urls: list[str], clients: int) -> dict:
    """`clients` threads, each with its own connection, share the URLs; latency of every request in ms."""
    latencies: list[float] = []
    lock = threading.Lock()
    chunks = [urls[i::clients] for i in range(clients)]

    def client(chunk):
        session = requests.Session()
        mine = []
        for url in chunk:
            t0 = time.perf_counter()
            r = session.get(base + url, timeout=30)
            mine.append((time.perf_counter() - t0) * 1000)
            r.raise_for_status()
        with lock:
            latencies.extend(mine)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client, args=(c,)) for c in chunks]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t0
    q = statistics.quantiles(latencies, n=100)
    return {"n": len(latencies), "p50": q[49], "p95": q[94], "p99": q[98], "max": max(latencies),
            "rps": len(latencies) / wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=os.environ.get("POLICE_DB", str(ROOT / "data" / "warehouse.duckdb")))
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--formats", default=",".join(FORMATS + ["zip"]),
                        help="full-dataset files to measure (XLSX holds at most 1,048,576 rows: skip it above)")
    parser.add_argument("--skip-load", action="store_true", help="only the full-dataset table")
    args = parser.parse_args()
    env = {**os.environ, "POLICE_DB": args.db, "PYTHONPATH": str(ROOT)}
    console = Console()
    console.print(f"cores: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.1f}")

    table = Table(title=f"Full dataset per format ({args.db})")
    for col in ("format", "first small answer ms", "first answer ms", "cached answer ms", "size KB", "peak MB"):
        table.add_column(col, justify="right" if col != "format" else "left")
    for row in full_dataset(env, args.formats.split(",")):
        table.add_row(row["format"], f"{row['small'] * 1000:.0f}", f"{row['cold'] * 1000:.0f}",
                      f"{row['warm'] * 1000:.1f}", f"{row['bytes'] / 1024:.0f}", f"{row['peak_mb']:.0f}")
    console.print(table)
    if args.skip_load:
        return
    proc, base = start_gunicorn(env)
    try:
        runs = {"typical filter (cached after first)": [TYPICAL] * args.requests,
                "a new filter every request (uncached)": varied_urls(args.requests)}
        table = Table(title=f"/api/v1/observations, {args.clients} concurrent clients, gunicorn on loopback")
        for col in ("load", "requests", "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s"):
            table.add_column(col, justify="right" if col != "load" else "left")
        load(base, varied_urls(200, seed=1), args.clients)  # warm-up, not measured: every worker opens the file
        for name, urls in runs.items():
            r = load(base, urls, args.clients)
            table.add_row(name, str(r["n"]), f"{r['p50']:.1f}", f"{r['p95']:.1f}", f"{r['p99']:.1f}",
                          f"{r['max']:.0f}", f"{r['rps']:.0f}")
        console.print(table)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        console.print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
