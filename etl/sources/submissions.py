"""National submissions (CSV or XLSX from ministries and OSCE field operations) -> tidy rows, or every problem.

One way for every file: its records are staged in DuckDB (etl/sources/submission_io.py), the header is checked,
each cell is judged (etl/sources/submission_rules.py), the rows that pass are staged as tidy rows, and the rules
every source obeys (etl/checks.py) run over them. A build stages into the connection that writes the new
warehouse; `read` and `validate` use a connection of their own.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pandas as pd

from etl import checks, stage
from etl.errors import InputError, Problem
from etl.sources import submission_rules
from etl.sources.submission_io import COLUMNS, load_table
from etl.sources.submission_table import header_problems, require_data_rows, sql
from etl.sources.submission_template import write_template

__all__ = ["COLUMNS", "SOURCE_PREFIX", "read", "stage_file", "validate", "write_template"]

SOURCE_PREFIX = "submission:"


def read(path: Path) -> pd.DataFrame:
    """A submission file -> tidy rows; raises InputError listing every problem (nothing is half-read)."""
    con = stage.connect()
    try:
        batch = stage_file(con, Path(path))
        return stage.frame(con, batch)
    finally:
        con.close()


def validate(path: Path) -> list[Problem]:
    """Every problem in a submission file (empty list = it would load); never raises for bad content."""
    con = stage.connect()
    try:
        return _parse(con, Path(path), stage.new_batch(con), "")
    finally:
        con.close()


def stage_file(con: duckdb.DuckDBPyConnection, path: Path, snapshot_id: str = "") -> int:
    """Stage a submission's tidy rows in `con` as a new batch; raises InputError with every problem."""
    batch = stage.new_batch(con)
    problems = _parse(con, path, batch, snapshot_id)
    if problems:
        raise InputError(problems)
    return batch


def _parse(con: duckdb.DuckDBPyConnection, path: Path, batch: int, snapshot_id: str) -> list[Problem]:
    try:
        table = load_table(path, con)
        require_data_rows(con, table)
    except InputError as e:
        return e.problems
    try:
        problems = header_problems(con, table)
        if problems:
            return problems
        found = submission_rules.stage_rows(con, table, batch, SOURCE_PREFIX + path.stem, snapshot_id)
        # Exact repeats are not refused: the loader collapses them to one row.
        later = checks.check_batches(con, [batch])
        typed = submission_rules.shown_values(con, table, sorted({p.row for p in later if p.row is not None}))
        later = [_as_typed(p, typed) for p in later]
        return sorted(set(table.problems + found + later), key=_reading_order)
    finally:
        con.execute(sql("drop"))
        submission_rules.forget(con)


def _as_typed(problem: Problem, typed: dict) -> Problem:
    """Show the value as the sender typed it ('9'), not as the checks saw it after parsing (9.0)."""
    if (problem.row, problem.column) in typed:
        return dataclasses.replace(problem, value=typed[problem.row, problem.column])
    return problem


def _reading_order(p: Problem) -> tuple:
    """Row by row, and left to right within a row, as the sender reads the file."""
    return (p.row or 0, COLUMNS.index(p.column) if p.column in COLUMNS else len(COLUMNS), p.rule)
