"""The cell rules of a staged submission. SQL (etl/submission/*.sql) lists each distinct cell of a column,
Python judges it once (etl/sources/submission_cells.py holds each rule, for CSV and XLSX alike), SQL joins the
verdicts back to the rows, lists every failing cell and stages the rows without one as tidy rows.

The one rule SQL applies itself is the reading of plain numbers (etl/submission/template.sql), on which it
agrees with submission_cells.value by construction: a million distinct figures need no Python call each.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from etl import tidy
from etl.errors import Problem
from etl.sources import submission_cells as cells
from etl.sources.submission_io import REQUIRED, Formula
from etl.sources.submission_table import Table, raw, shown, sql
from etl.sources.submission_template import EXAMPLE_MARKS

EXAMPLE_RULE = "this is an example row from the template; delete it before sending"
FIRST_COLUMNS = ["country", "year", "indicator", "scope", "source_url", "flags", "source_title", "note"]
PARSERS = {
    "country": cells.country, "year": cells.year, "indicator": lambda v: cells.code(v, "indicators"),
    "scope": lambda v: cells.code(v, "scopes"), "source_url": cells.url,
    "flags": lambda v: tidy.join_flags(cells.flags(v)[0]), "source_title": cells.text_of, "note": cells.text_of,
    "unit": lambda v, unit: cells.unit(v, unit), "value": lambda v, unit: cells.value(v, unit or None),
}


def stage_rows(con: duckdb.DuckDBPyConnection, table: Table, batch: int, source_id: str, snapshot_id: str) -> list[Problem]:
    """Judge every cell; stage the rows that pass as `batch`; return the failing cells as Problems."""
    lookup, flag_bad = [], []
    for col, keys in zip(FIRST_COLUMNS, con.execute(sql("keys")).fetchall()[0]):
        for key in keys:
            lookup.append((col, key, *judge(col, key, table.text_only)))
            if col == "flags" and lookup[-1][3] == "flag":
                flag_bad += [(key, code, rule) for code, rule in cells.flags(raw(key, table.text_only))[1]]
    con.register("sub_lookup", pd.DataFrame(lookup, columns=["col", "key", "parsed", "kind", "rule"], dtype=object))
    con.register("sub_flag_bad", pd.DataFrame(flag_bad, columns=["key", "code", "rule"], dtype=object))
    second = [(col, key, unit, *judge(col, key, table.text_only, unit)) for col, key, unit in con.execute(sql("keys2")).fetchall()]
    con.register("sub_lookup2", pd.DataFrame(second, columns=["col", "key", "ind_unit", "value", "kind", "rule"]).astype(
        {"col": object, "key": object, "ind_unit": object, "value": "float64", "kind": object, "rule": object}))
    bad = {col: [] for col in FIRST_COLUMNS + ["unit", "value"]}
    for verdict in lookup + [(col, key, *rest) for col, key, _, *rest in second]:
        if verdict[3]:
            bad[verdict[0]].append(verdict[1])
    con.execute(sql("suspect"), {"bad": bad})
    con.execute(sql("parsed"))
    con.execute(sql("problems"))
    con.execute(sql("tidy"), {"batch": batch, "source_id": source_id, "file": table.file, "snapshot_id": snapshot_id})
    return [_problem(table, r) for r in con.execute("SELECT * FROM sub_problems").fetchall()]


def forget(con: duckdb.DuckDBPyConnection) -> None:
    """Unregister the verdict frames of the last submission."""
    registered = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE temporary").fetchall()}
    for name in ("sub_lookup", "sub_lookup2", "sub_flag_bad"):
        if name in registered:
            con.unregister(name)


def judge(column: str, key: str, text_only: bool, unit: str | None = None) -> tuple:
    """One distinct cell -> (parsed value, kind, rule); kind '' = fine, else formula, empty, rule or flag."""
    value = raw(key, text_only)
    text = cells.text_of(value)
    if isinstance(value, Formula) or text.startswith("="):
        # Text such as =HYPERLINK(...) would also run in the spreadsheet of whoever opens an export.
        return None, "formula", ""
    if column in REQUIRED and not text:
        return None, "empty", ""
    if column == "note" and text.upper().startswith(EXAMPLE_MARKS):
        return text, "rule", EXAMPLE_RULE
    if column == "flags" and cells.flags(value)[1]:
        return None, "flag", ""
    try:
        parsed = PARSERS[column](value, unit) if column in ("unit", "value") else PARSERS[column](value)
    except cells.CellError as e:
        return None, "rule", str(e)
    return (parsed if column == "value" else None if parsed is None else str(parsed)), "", ""


def _problem(table: Table, record: tuple) -> Problem:
    row, column, kind, cell, rule = record
    if kind == "flag":
        return Problem(table.file, int(row), column, cell, rule)
    value = raw(cell, table.text_only)
    if kind == "formula":
        rule = (f"cell {value.coordinate} holds a formula; type the value itself" if isinstance(value, Formula)
                else "a formula ('=' first), not a value; type the value itself")
    elif kind == "empty":
        rule = "required value is empty"
    elif kind == "fraction":
        rule = cells.FRACTION
    return Problem(table.file, int(row), column, shown(cell, table.text_only), rule)


def shown_values(con: duckdb.DuckDBPyConnection, table: Table, rows: list[int]) -> dict[tuple[int, str], str]:
    """(row, column) -> the cell as the sender typed it, for these rows."""
    found = con.execute(sql("shown"), {"rows": rows}).df() if rows else pd.DataFrame()
    return {(int(r["row"]), col): shown(r[col], table.text_only)
            for r in found.to_dict("records") for col in r if col != "row"}
