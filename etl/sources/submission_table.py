"""A submission's records, staged in DuckDB as text (`sub_raw`, one column per header position), and its header.

CSV cells are text as read. XLSX cells keep their type through a tag: a typed number (or boolean) is
TYPED + its Python repr, a formula FORMULA + cell address + NUL + formula text; `raw` turns a cell back into
what openpyxl gave, so that etl/sources/submission_cells.py applies one set of rules to both kinds of file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from etl import stage
from etl.errors import Problem
from etl.sources.submission_io import COLUMNS, REQUIRED, Formula, whole_file

SQL = Path(__file__).resolve().parent.parent / "submission"
TYPED, FORMULA = "\x01", "\x02"


@dataclass
class Table:
    """The header (row `header_row`, names as the sender wrote them, lower case) of the records staged as
    `sub_raw`. `problems` are structural ones found while reading (cells beyond the header)."""

    file: str
    header_row: int
    header: list[str]
    text_only: bool
    problems: list[Problem] = field(default_factory=list)


def sql(name: str) -> str:
    return stage.sql(name, SQL)


def column_names(header: list[str]) -> list[str]:
    """Names of the staged columns: a template column under its name (first time only), others _<position>."""
    seen, out = set(), []
    for i, name in enumerate(header):
        out.append(name if name in COLUMNS and name not in seen else f"_{i + 1}")
        seen.add(name)
    return out


def header_name(cell) -> str:
    return "" if is_blank(cell) else str(cell).replace("\ufeff", "").strip().lower()


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_key(value) -> str:
    """An XLSX cell as staged text (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, Formula):
        return f"{FORMULA}{value.coordinate}\x00{value.text}"
    if isinstance(value, (bool, int, float)):
        return f"{TYPED}{type(value).__name__}:{value!r}"
    return str(value)


def raw(key: str, text_only: bool):
    """The cell as read: the text of a CSV cell; for XLSX the typed value or Formula the key stands for."""
    if text_only or not key or key[0] not in (TYPED, FORMULA):
        return key
    if key[0] == FORMULA:
        coordinate, _, text = key[1:].partition("\x00")
        return Formula(coordinate, text)
    kind, _, text = key[1:].partition(":")
    return {"bool": lambda t: t == "True", "int": int, "float": float}[kind](text)


def shown(key: str, text_only: bool) -> str:
    """A cell as a problem shows it: a formula's text, else the stripped text."""
    value = raw(key, text_only)
    if isinstance(value, Formula):
        return value.text
    return "" if value is None else str(value).strip()


def stage_frame(con: duckdb.DuckDBPyConnection, name: str, cells: pd.DataFrame, problems: list[Problem],
                text_only: bool) -> Table:
    """Records read by Python (index = row number) -> `sub_raw`; the header is the first non-blank record."""
    if not text_only:
        cells = cells.map(cell_key)
    cells = cells.fillna("")
    blank = cells.map(is_blank).all(axis=1)
    if cells.empty or blank.all():
        raise whole_file(name, "the file is empty; expected a header row and at least one data row")
    header_row = int(blank.index[~blank][0])
    header = [header_name(raw(k, text_only)) for k in cells.loc[header_row]]
    frame = cells.set_axis(column_names(header), axis=1).astype(str)
    frame.insert(0, "row", cells.index.astype("int64"))
    con.register("sub_frame", frame)
    try:
        con.execute(sql("raw_frame"))
    finally:
        con.unregister("sub_frame")
    return Table(name, header_row, header, text_only, list(problems))


def require_data_rows(con: duckdb.DuckDBPyConnection, table: Table) -> None:
    con.execute(sql("template"))
    con.execute(sql("skip"), {"header_row": table.header_row})
    con.execute(sql("cells"))
    if not con.execute("SELECT count(*) FROM sub_cells").fetchall()[0][0]:
        raise whole_file(table.file, "the file has a header but no data rows below it")


def header_problems(con: duckdb.DuckDBPyConnection, table: Table) -> list[Problem]:
    """Missing required, unknown and repeated column names, and values under a column without a name."""
    out, seen = [], {}
    nameless = [i for i, name in enumerate(table.header) if not name]
    filled = con.execute(sql("nameless"), {"header_row": table.header_row}).fetchall()[0] if nameless else ()
    for i, name in enumerate(table.header):
        if not name:
            if filled[nameless.index(i)]:
                out.append(Problem(table.file, table.header_row, f"column {i + 1}", None,
                                   "values in a column without a name in the header row"))
        elif name not in COLUMNS:
            out.append(Problem(table.file, table.header_row, name, name,
                               f"unknown column; allowed: {', '.join(COLUMNS)}"))
        elif name in seen:
            out.append(Problem(table.file, table.header_row, name, name,
                               f"column appears twice (columns {seen[name] + 1} and {i + 1})"))
        seen.setdefault(name, i)
    for name in REQUIRED:
        if name not in seen:
            out.append(Problem(table.file, table.header_row, name, None, "required column is missing"))
    return out
