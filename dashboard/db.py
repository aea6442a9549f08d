"""Named SQL files in dashboard/queries -> DataFrames, over one read-only DuckDB connection per process."""
from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from dashboard import config

QUERIES = Path(__file__).resolve().parent / "queries"


class WarehouseUnavailable(RuntimeError):
    """The warehouse file is missing or unreadable; the app shows a maintenance page instead of crashing."""


@lru_cache(maxsize=None)
def sql(name: str) -> str:
    """The text of dashboard/queries/<name>.sql (names come from code, never from users)."""
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


class Warehouse:
    """Opens the file lazily (after gunicorn forks) and reopens it when a rebuild replaced it."""

    def __init__(self):
        self._lock = threading.Lock()
        self._con = None
        self._identity = None

    def _file_identity(self, path: Path):
        st = os.stat(path)
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        path = config.db_path()
        try:
            identity = self._file_identity(path)
        except OSError as e:
            raise WarehouseUnavailable(f"warehouse file not found: {path.name}") from e
        with self._lock:
            if self._con is None or identity != self._identity:
                old = self._con
                try:
                    self._con = duckdb.connect(str(path), read_only=True)
                except duckdb.Error as e:
                    raise WarehouseUnavailable(f"warehouse file unreadable: {type(e).__name__}") from e
                self._identity = identity
                if old is not None:
                    old.close()  # queries running on it hold their own cursors
            return self._con.cursor()


_warehouse = Warehouse()


def query(name: str, **params) -> pd.DataFrame:
    """Run dashboard/queries/<name>.sql with named parameters ($name in the SQL)."""
    cur = _warehouse.cursor()
    try:
        return cur.execute(sql(name), params or None).df()
    finally:
        cur.close()


def build_id() -> str:
    """The build id of the warehouse being served (keys caches; shown in the footer and API)."""
    return query("build_info")["build_id"].iloc[0]
