"""Whole builds on real DuckDB files: values, idempotence, atomic swap, failures that change nothing."""
from __future__ import annotations

import hashlib
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

ROOT = Path(__file__).resolve().parents[2]
TABLES = ["country", "indicator", "scope", "flag", "source", "snapshot", "observation", "target",
          "undated_figure", "build", "region", "etl_run"]
VIEWS = ["share", "series", "ranked", "preferred", "region_member", "region_aggregate", "availability"]


def run_etl(*args, env=None, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=timeout)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def test_bundled_build_holds_the_un_series_with_both_releases(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    assert one(con, "SELECT value, vintage FROM observation WHERE iso3='KAZ' AND year=2008 ORDER BY vintage") == [
        (9.0, "2017"), (10.0, "2019")]
    assert one(con, "SELECT value, vintage, previous_vintage_value FROM preferred "
                    "WHERE iso3='KAZ' AND year=2008 AND indicator='share_women_police'") == [(10.0, "2019", 9.0)]
    assert one(con, "SELECT value FROM preferred WHERE iso3='KAZ' AND year=2015 "
                    "AND indicator='share_women_police' AND scope='police_officers'") == [(8.0,)]
    assert one(con, "SELECT count(*) FROM country WHERE osce_participating") == [(57,)]
    assert one(con, "SELECT name_ru FROM country WHERE iso3='KGZ'") == [("Кыргызстан",)]


def test_every_view_answers(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    for view in VIEWS:
        assert one(con, f"SELECT count(*) FROM {view}")[0][0] > 0, view


def test_central_asia_gap_is_visible_in_availability(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    reporting = one(con, "SELECT DISTINCT iso3 FROM availability a JOIN country c USING (iso3) "
                         "WHERE c.is_central_asia AND status <> 'missing' AND source_id = 'un_minset_iv4'")
    assert reporting == [("KAZ",)]


def table_rows(path: Path) -> dict[str, list]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {name: sorted(map(repr, con.execute(f"SELECT * FROM {name}").fetchall())) for name in TABLES + VIEWS}
    finally:
        con.close()


def test_two_builds_from_the_same_inputs_have_identical_contents(tmp_path):
    env = {"SOURCE_DATE_EPOCH": "1767225600"}
    for name in ("a.duckdb", "b.duckdb"):
        result = run_etl("build", env={**env, "POLICE_DB": str(tmp_path / name)})
        assert result.returncode == 0, result.stderr
    assert table_rows(tmp_path / "a.duckdb") == table_rows(tmp_path / "b.duckdb")


def test_rebuild_reports_no_changes_and_keeps_the_build_id(tmp_path):
    env = {"POLICE_DB": str(tmp_path / "w.duckdb")}
    first = run_etl("build", env=env)
    second = run_etl("build", env=env)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert "none (first build)" in first.stdout
    assert "changes since the previous build: none" in second.stdout
    assert "un_minset_iv4" in second.stdout  # the per-source table


@pytest.fixture()
def live(tmp_path) -> Path:
    path = tmp_path / "live.duckdb"
    result = run_etl("build", env={"POLICE_DB": str(path)})
    assert result.returncode == 0, result.stderr
    return path


def bad_submissions(tmp_path: Path) -> Path:
    folder = tmp_path / "submissions"
    shutil.copytree(ROOT / "data" / "submissions", folder)
    (folder / "broken.csv").write_text(
        "country,year,indicator,value,unit,scope,flags,source_title,source_url,note\n"
        "Kazakhstan,2020,share_women_police,130,percent,police_officers,,Ministry report,,\n",
        encoding="utf-8")
    return folder


def test_a_failed_build_exits_non_zero_names_the_problem_and_leaves_the_live_file_byte_identical(live, tmp_path):
    before = sha(live)
    result = run_etl("build", env={"POLICE_DB": str(live), "POLICE_SUBMISSIONS": str(bad_submissions(tmp_path))})
    assert result.returncode != 0
    assert "broken.csv, row 2, column 'value'" in result.stderr
    assert "0–100" in result.stderr
    assert sha(live) == before
    assert sorted(p.name for p in live.parent.iterdir() if p.name.startswith(".")) == []


def test_build_killed_at_random_points_never_damages_the_live_warehouse(live):
    rng = random.Random(20261129)
    for _ in range(5):
        proc = subprocess.Popen([sys.executable, "-m", "etl", "build"], cwd=ROOT,
                                env={**os.environ, "POLICE_DB": str(live)},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        con = duckdb.connect(str(live), read_only=True)
        assert con.execute("SELECT count(*) FROM observation").fetchone()[0] > 0
        con.close()
    result = run_etl("build", env={"POLICE_DB": str(live)})
    assert result.returncode == 0, result.stderr
    assert not [p for p in live.parent.iterdir() if ".building-" in p.name]


def test_status_describes_the_live_warehouse(live):
    result = run_etl("status", env={"POLICE_DB": str(live)})
    assert result.returncode == 0
    assert "un_minset_iv4: 1396 observations" in result.stdout


def test_status_without_a_warehouse_says_how_to_build_one(tmp_path):
    result = run_etl("status", env={"POLICE_DB": str(tmp_path / "none.duckdb")})
    assert result.returncode == 1 and "python -m etl build" in result.stderr
