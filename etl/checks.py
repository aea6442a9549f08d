"""Rules every tidy row must pass before it reaches the warehouse; each failure is a Problem.

Vectorised over the whole frame (a national submission can hold a million rows); only failing rows
become Python objects.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from etl import reference
from etl.errors import Problem

FIRST_YEAR = 1990
KEY = ["iso3", "year", "indicator", "scope", "source_id", "vintage"]


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
    each = df.assign(flag=df["flags"].str.split(";")).explode("flag")
    bad = each[(each["flag"] != "") & ~each["flag"].isin(flags)]
    out += _problems(bad, slice(None), "flags", f"unknown flag; allowed: {', '.join(flags)}", value_col="flag")
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
    parts = flags.str.split(";")
    lower = parts.map(lambda p: "lower_bound" in p)
    upper = parts.map(lambda p: "upper_bound" in p)
    return pd.Series(["lower" if lo else "upper" if up else "" for lo, up in zip(lower, upper)], index=flags.index)


def check_women_le_total(df: pd.DataFrame) -> list[Problem]:
    """Women must not exceed the total for the same country, year, scope, source, vintage and rank group."""
    ind = reference.indicators()
    exact = df[bounds(df["flags"]) == ""].assign(
        grp=df["indicator"].map({c: r["grp"] for c, r in ind.items()}),
        role=df["indicator"].map({c: r["role"] for c, r in ind.items()}))
    key = ["iso3", "year", "scope", "source_id", "vintage", "grp"]
    women = exact[exact["role"] == "women"]
    total = exact[exact["role"] == "total"][key + ["value", "origin"]]
    pairs = women.merge(total, on=key, suffixes=("", "_total"))
    return _problems(pairs, pairs["value"] > pairs["value_total"], "value",
                     lambda r: f"women ({r['value']:g}) exceed the total ({r['value_total']:g}) given at "
                               f"{r['origin_total']} for the same country, year and scope")


def check_duplicates(df: pd.DataFrame) -> list[Problem]:
    """Rows with the same key in one source and vintage must agree; differing values are an error."""
    keyed = df.assign(_bound=bounds(df["flags"]))
    cols = KEY + ["_bound"]
    repeated = keyed[keyed.duplicated(cols, keep=False)]
    if repeated.empty:
        return []
    first = repeated.drop_duplicates(cols)[cols + ["value", "origin"]]
    later = repeated[repeated.duplicated(cols, keep="first")].merge(first, on=cols, suffixes=("", "_first"))
    return _problems(later, later["value"] != later["value_first"], "value",
                     lambda r: f"conflicts with {r['value_first']:g} at {r['origin_first']} "
                               "(same country, year, indicator, scope, source and vintage)")
