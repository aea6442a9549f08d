"""Tidy inputs -> a new DuckDB warehouse file, checked, then atomically swapped over the live one."""
from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import duckdb
import pandas as pd

from etl import paths, reference
from etl.countries import resolver

ETL_DIR = Path(__file__).resolve().parent
OBS_KEY = ["iso3", "year", "indicator", "scope", "source_id", "vintage", "bound"]


class IntegrityError(RuntimeError):
    """The new file breaks a key or a reference: a bug upstream of the load, never swapped in."""


def country_rows(iso3_used: set[str]) -> pd.DataFrame:
    """The 57 participating States from data, plus any other country an input mentions."""
    known = resolver().countries
    rows = []
    for r in reference.read_csv("osce_states.csv"):
        c = known[r["iso3"]]
        rows.append({
            "iso3": r["iso3"], "iso2": r["iso2"], "m49": r["m49"], "eurostat_geo": r["eurostat_geo"],
            "name_en": r["name_en"], "name_ru": c.name_ru, "region": r["region"],
            "un_subregion": r["un_subregion"], "osce_participating": True,
            "is_central_asia": r["is_central_asia"] == "1", "eu_member": r["eu_member"] == "1",
        })
    osce = {r["iso3"] for r in rows}
    for iso3 in sorted(iso3_used - osce):
        c = known[iso3]
        rows.append({
            "iso3": iso3, "iso2": c.iso2, "m49": c.m49, "eurostat_geo": c.iso2, "name_en": c.name_en,
            "name_ru": c.name_ru, "region": None, "un_subregion": None, "osce_participating": False,
            "is_central_asia": False, "eu_member": False,
        })
    return pd.DataFrame(rows).sort_values("iso3", ignore_index=True)


def _insert(con, table: str, df: pd.DataFrame) -> None:
    con.register("incoming", df)
    cols = ", ".join(df.columns)
    con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM incoming")  # table: our own name
    con.unregister("incoming")


def write(con: duckdb.DuckDBPyConnection, tables: dict[str, pd.DataFrame], runs: pd.DataFrame) -> pd.DataFrame:
    """Into the new file `con` is connected to (with every input staged, etl/stage): create the schema, fill
    the tables in dependency order, then the views; returns etl_run as stored.

    Observations go in sorted by key with exact repeats collapsed (conflicting ones were refused by the
    checks), and etl_run counts what was actually loaded per source.
    """
    con.execute((ETL_DIR / "schema.sql").read_text(encoding="utf-8"))
    for table, df in tables.items():
        _insert(con, table, df)
    con.execute((ETL_DIR / "insert_observations.sql").read_text(encoding="utf-8"))
    con.execute("DROP TABLE staged")  # frees its memory before the checkpoint writes the file
    con.register("runs", runs)
    con.execute((ETL_DIR / "insert_etl_run.sql").read_text(encoding="utf-8"))
    con.unregister("runs")
    violations = con.execute((ETL_DIR / "integrity.sql").read_text(encoding="utf-8")).fetchall()
    if violations:
        raise IntegrityError("; ".join(f"{rule}: {detail}" for rule, detail in violations))
    for view in sorted((ETL_DIR / "views").glob("*.sql")):
        con.execute(view.read_text(encoding="utf-8"))
        con.execute(f"DESCRIBE SELECT * FROM {view.stem.split('_', 1)[1]}")  # binds: a broken view fails here
    con.execute("CHECKPOINT")
    return con.execute("SELECT * FROM etl_run ORDER BY source_id").df()


def reference_tables() -> dict[str, pd.DataFrame]:
    def ref(name, key="code"):
        df = pd.DataFrame(reference.read_csv(f"{name}.csv"))
        if "sort" in df:
            df["sort"] = df["sort"].astype(int)
        return df.sort_values(key, ignore_index=True)

    regions = ref("regions")
    return {"region": regions, "indicator": ref("indicators"), "scope": ref("scopes"), "flag": ref("flags")}


def diff(old_path: Path, new_path: Path) -> pd.DataFrame | None:
    """Per source: observations added, removed and changed since the live warehouse (None: no live one)."""
    if not old_path.exists():
        return None
    con = duckdb.connect(str(new_path), read_only=True)
    try:
        con.execute("ATTACH ? AS old (READ_ONLY)", [str(old_path)])
        sql = (ETL_DIR / "diff.sql").read_text(encoding="utf-8")
        return con.execute(sql).df()
    except duckdb.Error as e:
        return pd.DataFrame([{"source_id": f"(previous warehouse unreadable: {type(e).__name__})",
                              "added": 0, "removed": 0, "changed": 0}])
    finally:
        con.close()


def swap(tmp: Path, live: Path) -> None:
    """Make the new file durable, then rename it over the live one (atomic on one filesystem)."""
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, live)
    dir_fd = os.open(live.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def temp_path(live: Path) -> Path:
    return live.with_name(f".{live.name}.building-{os.getpid()}")


def remove_stale_temp_files(live: Path) -> None:
    """Delete half-written files of builds that were killed (their process no longer exists)."""
    for path in live.parent.glob(f".{live.name}.building-*"):
        pid = path.name.rsplit("-", 1)[-1].split(".")[0]
        if pid.isdigit() and not _alive(int(pid)):
            if path.is_dir():  # DuckDB's spill folder ('<file>.tmp')
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def now() -> dt.datetime:
    """Build time; SOURCE_DATE_EPOCH (the reproducible-builds convention) pins it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def live_path() -> Path:
    return paths.warehouse_path()
