"""Observation rows in chunks -> a file in any format, in bounded memory: written to memory up to IN_MEMORY bytes,
then to a temporary file on disk, and served from there; rendered files remembered per build (small ones in memory).

The bytes are those of exports.to_csv / to_json / to_parquet and exports_xlsx.to_xlsx on the whole frame: each
chunk is written as its part of the whole (CSV header once, JSON rows between one head and one tail, Parquet row
groups under the first chunk's schema, XLSX rows to openpyxl's write-only sheet).
"""
from __future__ import annotations

import io
import json
import os
import tempfile
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard import exports, exports_rows
from dashboard.exports_filter import Filter

IN_MEMORY = 2 * 1024 * 1024  # a file larger than this goes to disk while it is written, and is served from there
BLOCK = 1024 * 1024          # bytes per read when a file on disk is sent
STORE = Path(tempfile.gettempdir()) / "women-police-exports"
USED = ("source_id", "indicator", "scope", "region")  # codes the XLSX metadata sheet describes


@dataclass
class Summary:
    """What the files say about their rows besides the rows: count, years, codes used, column types."""

    rows: int = 0
    years: tuple[int, int] | None = None
    used: dict[str, set] = field(default_factory=lambda: {c: set() for c in USED})
    empty: pd.DataFrame | None = None  # the columns and dtypes, no rows

    def add(self, df: pd.DataFrame) -> pd.DataFrame:
        if self.empty is None:
            self.empty = df.iloc[:0]
        if len(df):
            self.rows += len(df)
            lo, hi = int(df["year"].min()), int(df["year"].max())
            self.years = (lo, hi) if self.years is None else (min(lo, self.years[0]), max(hi, self.years[1]))
            for col in USED:
                self.used[col].update(df[col].unique())
        return df

    @classmethod
    def of(cls, df: pd.DataFrame) -> Summary:
        out = cls()
        out.add(df)
        return out


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


class Body:
    """A rendered file: its parts in order (bytes in memory, or a file on disk, removed once unreferenced)."""

    def __init__(self, parts: list[bytes | Path]):
        self.parts = [b"".join(parts)] if all(isinstance(p, bytes) for p in parts) else parts
        self.size = sum(len(p) if isinstance(p, bytes) else p.stat().st_size for p in parts)
        self.in_memory = all(isinstance(p, bytes) for p in parts)
        weakref.finalize(self, _remove, [p for p in parts if isinstance(p, Path)])

    def read(self) -> bytes:
        return b"".join(p if isinstance(p, bytes) else p.read_bytes() for p in self.parts)

    def stream(self) -> Iterator[bytes]:
        """The bytes in blocks; the open files stay readable even if the cache drops (and removes) them meanwhile."""
        handles = [p if isinstance(p, bytes) else p.open("rb") for p in self.parts]
        for h in handles:
            if isinstance(h, bytes):
                yield h
                continue
            with h:
                while block := h.read(BLOCK):
                    yield block


class Spool(io.RawIOBase):
    """A seekable binary file in memory that moves itself to disk once it holds more than IN_MEMORY bytes."""

    def __init__(self):
        super().__init__()
        self.limit, self.path, self.f = IN_MEMORY, None, io.BytesIO()

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readable(self) -> bool:
        return True

    def write(self, data) -> int:
        n = self.f.write(data)
        if self.path is None and self.f.tell() > self.limit:
            STORE.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(dir=STORE, suffix=".part")
            disk, pos = os.fdopen(fd, "w+b"), self.f.tell()
            disk.write(self.f.getbuffer())
            disk.seek(pos)
            self.f, self.path = disk, Path(name)
        return n

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.f.seek(offset, whence)

    def tell(self) -> int:
        return self.f.tell()

    def read(self, size: int = -1) -> bytes:
        return self.f.read(size)

    def flush(self) -> None:
        self.f.flush()

    def discard(self) -> None:
        """Drop what was written (a file that failed half-way never stays on disk)."""
        self.f.close()
        if self.path is not None:
            self.path.unlink(missing_ok=True)

    def part(self) -> bytes | Path:
        """What was written: bytes, or the path of the file on disk (closed; removed with its Body)."""
        if self.path is None:
            return self.f.getvalue()
        self.f.close()
        return self.path


def write_csv(frames: Iterable[pd.DataFrame], sink, summary: Summary, columns: list[str] = exports.COLUMNS) -> None:
    for i, df in enumerate(frames):
        sink.write(exports.csv_part(summary.add(df), columns, head=i == 0))


def json_body(frames: Iterable[pd.DataFrame], b: exports.Build, lang: str, flt: Filter | None,
              summary: Summary) -> Body:
    """The envelope's head (it needs the count), the rows as written, its tail."""
    spool = Spool()
    try:
        for df in frames:
            rows = exports.records(summary.add(df))
            if rows:
                # the list's items as json.dumps writes them inside the whole envelope: ", " between rows
                text = json.dumps(rows, ensure_ascii=False)[1:-1]
                spool.write(((", " if summary.rows > len(rows) else "") + text).encode("utf-8"))
    except BaseException:
        spool.discard()
        raise
    whole = json.dumps(exports.envelope(summary.empty, b, lang, flt) | {"count": summary.rows}, ensure_ascii=False)
    head = whole.encode("utf-8")
    assert head.endswith(b"[]}")
    return Body([head[:-2], spool.part(), b"]}"])


def write_parquet(frames: Iterable[pd.DataFrame], sink, b: exports.Build, lang: str, flt: Filter | None,
                  summary: Summary) -> None:
    writer = None
    for df in frames:
        summary.add(df)
        if writer is None:
            table = exports.parquet_table(df, b, lang, flt)
            writer = pq.ParquetWriter(sink, table.schema, compression="zstd")
        else:
            table = pa.Table.from_pandas(df[exports.COLUMNS], schema=writer.schema, preserve_index=False)
        writer.write_table(table)
    writer.close()


def render(frames: Iterable[pd.DataFrame], flt: Filter, b: exports.Build, lang: str, fmt: str) -> tuple[Body, Summary]:
    """The rows of `frames` as a file in `fmt` (one of exports.FORMATS), and what the rows held."""
    summary = Summary()
    if fmt == "json":
        return json_body(frames, b, lang, flt, summary), summary
    from dashboard.exports_xlsx import write_xlsx  # imported here: exports_xlsx imports exports

    spool = Spool()
    try:
        if fmt == "csv":
            write_csv(frames, spool, summary)
        elif fmt == "parquet":
            write_parquet(frames, spool, b, lang, flt, summary)
        else:
            write_xlsx(frames, flt, b, lang, spool, summary)
    except BaseException:
        spool.discard()
        raise
    return Body([spool.part()]), summary


class Files:
    """Rendered files per (build, filter, language, format): many small ones in memory, a few large ones on disk."""

    def __init__(self, memory: int = 64, disk: int = 2):
        self.memory, self.disk = exports._LRU(memory), exports._LRU(disk)

    def get(self, flt: Filter, b: exports.Build, lang: str, fmt: str) -> tuple[Body, Summary]:
        key = (b.build_id, flt, lang, fmt)
        for cache in (self.memory, self.disk):
            hit = cache.peek(key)
            if hit is not None:
                return hit
        answered_by, frames = exports_rows.chunks(flt.params(lang))
        made = render(frames, flt, b, lang, fmt)
        if answered_by == b.build_id:  # a file swapped in meanwhile answered: not remembered under this build
            (self.memory if made[0].in_memory else self.disk).put(key, made)
        return made


files = Files()
