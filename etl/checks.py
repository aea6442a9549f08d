"""Rules every tidy row must pass before it reaches the warehouse; each failure is a Problem.

The rules are SQL (etl/rules/*.sql) run by DuckDB over the staged rows of the batches being checked (the view
`rows`, etl/stage/stage.sql), so a million-row submission is checked without a Python object per row; only
failing rows come back to Python, to be worded here.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd

from etl import reference, stage
from etl.errors import Problem

FIRST_YEAR = 1990
RULES = Path(__file__).resolve().parent / "rules"


def check(df: pd.DataFrame, this_year: int | None = None) -> list[Problem]:
    """All rule violations in a tidy frame (empty list = loadable)."""
    if df.empty:
        return []
    con = stage.connect()
    try:
        return check_batches(con, [stage.add_frame(con, df)], this_year)
    finally:
        con.close()


def check_batches(con: duckdb.DuckDBPyConnection, batches: list[int], this_year: int | None = None) -> list[Problem]:
    """All rule violations in these staged batches, checked together (duplicates are sought across them)."""
    con.execute("DELETE FROM checking")
    con.executemany("INSERT INTO checking VALUES (?)", [[b] for b in batches])
    this_year = this_year or dt.date.today().year
    return (check_codes(con) + check_values(con, this_year)
            + check_women_le_total(con) + check_duplicates(con))


def _rule(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> list[dict]:
    return con.execute((RULES / f"{name}.sql").read_text(encoding="utf-8"), params or {}).df().to_dict("records")


def _problem(rec: dict, column: str, value, rule: str) -> Problem:
    name, _, row = rec["origin"].rpartition(":")
    where = (name, int(row)) if row.isdigit() else (rec["origin"], None)
    return Problem(where[0], where[1], column, None if value is None else str(value), rule)


def check_codes(con: duckdb.DuckDBPyConnection) -> list[Problem]:
    allowed = {"indicator": ("indicator", reference.indicators()), "scope": ("scope", reference.scopes()),
               "flags": ("flag", reference.flags())}
    out = []
    for rec in _rule(con, "codes"):
        what, codes = allowed[rec["column"]]
        out.append(_problem(rec, rec["column"], rec["value"], f"unknown {what}; allowed: {', '.join(codes)}"))
    return out


def check_values(con: duckdb.DuckDBPyConnection, this_year: int) -> list[Problem]:
    rules = {1: f"year must be within {FIRST_YEAR}..{this_year}", 2: "a share must be within 0–100 (percent)",
             3: "a count must be a non-negative whole number", 4: "a rate must not be negative"}
    return [_problem(rec, rec["column"], int(rec["year"]) if rec["k"] == 1 else float(rec["value"]), rules[rec["k"]])
            for rec in _rule(con, "values", {"first_year": FIRST_YEAR, "this_year": this_year})]


def check_women_le_total(con: duckdb.DuckDBPyConnection) -> list[Problem]:
    """Women must not exceed the total for the same country, year, scope, source, vintage and rank group."""
    return [_problem(r, "value", r["value"], f"women ({r['value']:g}) exceed the total ({r['value_total']:g}) given at "
                                             f"{r['origin_total']} for the same country, year and scope")
            for r in _rule(con, "women_le_total")]


def check_duplicates(con: duckdb.DuckDBPyConnection) -> list[Problem]:
    """Rows with the same key in one source and vintage must agree; differing values are an error."""
    return [_problem(r, "value", r["value"], f"conflicts with {r['value_first']:g} at {r['origin_first']} "
                                             "(same country, year, indicator, scope, source and vintage)")
            for r in _rule(con, "conflicting_duplicates")]
