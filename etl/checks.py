"""Rules every tidy row must pass before it reaches the warehouse; each failure is a Problem."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from etl import reference
from etl.errors import Problem

FIRST_YEAR = 1990


def _where(origin: str) -> tuple[str, int | None]:
    """'file.csv:12' -> ('file.csv', 12); the origin of a tidy row says where it came from."""
    name, _, row = origin.rpartition(":")
    return (name, int(row)) if row.isdigit() else (origin, None)


def _problem(rec, column: str, value, rule: str) -> Problem:
    name, row = _where(rec["origin"])
    return Problem(name, row, column, None if value is None else str(value), rule)


def check(df: pd.DataFrame, this_year: int | None = None) -> list[Problem]:
    """All rule violations in a tidy frame (empty list = loadable)."""
    this_year = this_year or dt.date.today().year
    problems = []
    for rec in df.to_dict("records"):
        problems += check_row(rec, this_year)
    problems += check_women_le_total(df)
    problems += check_duplicates(df)
    return problems


def check_row(rec: dict, this_year: int) -> list[Problem]:
    indicators, scopes, flags = reference.indicators(), reference.scopes(), reference.flags()
    out = []
    ind = indicators.get(rec["indicator"])
    if ind is None:
        out.append(_problem(rec, "indicator", rec["indicator"], f"unknown indicator; allowed: {', '.join(indicators)}"))
    if rec["scope"] not in scopes:
        out.append(_problem(rec, "scope", rec["scope"], f"unknown scope; allowed: {', '.join(scopes)}"))
    for f in filter(None, rec["flags"].split(";")):
        if f not in flags:
            out.append(_problem(rec, "flags", f, f"unknown flag; allowed: {', '.join(flags)}"))
    if not FIRST_YEAR <= int(rec["year"]) <= this_year:
        out.append(_problem(rec, "year", rec["year"], f"year must be within {FIRST_YEAR}..{this_year}"))
    value = float(rec["value"])
    if ind is not None and ind["unit"] == "percent" and not 0 <= value <= 100:
        out.append(_problem(rec, "value", rec["value"], "a share must be within 0–100 (percent)"))
    if ind is not None and ind["unit"] == "persons" and (value < 0 or value != int(value)):
        out.append(_problem(rec, "value", rec["value"], "a count must be a non-negative whole number"))
    if ind is not None and ind["unit"] == "per_100k" and value < 0:
        out.append(_problem(rec, "value", rec["value"], "a rate must not be negative"))
    return out


KEY = ["iso3", "year", "indicator", "scope", "source_id", "vintage"]


def _bound(flags: str) -> str:
    parts = flags.split(";")
    return "lower" if "lower_bound" in parts else "upper" if "upper_bound" in parts else ""


def check_women_le_total(df: pd.DataFrame) -> list[Problem]:
    """Women must not exceed the total for the same country, year, scope, source, vintage and group."""
    indicators = reference.indicators()
    groups = {code: (r["grp"], r["role"]) for code, r in indicators.items()}
    exact = df[df["flags"].map(_bound) == ""]
    women, total = {}, {}
    for rec in exact.to_dict("records"):
        grp, role = groups.get(rec["indicator"], (None, None))
        key = (rec["iso3"], rec["year"], rec["scope"], rec["source_id"], rec["vintage"], grp)
        if role == "women":
            women[key] = rec
        elif role == "total":
            total[key] = rec
    return [
        _problem(w, "value", w["value"], f"women ({w['value']:g}) exceed the total ({total[k]['value']:g}) "
                 f"given at {total[k]['origin']} for the same country, year and scope")
        for k, w in women.items() if k in total and float(w["value"]) > float(total[k]["value"])
    ]


def check_duplicates(df: pd.DataFrame) -> list[Problem]:
    """Two rows with the same key in one source and vintage must agree; differing values are an error."""
    keyed = df.assign(_bound=df["flags"].map(_bound))
    out = []
    for _, grp in keyed.groupby(KEY + ["_bound"], sort=False):
        if len(grp) > 1 and grp["value"].nunique() > 1:
            first = grp.iloc[0]
            for rec in grp.iloc[1:].to_dict("records"):
                if rec["value"] != first["value"]:
                    out.append(_problem(rec, "value", rec["value"],
                                        f"conflicts with {first['value']:g} at {first['origin']} "
                                        "(same country, year, indicator, scope, source and vintage)"))
    return out
