"""Named SQL files in dashboard/queries -> DataFrames, over one read-only DuckDB connection per process,
remembered per warehouse build (dashboard/cache.py): a rebuilt file gets a new build id, so fresh answers."""
from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import duckdb
import pandas as pd

from dashboard import cache, config

QUERIES = Path(__file__).resolve().parent / "queries"
ALIAS = "warehouse"  # the attached file's name inside the connection


# What DuckDB raises for a damaged file; a mistake in a query raises another subclass and stays a bug (a 500).
DAMAGED = (duckdb.IOException, duckdb.InternalException, duckdb.SerializationException)


class WarehouseUnavailable(RuntimeError):
    """The warehouse file is missing or unreadable; the app shows a maintenance page instead of crashing.

    `code` (one of REASONS) names the reason for readers, in their language (app.maintenance_reason_<code>);
    the message, in English, is for logs and /healthz.
    """

    REASONS = ("missing", "not_warehouse", "unreadable")

    def __init__(self, message: str, code: str = "unreadable"):
        super().__init__(message)
        assert code in self.REASONS, code
        self.code = code


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
        self._build_id = None

    def _file_identity(self, path: Path):
        st = os.stat(path)
        return (str(path), st.st_ino, st.st_mtime_ns, st.st_size)

    def _current(self) -> duckdb.DuckDBPyConnection:
        """The connection to the file now at POLICE_DB (call with the lock held)."""
        path = config.db_path()
        try:
            identity = self._file_identity(path)
        except OSError as e:
            raise WarehouseUnavailable(f"warehouse file not found: {path.name}", "missing") from e
        if self._con is None or identity != self._identity:
            old = self._con
            con = _attach(path)
            build = _read_build_id(con)
            if build is None:
                con.close()
                raise WarehouseUnavailable("warehouse file holds no build: not a warehouse", "not_warehouse")
            self._con, self._identity, self._build_id = con, identity, build
            if old is not None:
                old.close()  # queries running on it hold their own cursors
        return self._con

    def cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            cur = self._current().cursor()
        cur.execute(f"USE {ALIAS}")  # a cursor is a new session: it starts in the in-memory catalog
        return cur

    def snapshot(self) -> tuple[duckdb.DuckDBPyConnection, str | None]:
        """A cursor and the build id of the same file (so an answer is remembered under its own build)."""
        with self._lock:
            cur, build = self._current().cursor(), self._build_id
        cur.execute(f"USE {ALIAS}")
        return cur, build

    def build_id(self) -> str:
        """Read once per opened file: a stat per call, no query."""
        with self._lock:
            self._current()
            return self._build_id


def _attach(path: Path) -> duckdb.DuckDBPyConnection:
    """A new in-memory DuckDB with the file attached read-only.

    Not duckdb.connect(path): DuckDB hands out the instance it already has open for a path, so after a rebuild
    was renamed over the file it would keep answering from the replaced one. ATTACH opens the file now there.
    """
    con = duckdb.connect(":memory:")
    quoted = str(path).replace("'", "''")  # a setting, not user input; ATTACH takes no parameter
    try:
        con.execute(f"ATTACH '{quoted}' AS {ALIAS} (READ_ONLY)")
    except duckdb.Error as e:
        con.close()
        raise WarehouseUnavailable(f"warehouse file unreadable: {type(e).__name__}") from e
    con.execute(f"USE {ALIAS}")
    return con


def _read_build_id(con: duckdb.DuckDBPyConnection) -> str | None:
    """The file's build id; None for a file without one (not a warehouse: refused)."""
    try:
        row = con.execute("SELECT build_id FROM build").fetchone()
    except duckdb.Error:
        return None
    return row[0] if row else None


_warehouse = Warehouse()


def query(name: str, **params) -> pd.DataFrame:
    """Run dashboard/queries/<name>.sql with named parameters ($name in the SQL), remembered per build."""
    build = _warehouse.build_id()
    key = cache.key("q", build, name, params)
    hit = cache.get(key)
    if hit is not None:
        return hit
    df, answered_by = run(name, params)
    if answered_by is not None and len(df) <= cache.MAX_ROWS:
        # Under the build that answered: the file may have been swapped since the lookup.
        cache.put(key if answered_by == build else cache.key("q", answered_by, name, params), df)
    return df


def run(name: str, params: dict) -> tuple[pd.DataFrame, str | None]:
    """The query on the warehouse itself, never the cache; with the build id of the file that answered."""
    cur, build = _warehouse.snapshot()
    try:
        return cur.execute(sql(name), params or None).df(), build
    except DAMAGED as e:  # a block of the file unreadable: the maintenance page, not a 500
        raise WarehouseUnavailable(f"warehouse file unreadable: {type(e).__name__}") from e
    finally:
        cur.close()


def build_id() -> str:
    """The build id of the warehouse being served (keys caches; shown in the footer and API)."""
    return _warehouse.build_id()


def chunks(name: str, params: dict, vectors: int = 32) -> tuple[str | None, Iterator[pd.DataFrame]]:
    """The query on the warehouse, never the cache, read as DataFrames of `vectors` × 2,048 rows, never whole
    (downloads of any size); at least one frame, empty when nothing matches. With the build id that answers."""
    cur, build = _warehouse.snapshot()
    try:
        result = cur.execute(sql(name), params or None)
    except BaseException as e:
        cur.close()
        if isinstance(e, DAMAGED):
            raise WarehouseUnavailable(f"warehouse file unreadable: {type(e).__name__}") from e
        raise
    return build, _frames(cur, result, vectors)


def _frames(cur, result, vectors: int) -> Iterator[pd.DataFrame]:
    try:
        df = result.fetch_df_chunk(vectors)
        yield df
        while len(df):
            df = result.fetch_df_chunk(vectors)
            if len(df):
                yield df
    except DAMAGED as e:
        raise WarehouseUnavailable(f"warehouse file unreadable: {type(e).__name__}") from e
    finally:
        cur.close()
