"""gunicorn (production config) under 20 concurrent clients while the warehouse is rebuilt 5 times and two more
builds are SIGKILLed: no request fails, and each finished rebuild's build id is what the server then serves."""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from served import ROOT, Load, Server

REBUILDS = 5
KILLED_BUILDS = 2
SETTLE_SECONDS = 2  # load before the first and after the last rebuild


def tiny_submission(folder: Path, n: int) -> None:
    """One valid row, different each time, so that each rebuild has a new build id."""
    (folder / f"reliability-{n}.csv").write_text(
        "country,year,indicator,value,unit,scope,flags,source_title,source_url,note\n"
        f"DEU,2010,police_per_100k,{300 + n},per_100k,police_officers,,Reliability test {n},,SYNTHETIC test row\n",
        encoding="utf-8")


def build(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", "build"], cwd=ROOT, env={**os.environ, **env}, check=False,
                          capture_output=True, text=True, timeout=300)


def live_build_id(path: Path) -> str:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT build_id FROM build").fetchone()[0]
    finally:
        con.close()


def served_everywhere(server: Server, build_id: str, timeout: float = 15) -> bool:
    """True once 10 answers in a row (spread over the workers) carry `build_id`."""
    deadline, streak = time.monotonic() + timeout, 0
    while time.monotonic() < deadline and streak < 10:
        streak = streak + 1 if server.build_id() == build_id else 0
        time.sleep(0.05)
    return streak >= 10


def killed_build(env: dict, rng: random.Random) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "etl", "build"], cwd=ROOT, env={**os.environ, **env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0.5, 3.0))
    proc.send_signal(signal.SIGKILL)
    proc.wait()


@pytest.fixture()
def setup(tmp_path):
    subs = tmp_path / "submissions"
    shutil.copytree(ROOT / "data" / "submissions", subs)
    env = {"POLICE_DB": str(tmp_path / "live.duckdb"), "POLICE_SUBMISSIONS": str(subs),
           "POLICE_SNAPSHOTS": str(tmp_path / "snapshots"), "WEB_CONCURRENCY": "2", "GUNICORN_THREADS": "4"}
    assert build(env).returncode == 0
    server = Server(tmp_path, env)
    try:
        server.wait_ready()
        yield server, env, subs
    finally:
        server.stop()


def test_rebuilds_and_killed_builds_under_load_fail_no_request_and_new_builds_are_served(setup):
    server, env, subs = setup
    live, rng = Path(env["POLICE_DB"]), random.Random(7)
    seen = [live_build_id(live)]
    load = Load(server, clients=20).start()
    try:
        time.sleep(SETTLE_SECONDS)
        for n in range(1, REBUILDS + 1):
            tiny_submission(subs, n)
            result = build(env)
            assert result.returncode == 0, result.stderr
            seen.append(live_build_id(live))
            assert seen[-1] != seen[-2]
            assert served_everywhere(server, seen[-1]), f"build {seen[-1]} not served after rebuild {n}"
        for _ in range(KILLED_BUILDS):
            tiny_submission(subs, REBUILDS + 1)
            killed_build(env, rng)
            # Killed before its swap the build changed nothing; after it, the new file is whole: either is served.
            current = live_build_id(live)
            assert served_everywhere(server, current), f"build {current} not served after a killed build"
        time.sleep(SETTLE_SECONDS)
    finally:
        load.stop()
    print(f"\nrequests during rebuilds: {load.count()}, failures: {len(load.failures())}, "
          f"rebuilds: {REBUILDS}, killed builds survived: {KILLED_BUILDS}, build ids: {seen}")
    assert load.count() > 200
    assert load.failures() == []
    assert "Traceback" not in server.log_text()
