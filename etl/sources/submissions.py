"""National submissions (CSV or XLSX from ministries and OSCE field operations) -> tidy rows, or every problem."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd

from etl import checks, reference, tidy
from etl.errors import InputError, Problem
from etl.sources import submission_cells as cells
from etl.sources.submission_io import COLUMNS, REQUIRED, Formula, Table, header_problems, load_table
from etl.sources.submission_template import EXAMPLE_MARKS, write_template

__all__ = ["COLUMNS", "SOURCE_PREFIX", "read", "validate", "write_template"]

SOURCE_PREFIX = "submission:"
# Plain numbers take the vectorised path; everything else (spaces, commas, '%', text) goes cell by cell.
SIMPLE_NUMBER = r"-?\d+(?:\.\d+)?"


def read(path: Path) -> pd.DataFrame:
    """A submission file -> tidy rows; raises InputError listing every problem (nothing is half-read)."""
    df, problems = _parse(Path(path))
    if problems:
        raise InputError(problems)
    return df


def validate(path: Path) -> list[Problem]:
    """Every problem in a submission file (empty list = it would load); never raises for bad content."""
    return _parse(Path(path))[1]


def _parse(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    try:
        table = load_table(path)
    except InputError as e:
        return tidy.empty_frame(), e.problems
    problems = header_problems(table)
    if problems:
        return tidy.empty_frame(), problems
    raw, text = _columns(table)
    found = _Found(table.file, raw, text)
    parsed = _parse_columns(raw, text, found, table.text_only)
    df = tidy.frame(_tidy_rows(parsed, text, ~found.bad_rows(), table.file, path.stem))
    # Exact repeats are not refused: the loader collapses them to one row.
    later = [_as_typed(p, text) for p in checks.check(df)]
    return df, sorted(set(table.problems + found.problems() + later), key=_reading_order)


def _columns(table: Table) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(cells as typed, cells as stripped text), one column per name in COLUMNS ('' where the file has none)."""
    position = {name: i for i, name in enumerate(table.header) if name}
    raw = pd.DataFrame({name: table.cells[position[name]] if name in position else "" for name in COLUMNS},
                       index=table.cells.index)
    if table.text_only:
        return raw, raw
    raw = raw.fillna("")
    return raw, raw.map(cells.text_of)


class _Found:
    """Problems found column by column: boolean row masks, each with its rule (one text, or one per row)."""

    def __init__(self, file: str, raw: pd.DataFrame, text: pd.DataFrame):
        self.file, self.raw, self.text = file, raw, text
        self.masks: list[tuple[str, pd.Series, str | pd.Series]] = []
        self.ready: list[Problem] = []

    def add(self, column: str, mask: pd.Series, rule: str | pd.Series) -> None:
        if mask.any():
            self.masks.append((column, mask, rule))

    def bad_rows(self) -> pd.Series:
        bad = pd.Series(False, index=self.text.index)
        for _, mask, _ in self.masks:
            bad |= mask
        bad[[p.row for p in self.ready]] = True
        return bad

    def problems(self) -> list[Problem]:
        out = list(self.ready)
        for column, mask, rule in self.masks:
            for row in mask.index[mask]:
                raw = self.raw.at[row, column]
                shown = raw.text if isinstance(raw, Formula) else self.text.at[row, column]
                out.append(Problem(self.file, int(row), column, shown, rule if isinstance(rule, str) else rule[row]))
        return out


# Cells are checked column by column: each distinct text is parsed once (a million-row file has a few dozen
# countries and codes), plain numbers are converted in one vectorised step, and only failing rows become
# Problem objects.
def _parse_columns(raw: pd.DataFrame, text: pd.DataFrame, found: _Found, text_only: bool) -> dict[str, pd.Series]:
    """Column name -> parsed values (None where the cell failed; every failure is in `found`)."""
    usable = _usable(raw, text, found, text_only)
    found.add("note", text["note"].str.upper().str.startswith(EXAMPLE_MARKS),
              "this is an example row from the template; delete it before sending")

    def each(series: pd.Series, column: str, parse) -> pd.Series:
        return _each_distinct(series, column, parse, usable[column], found)

    out = {
        "country": each(text["country"], "country", cells.country),
        "year": each(raw["year"], "year", cells.year),
        "indicator": each(text["indicator"], "indicator", lambda v: cells.code(v, "indicators")),
        "scope": each(text["scope"], "scope", lambda v: cells.code(v, "scopes")),
        "source_url": each(text["source_url"], "source_url", cells.url),
    }
    units = out["indicator"].map({code: r["unit"] for code, r in reference.indicators().items()}).fillna("")
    # The unit cell is only checked against the indicator's unit, so the (unit, indicator unit) pair is parsed.
    each(text["unit"] + "\x00" + units, "unit", lambda pair: cells.unit(*pair.split("\x00")))
    out["value"] = _values(raw["value"], text["value"], units, usable["value"], found)
    out["flags"] = _flags(text["flags"], usable["flags"], found)
    return out


