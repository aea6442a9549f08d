"""A submission CSV -> its records staged in DuckDB (`sub_raw`): DuckDB's own reader for a regular file, else
pandas' C parser, else Python's csv module record by record (which names the row of a stray value).

DuckDB reads a million rows in about a second without a Python object per cell. It is given only files on which
it reads exactly what the other two would: no blank lines (it skips them, which would shift the row numbers),
no carriage return outside a line break, no space before or between quoted values (it drops such spaces), a
header that is the first line; whatever else it refuses (a ragged row, a stray quote) takes the same way.
Windows-1251 text is rewritten as a temporary UTF-8 file first (DuckDB reads UTF-8 only).
"""
from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from etl.errors import InputError, Problem
from etl.sources.submission_io import decode, first_line, sniff_delimiter, whole_file
from etl.sources.submission_table import (
    Table,
    column_names,
    header_name,
    is_blank,
    sql,
    stage_frame,
)


def stage_csv(path: Path, con: duckdb.DuckDBPyConnection) -> Table:
    data = path.read_bytes()
    text, encoding = decode(data, path.name)
    header_line = first_line(text)
    if not header_line:
        raise whole_file(path.name, "the file is empty; expected a header row and at least one data row")
    delimiter = sniff_delimiter(header_line, path.name)
    header = _regular_header(data, text, delimiter)
    if header is not None:
        # A big file is held once at a time: the bytes and text, then DuckDB's copy.
        del data
        cp1251_text = text if encoding == "cp1251" else None
        del text
        try:
            return _with_duckdb(path, con, cp1251_text, delimiter, header)
        except duckdb.Error:
            data = path.read_bytes()  # not as regular as it looked: the readers below name what is wrong
    else:
        del text
    cells, problems = _with_python(data, encoding, delimiter, path.name)
    return stage_frame(con, path.name, cells, problems, text_only=True)


def _regular_header(data: bytes, text: str, delimiter: str) -> list[str] | None:
    """The header, when DuckDB may read the file (see the module docstring); None otherwise."""
    line = text[:text.find("\n")] if "\n" in text else text
    line = line.removesuffix("\r")
    cells = line.split(delimiter)
    if '"' in line or not any(c.strip() for c in cells):
        return None
    # The bytes around each line feed, carriage return and quote, looked at in a few vectorised passes.
    a = np.frombuffer(data + b"\0\0", dtype=np.uint8)
    line_feeds = np.flatnonzero(a == 10)
    after = a[line_feeds + 1]
    if (after == 10).any() or ((after == 13) & (a[line_feeds + 2] == 10)).any():
        return None  # a blank line
    if (a[np.flatnonzero(a == 13) + 1] != 10).any():
        return None  # a carriage return that does not end a line
    quotes = np.flatnonzero(a == 34)
    near = np.concatenate([a[quotes[quotes > 0] - 1], a[quotes + 1]])
    # A space or tab before or after a quote is rare: the regular expression only runs when there is one.
    if ((near == 32) | (near == 9)).any():
        d = re.escape(delimiter.encode())
        if re.search(rb"[\n" + d + rb'][ \t]+"|"[ \t]+[^ \t' + d + rb"\r\n]", data):
            return None
    return [header_name(c) for c in cells]


def _with_duckdb(path: Path, con, cp1251_text: str | None, delimiter: str, header: list[str]) -> Table:
    columns = {name: "VARCHAR" for name in column_names(header)}
    source, tmp = path, None
    if cp1251_text is not None:
        fd, tmp = tempfile.mkstemp(suffix=".csv", prefix="submission-utf8-")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            for start in range(0, len(cp1251_text), 1 << 20):
                f.write(cp1251_text[start:start + (1 << 20)])
        source = Path(tmp)
    try:
        con.execute(sql("raw_csv"), {"path": str(source), "columns": columns, "delim": delimiter})
    finally:
        if tmp:
            os.unlink(tmp)
    con.execute(sql("raw_csv_view"))
    return Table(path.name, 1, header, text_only=True)


def _with_python(data: bytes, encoding: str, delimiter: str, name: str) -> tuple[pd.DataFrame, list[Problem]]:
    """All records as text, index = row number (1-based, blank lines counted as Excel shows them)."""
    try:
        # The C parser refuses ragged rows, which the csv module then reads one by one so that each stray
        # value can be named.
        cells = pd.read_csv(io.BytesIO(data), encoding=encoding, sep=delimiter, header=None, dtype=str,
                            na_filter=False, skip_blank_lines=False, engine="c")
        problems = []
    except pd.errors.ParserError:
        cells, problems = _csv_by_record(data.decode(encoding), delimiter, name)
    cells.index = range(1, len(cells) + 1)
    return cells, problems


def _csv_by_record(text: str, delimiter: str, name: str) -> tuple[pd.DataFrame, list[Problem]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        # Records, not physical lines: a quoted cell with a line break is still one row in Excel.
        records = list(reader)
    except csv.Error as e:
        raise InputError([Problem(name, reader.line_num, None, None, f"not valid CSV: {e}")]) from e
    width = len(next((r for r in records if any(not is_blank(c) for c in r)), []))
    problems = [_beyond_header(name, n, extra) for n, r in enumerate(records, start=1)
                if (extra := [c.strip() for c in r[width:] if c.strip()])]
    return pd.DataFrame([(r + [""] * width)[:width] for r in records], dtype=str), problems


def _beyond_header(name: str, row: int, extra: list[str]) -> Problem:
    return Problem(name, row, None, extra[0], f"{len(extra)} value(s) beyond the last column of the header; "
                                              "check for an unquoted ',' or ';' inside a cell")
