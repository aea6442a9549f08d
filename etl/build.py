"""A whole build: collect inputs -> check every rule -> write a new warehouse -> swap it in; or change nothing."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl import checks, inputs, load, paths, reference, snapshots, stage
from etl.errors import InputError
from etl.sources import associations


@dataclass
class BuildReport:
    build_id: str
    path: Path
    per_source: pd.DataFrame   # source_id, rows_read, rows_loaded, rows_rejected
    countries: int
    years: tuple[int, int]
    changes: pd.DataFrame | None  # None: there was no previous warehouse


def input_id(files: list[Path]) -> str:
    """Same input bytes (and the code's schema and views) -> same build id."""
    h = hashlib.sha256()
    sql = set(load.ETL_DIR.rglob("*.sql"))  # schema, views, load and rule statements shape the contents too
    for path in sorted(set(files) | set(paths.REFERENCE.glob("*.csv")) | sql):
        h.update(path.name.encode() + b"\0" + snapshots.sha256(path).encode() + b"\0")
    return h.hexdigest()[:16]


def git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=paths.ROOT, capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() or None


def _bundled(name: str) -> pd.DataFrame:
    """A small committed table (targets, undated figures) with its numbers typed."""
    df = pd.read_csv(paths.BUNDLED / name, dtype=str, keep_default_na=False)
    df["value"] = df["value"].astype(float)
    if "year" in df:
        df["year"] = df["year"].astype(int)
    return df


def source_rows(found: list[inputs.SourceInput]) -> pd.DataFrame:
    rows = list(reference.sources().values()) + [i.source_row for i in found if i.source_row]
    df = pd.DataFrame(rows)
    df["precedence"] = df["precedence"].astype(int)
    return df.sort_values("id", ignore_index=True)


def tables_for(found: list[inputs.SourceInput], iso3: list[str], build_id: str, started) -> dict[str, pd.DataFrame]:
    """Every table but observation and etl_run, in the order their foreign keys need."""
    targets, undated = _bundled("targets.csv"), _bundled("undated_figures.csv")
    assoc = associations.read_bundled()
    used = set(iso3) | set(targets["iso3"]) | set(undated["iso3"]) | associations.countries(assoc)
    snaps = pd.DataFrame([s for i in found for s in i.snapshots]).drop_duplicates("id").sort_values("id")
    tables = load.reference_tables()
    tables.update({
        "country": load.country_rows(used), "source": source_rows(found), "snapshot": snaps,
        "target": targets, "undated_figure": undated, "association": assoc,
        "build": pd.DataFrame([{"build_id": build_id, "built_at": started, "git_commit": git_commit(),
                                "release": f"{started:%Y-%m-%d} {build_id[:8]}"}]),
    })
    return tables


def run_rows(found: list[inputs.SourceInput], build_id: str, started) -> pd.DataFrame:
    finished, commit = load.now(), git_commit()
    return pd.DataFrame([{"build_id": build_id, "source_id": i.source_id, "started": started,
                          "finished": finished, "git_commit": commit, "rows_read": i.rows_read} for i in found])


def check_unchecked(con, found: list[inputs.SourceInput]) -> None:
    """Run the rules on every source whose reader did not already run them (each row is checked once)."""
    unchecked = [i.batch for i in found if not i.checked]
    problems = checks.check_batches(con, unchecked) if unchecked else []
    if problems:
        raise InputError(problems)


def build(live: Path | None = None, on_step=lambda step: None) -> BuildReport:
    """Build the warehouse at `live` (POLICE_DB by default). Raises InputError; the live file is then untouched.

    One DuckDB connection stages every input (in temporary tables) and writes the new file beside the live
    one, which is swapped in only once the file is complete and sound.
    """
    live = Path(live or paths.warehouse_path())
    started = load.now()
    live.parent.mkdir(parents=True, exist_ok=True)
    load.remove_stale_temp_files(live)
    tmp = load.temp_path(live)
    tmp.unlink(missing_ok=True)
    try:
        con = stage.connect(tmp)
        try:
            on_step("read inputs")
            found = inputs.collect(con)
            on_step("check rules")
            check_unchecked(con, found)
            files = [f for i in found for f in i.files] + [paths.BUNDLED / "targets.csv",
                                                           paths.BUNDLED / "undated_figures.csv",
                                                           paths.BUNDLED / associations.BUNDLED_NAME]
            build_id = input_id(files)
            iso3, countries, first, last = con.execute(stage.sql("used")).fetchall()[0]
            tables = tables_for(found, iso3, build_id, started)
            on_step("write warehouse")
            runs = load.write(con, tables, run_rows(found, build_id, started))
        finally:
            con.close()
        changes = load.diff(live, tmp)
        on_step("swap in")
        load.swap(tmp, live)
    finally:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
        shutil.rmtree(str(tmp) + ".tmp", ignore_errors=True)  # DuckDB's spill folder, if it needed one
    return BuildReport(build_id, live, runs[["source_id", "rows_read", "rows_loaded", "rows_rejected"]],
                       countries, (int(first), int(last)), changes)
