"""The warehouse's observation rows, copied once per build into an in-memory DuckDB -> filtered rows.

Why: the `ranked` view stacks three views with window functions; evaluating it costs 30–100 ms whatever the
filter, too slow for many concurrent API clients. Its result changes only with a new build, so each process
copies it once per build (both languages, straight from DuckDB to DuckDB, no DataFrame in between) and every
filter then runs against the copy in milliseconds, with bound parameters (dashboard/queries/export_filter.sql).
"""
from __future__ import annotations

import threading

import duckdb
import pandas as pd

from dashboard import config, db
from dashboard.i18n import LANGS


class Local:
    """An in-memory DuckDB holding one build's rows in both languages as the table `observations`."""

    def __init__(self):
        # One thread per query: many small queries run side by side, and a pool per query would only contend.
        self.con = duckdb.connect(":memory:", config={"threads": 1})
        path = str(config.db_path()).replace("'", "''")  # a setting, not user input; ATTACH takes no parameter
        try:
            self.con.execute(f"ATTACH '{path}' AS warehouse (READ_ONLY)")
        except duckdb.Error as e:
            raise db.WarehouseUnavailable(f"warehouse file unreadable: {type(e).__name__}") from e
        self.con.execute("USE warehouse")
        self.build_id = self.con.execute("SELECT build_id FROM build").fetchone()[0]
        rows = db.sql("export_observations")
        for i, lang in enumerate(LANGS):
            head = "CREATE TABLE memory.main.observations AS" if i == 0 else "INSERT INTO memory.main.observations"
            self.con.execute(f"{head} SELECT *, $lang AS lang FROM ({rows}\n)", {"lang": lang})
        self.con.execute("USE memory")
        self.con.execute("DETACH warehouse")

    def query(self, params: dict) -> pd.DataFrame:
        cur = self.con.cursor()  # one cursor per call: a DuckDB connection is not shared between threads
        try:
            return cur.execute(db.sql("export_filter"), params).df()
        finally:
            cur.close()


_lock = threading.Lock()
_local: Local | None = None


def local(build_id: str) -> Local:
    """The copy of this build, made by the first request after a new build (the others wait for it)."""
    global _local
    with _lock:
        if _local is None or _local.build_id != build_id:
            _local = Local()
        return _local


def filtered(params: dict, build_id: str) -> pd.DataFrame:
    """Rows matching export_filter.sql's parameters (see exports_filter.Filter.params)."""
    return local(build_id).query(params)
