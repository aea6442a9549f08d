"""A build's staging area: every input's tidy rows in one temporary DuckDB table (`staged`, etl/stage/stage.sql).

The same connection then writes the new warehouse file, so a million-row submission goes from its CSV to the
observation table without passing through Python objects. Readers that produce a pandas frame (the bundled
series, fetched snapshots, tests) add it with `add_frame`; submissions are staged by etl/sources/submissions.py.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from etl import reference, tidy

SQL_DIR = Path(__file__).resolve().parent
# DuckDB's memory for a build (its default is 80 % of the machine): a million-row submission then peaks near
# 1.2 GB of process memory instead of 1.6 GB; beyond this, sorts and joins spill to '<file>.tmp' beside the file.
MEMORY_LIMIT = "1GB"


def sql(name: str, folder: Path = SQL_DIR) -> str:
    return (folder / f"{name}.sql").read_text(encoding="utf-8")


def connect(path: Path | str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A connection (to the new warehouse file, or in memory) with the staging tables and the reference codes."""
    con = duckdb.connect(str(path), config={"memory_limit": MEMORY_LIMIT})
    con.execute(sql("stage"))
    con.register("ind", pd.DataFrame(list(reference.indicators().values())))
    con.register("ref_scope", pd.DataFrame({"code": list(reference.scopes())}))
    con.register("ref_flag", pd.DataFrame({"code": list(reference.flags())}))
    return con


def new_batch(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT nextval('batches')").fetchall()[0][0]


def add_frame(con: duckdb.DuckDBPyConnection, df: pd.DataFrame, snapshot_id: str = "") -> int:
    """Stage a tidy frame as a new batch; returns the batch number."""
    batch = new_batch(con)
    con.register("frame", df.assign(pos=range(len(df))))
    try:
        con.execute(sql("frame"), {"batch": batch, "snapshot_id": snapshot_id})
    finally:
        con.unregister("frame")
    return batch


def frame(con: duckdb.DuckDBPyConnection, batch: int) -> pd.DataFrame:
    """One batch as a tidy frame (the shape etl/tidy.py describes)."""
    return tidy.typed(con.execute(sql("batch"), {"batch": batch}).df())
