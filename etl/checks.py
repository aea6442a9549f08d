"""Rules every tidy row must pass before it reaches the warehouse; each failure is a Problem.

Vectorised over the whole frame (a national submission can hold a million rows): per-row rules in
pandas, rules across rows in SQL (etl/rules/*.sql) run by DuckDB over the frame; only failing rows
become Python objects.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd

from etl import reference
from etl.errors import Problem

FIRST_YEAR = 1990
RULES = Path(__file__).resolve().parent / "rules"


def check(df: pd.DataFrame, this_year: int | None = None) -> list[Problem]:
    """All rule violations in a tidy frame (empty list = loadable)."""
    if df.empty:
        return []
    this_year = this_year or dt.date.today().year
    df = df.reset_index(drop=True)
    return (check_codes(df) + check_values(df, this_year)
            + check_women_le_total(df) + check_duplicates(df))


def _problems(df: pd.DataFrame, mask, column: str, rule, value_col: str | None = None) -> list[Problem]:
    """One Problem per masked row; `rule` is a string or a function of the row."""
    out = []
    for rec in df[mask].to_dict("records"):
        name, _, row = rec["origin"].rpartition(":")
        where = (name, int(row)) if row.isdigit() else (rec["origin"], None)
        value = rec[value_col or column]
        out.append(Problem(where[0], where[1], column, None if value is None else str(value),
                           rule(rec) if callable(rule) else rule))
    return out


def check_codes(df: pd.DataFrame) -> list[Problem]:
    indicators, scopes, flags = reference.indicators(), reference.scopes(), reference.flags()
    out = _problems(df, ~df["indicator"].isin(indicators), "indicator",
                    f"unknown indicator; allowed: {', '.join(indicators)}")
    out += _problems(df, ~df["scope"].isin(scopes), "scope", f"unknown scope; allowed: {', '.join(scopes)}")
    # Few distinct flag strings even in a million rows: judge each distinct string once.
    unknown = {text: [f for f in text.split(";") if f and f not in flags] for text in df["flags"].unique()}
    bad_rows = df[df["flags"].map(lambda text: bool(unknown[text]))]
    bad_rows = bad_rows.assign(flag=bad_rows["flags"].map(lambda text: ";".join(unknown[text])))
    out += _problems(bad_rows, slice(None), "flags", f"unknown flag; allowed: {', '.join(flags)}", value_col="flag")
    return out


def check_values(df: pd.DataFrame, this_year: int) -> list[Problem]:
    units = df["indicator"].map({code: r["unit"] for code, r in reference.indicators().items()})
    value = df["value"].astype(float)
    out = _problems(df, (df["year"] < FIRST_YEAR) | (df["year"] > this_year), "year",
                    f"year must be within {FIRST_YEAR}..{this_year}")
    out += _problems(df, (units == "percent") & ~value.between(0, 100), "value",
                     "a share must be within 0–100 (percent)")
    out += _problems(df, (units == "persons") & ((value < 0) | (value != value.round())), "value",
                     "a count must be a non-negative whole number")
    out += _problems(df, (units == "per_100k") & (value < 0), "value", "a rate must not be negative")
    return out


def bounds(flags: pd.Series) -> pd.Series:
    """'' for an exact value, 'lower' / 'upper' for a bound (a range is a lower and an upper row)."""
    # Flag codes are whole words and no other code contains these two, so a substring test is exact.
    lower = flags.str.contains("lower_bound", regex=False)
    upper = flags.str.contains("upper_bound", regex=False)
    out = pd.Series("", index=flags.index, dtype=object)
    out[upper] = "upper"
    out[lower] = "lower"
    return out


def _sql(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Run etl/rules/<name>.sql over the frame (as `rows`) and the indicator table (as `ind`)."""
    con = duckdb.connect()
    try:
        con.register("rows", df[["iso3", "year", "indicator", "value", "scope", "flags", "source_id", "vintage", "origin"]])
        con.register("ind", pd.DataFrame(list(reference.indicators().values())))
        return con.execute((RULES / f"{name}.sql").read_text(encoding="utf-8")).df()
    finally:
        con.close()


def check_women_le_total(df: pd.DataFrame) -> list[Problem]:
    """Women must not exceed the total for the same country, year, scope, source, vintage and rank group."""
    pairs = _sql("women_le_total", df)
    return _problems(pairs, slice(None), "value",
                     lambda r: f"women ({r['value']:g}) exceed the total ({r['value_total']:g}) given at "
                               f"{r['origin_total']} for the same country, year and scope")


def check_duplicates(df: pd.DataFrame) -> list[Problem]:
    """Rows with the same key in one source and vintage must agree; differing values are an error."""
    later = _sql("conflicting_duplicates", df)
    return _problems(later, slice(None), "value",
                     lambda r: f"conflicts with {r['value_first']:g} at {r['origin_first']} "
                               "(same country, year, indicator, scope, source and vintage)")
