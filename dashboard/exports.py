"""Filtered observation rows -> files: CSV (BOM, formula-safe), JSON, Parquet; XLSX in exports_xlsx; file names."""
from __future__ import annotations

import io
import json
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard import cache, config, db, exports_rows
from dashboard.exports_filter import Filter

# The machine columns of every download, in this order, whatever the format or language.
COLUMNS = ["iso3", "country", "region", "year", "indicator", "unit", "value", "scope", "flags", "bound",
           "source_id", "vintage", "citation", "url", "note", "is_preferred"]
FORMATS = {  # format -> (media type, file extension)
    "csv": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
STEM = "women-police"
MAX_NAMED = 6  # up to this many countries or regions are spelled out in a file name


@dataclass(frozen=True)
class Build:
    build_id: str
    built_at: str   # ISO date-time, UTC
    release: str

    @property
    def date(self) -> str:
        return self.built_at[:10]


def build() -> Build:
    """The build being served, read once per warehouse file (a rebuild replaces the file, and so the key)."""
    path = config.db_path()
    try:
        st = os.stat(path)
    except OSError as e:
        raise db.WarehouseUnavailable(f"warehouse file not found: {path.name}", "missing") from e
    return _builds.get_or_make((str(path), st.st_ino, st.st_mtime_ns, st.st_size), _read_build)


def _read_build() -> Build:
    row = db.query("build_info").iloc[0]
    return Build(str(row["build_id"]), pd.Timestamp(row["built_at"]).isoformat(), str(row["release"]))


class _LRU:
    """A small per-process cache of query results; keys start with the build id, so a rebuild misses."""

    def __init__(self, size: int):
        self.size, self.items, self.lock = size, OrderedDict(), threading.Lock()

    def peek(self, key):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key, value) -> None:
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def get_or_make(self, key, make, keep=lambda value: True):
        hit = self.peek(key)
        if hit is not None:
            return hit
        value = make()
        if keep(value):
            self.put(key, value)
        return value


_rows_cache = _LRU(256)
_builds = _LRU(4)


def rows(flt: Filter, lang: str, build_id: str | None = None) -> pd.DataFrame:
    """Observation rows for a filter (download columns plus display labels), whole: for pages and tests; files of
    any size are written from chunks (exports_stream). Shared: do not modify. Large results are not kept."""
    build_id = build_id or build().build_id
    return _rows_cache.get_or_make((build_id, flt, lang), lambda: exports_rows.filtered(flt.params(lang)),
                                   keep=lambda df: len(df) <= cache.MAX_ROWS)


def neutralise(value):
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe; anything else is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(df: pd.DataFrame, columns: list[str] = COLUMNS) -> bytes:
    """UTF-8 with a byte-order mark (Excel then reads Cyrillic correctly); text cells neutralised."""
    return csv_part(df, columns, head=True)


def csv_part(df: pd.DataFrame, columns: list[str] = COLUMNS, head: bool = True) -> bytes:
    """A CSV file (head: with its byte-order mark and header), or the rows that continue one."""
    out = df[columns].copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    # RFC 4180 line ends: the writer then quotes any cell holding \r or \n, so a stray CR cannot split a row.
    text = out.to_csv(index=False, header=head, lineterminator="\r\n")
    return text.encode("utf-8-sig" if head else "utf-8")


def records(df: pd.DataFrame, columns: list[str] = COLUMNS) -> list[dict]:
    """Rows as JSON-ready dicts: missing numbers become null, numpy scalars become Python ones."""
    return json.loads(df[columns].to_json(orient="records", force_ascii=False, double_precision=15))


def envelope(df: pd.DataFrame, b: Build, lang: str, flt: Filter | None = None,
             columns: list[str] = COLUMNS) -> dict:
    """The JSON body of a download or an API answer: build, filter, count and the rows."""
    body = {"build_id": b.build_id, "release": b.release, "built_at": b.built_at, "lang": lang}
    if flt is not None:
        body["filter"] = flt.as_dict()
    return {**body, "count": int(len(df)), "columns": list(columns), "data": records(df, columns)}


def to_json(df: pd.DataFrame, b: Build, lang: str, flt: Filter | None = None, columns: list[str] = COLUMNS) -> bytes:
    return json.dumps(envelope(df, b, lang, flt, columns), ensure_ascii=False).encode("utf-8")


def to_parquet(df: pd.DataFrame, b: Build, lang: str, flt: Filter | None = None,
               columns: list[str] = COLUMNS) -> bytes:
    """Parquet with the build and the filter in the file's key-value metadata."""
    sink = io.BytesIO()
    pq.write_table(parquet_table(df, b, lang, flt, columns), sink, compression="zstd")
    return sink.getvalue()


def parquet_table(df: pd.DataFrame, b: Build, lang: str, flt: Filter | None = None,
                  columns: list[str] = COLUMNS) -> pa.Table:
    """The rows as an Arrow table whose schema carries the build and the filter (women_police metadata)."""
    table = pa.Table.from_pandas(df[columns], preserve_index=False)
    meta = {"build_id": b.build_id, "release": b.release, "built_at": b.built_at, "lang": lang,
            "filter": flt.as_dict() if flt else None}
    return table.replace_schema_metadata({**(table.schema.metadata or {}),
                                          b"women_police": json.dumps(meta, ensure_ascii=False).encode()})


def _where(flt: Filter) -> str:
    named = list(flt.country) + [r.replace("_", "-") for r in flt.region]
    if not named:
        return "all"
    if len(named) > MAX_NAMED:
        return f"{len(named)}-places"
    return "-".join(named)


def _years(rows, flt: Filter) -> str:
    span = rows.years if hasattr(rows, "years") else \
        ((int(rows["year"].min()), int(rows["year"].max())) if len(rows) else None)
    if span is not None:
        lo, hi = span
    elif flt.year_from is not None or flt.year_to is not None:
        lo, hi = flt.year_from or flt.year_to, flt.year_to or flt.year_from
    else:
        return "no-rows"
    return str(lo) if lo == hi else f"{lo}-{hi}"


def file_name(rows, flt: Filter, b: Build, fmt: str) -> str:
    """What the file holds and when: women-police_KAZ-KGZ_2004-2017_2026-11-29.xlsx (date of the build).

    `rows`: the rows (a DataFrame), or the exports_stream.Summary of rows written in chunks."""
    return f"{STEM}_{_where(flt)}_{_years(rows, flt)}_{b.date}.{FORMATS[fmt][1]}"


def render(df: pd.DataFrame, flt: Filter, b: Build, lang: str, fmt: str) -> bytes:
    """The filtered rows as a file in `fmt` (one of FORMATS); files of any size: exports_stream.files."""
    from dashboard import exports_stream  # imported here: exports_stream imports this module

    return exports_stream.render([df], flt, b, lang, fmt)[0].read()