def _usable(raw: pd.DataFrame, text: pd.DataFrame, found: _Found, text_only: bool) -> pd.DataFrame:
    """Cells worth parsing: not a formula (an XLSX formula, or text starting with '='), not empty where required."""
    typed = text.apply(lambda col: col.str.startswith("="))
    formula = typed if text_only else typed | raw.map(lambda v: isinstance(v, Formula))
    for column in COLUMNS:
        # Text such as =HYPERLINK(...) would also run in the spreadsheet of whoever opens an export.
        rules = raw[column][formula[column]].map(
            lambda v: f"cell {v.coordinate} holds a formula; type the value itself" if isinstance(v, Formula)
            else "a formula ('=' first), not a value; type the value itself")
        found.add(column, formula[column], rules)
    empty = pd.DataFrame({c: text[c].eq("") & ~formula[c] if c in REQUIRED else False for c in COLUMNS})
    for column in REQUIRED:
        found.add(column, empty[column], "required value is empty")
    return ~formula & ~empty


def _each_distinct(series: pd.Series, column: str, parse, usable: pd.Series, found: _Found) -> pd.Series:
    """Parses each distinct cell value once; failing usable cells are added to `found`, their value is None."""
    codes, distinct = pd.factorize(series)
    parsed, rules = np.full(len(distinct), None, dtype=object), np.full(len(distinct), "", dtype=object)
    for i, value in enumerate(distinct):
        try:
            parsed[i] = parse(value)
        except cells.CellError as e:
            rules[i] = str(e)
    per_row = pd.Series(rules[codes], index=series.index)
    found.add(column, usable & per_row.ne(""), per_row)
    return pd.Series(parsed[codes], index=series.index)


def _values(raw: pd.Series, text: pd.Series, units: pd.Series, usable: pd.Series, found: _Found) -> pd.Series:
    """Numbers: plain ones vectorised (with the fraction rule), the rest through submission_cells.value."""
    percent = units.eq("percent")
    lookalike = ~percent & text.str.fullmatch(cells.THOUSANDS_LOOKALIKE.pattern)
    fast = usable & text.str.fullmatch(SIMPLE_NUMBER) & ~lookalike
    values = pd.to_numeric(text.where(fast), errors="coerce").round(6)
    found.add("value", fast & percent & values.gt(0) & values.lt(1), cells.FRACTION)
    slow, memo, rules = usable & ~fast, {}, {}
    for row in slow.index[slow]:
        key = (raw[row], units[row] or None)
        if key not in memo:
            try:
                memo[key] = cells.value(*key)
            except cells.CellError as e:
                memo[key] = e
        if isinstance(memo[key], cells.CellError):
            rules[row] = str(memo[key])
        else:
            values[row] = memo[key]
    found.add("value", pd.Series(values.index.isin(list(rules)), index=values.index), pd.Series(rules, dtype=str))
    return values


def _flags(text: pd.Series, usable: pd.Series, found: _Found) -> pd.Series:
    """';'- or ','-separated codes -> the canonical flags string; each unknown code is its own Problem."""
    joined, bad = {}, {}
    for value in text[usable].unique():
        codes, wrong = cells.flags(value)
        joined[value] = tidy.join_flags(codes)
        if wrong:
            bad[value] = wrong
    for row in text.index[usable & text.isin(list(bad))]:
        found.ready += [Problem(found.file, int(row), "flags", code, rule) for code, rule in bad[text[row]]]
    return text.map(joined)


def _tidy_rows(parsed: dict, text: pd.DataFrame, ok: pd.Series, file: str, stem: str) -> pd.DataFrame:
    rows = ok.index[ok]
    return pd.DataFrame({
        "iso3": parsed["country"][rows], "year": parsed["year"][rows], "indicator": parsed["indicator"][rows],
        "value": parsed["value"][rows], "scope": parsed["scope"][rows], "flags": parsed["flags"][rows],
        "note": text["note"][rows], "source_id": SOURCE_PREFIX + stem, "vintage": "",
        "citation": text["source_title"][rows], "url": parsed["source_url"][rows],
        "origin": f"{file}:" + pd.Series(rows.astype(str), index=rows),
    }, index=rows).reset_index(drop=True)


def _as_typed(problem: Problem, text: pd.DataFrame) -> Problem:
    """Show the value as the sender typed it ('9'), not as the checks saw it after parsing (9.0)."""
    if problem.row in text.index and problem.column in text.columns:
        return dataclasses.replace(problem, value=text.at[problem.row, problem.column])
    return problem


def _reading_order(p: Problem) -> tuple:
    """Row by row, and left to right within a row, as the sender reads the file."""
    return (p.row or 0, COLUMNS.index(p.column) if p.column in COLUMNS else len(COLUMNS), p.rule)
