"""Women police associations (raw women_police_associations.csv) -> checked rows -> data/bundled/associations.csv.

Not observations: no figure, nothing charted. One row per organisation, as read in the cited page. `REG`
(a regional or international body) is not a country: it becomes iso3 empty with reach 'multinational'.
A founding year the source does not state stays empty: never guessed.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
from pathlib import Path

import pandas as pd

from etl import paths
from etl.countries import resolver
from etl.errors import InputError, Problem
from etl.sources.text_lang import text_lang

RAW_NAME = "women_police_associations.csv"
BUNDLED_NAME = "associations.csv"
RAW_COLUMNS = ["name_en", "name_local", "iso3", "scope", "founded_year", "type", "source_title", "source_url",
               "quote", "note"]
BUNDLED_COLUMNS = ["name_en", "name_local", "name_local_lang", "iso3", "reach", "scope", "type", "founded_year",
                   "source_title", "source_title_lang", "source_url", "quote", "quote_lang", "note", "origin"]
MULTINATIONAL = "REG"  # the raw file's code for a regional or international body
SCOPES = {"national": "country", "subnational": "country", "regional": "multinational",
          "international": "multinational"}  # scope -> the reach it implies
TYPES = ("association", "network", "union", "council")
REQUIRED = ("name_en", "iso3", "scope", "type", "source_title", "source_url", "quote")
FIRST_YEAR = 1800  # the oldest body listed dates from 1915; earlier is a typing error


def read_raw(path: Path) -> list[dict]:
    """Every row of the raw file, checked; raises InputError naming file, row, column, value and rule."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError([Problem(path.name, None, None, None, f"not UTF-8 text ({e.reason} at byte {e.start})")])
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header != RAW_COLUMNS:
        raise InputError([Problem(path.name, 1, None, ",".join(header or []),
                                  f"header must be exactly: {','.join(RAW_COLUMNS)}")])
    rows, problems = [], []
    for cells in reader:
        number = reader.line_num  # the line the record ends on, as the other readers count
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(RAW_COLUMNS):
            problems.append(Problem(path.name, number, None, f"{len(cells)} fields",
                                    f"a row must have {len(RAW_COLUMNS)} fields (quote fields holding commas)"))
            continue
        rec = {k: v.strip() for k, v in zip(RAW_COLUMNS, cells)}
        found = row_problems(rec)
        problems += [Problem(path.name, number, column, value, rule) for column, value, rule in found]
        rows.append({**rec, "origin": f"{path.name}:{number}"})
    problems += duplicate_names(path.name, rows)
    if not rows and not problems:
        problems.append(Problem(path.name, None, None, None, "no rows below the header"))
    if problems:
        raise InputError(problems)
    return rows


def row_problems(rec: dict) -> list[tuple[str, str, str]]:
    """(column, value, rule) for each rule one raw row breaks."""
    found = [(c, rec[c], "required: must not be empty") for c in REQUIRED if not rec[c]]
    iso3, scope = rec["iso3"], rec["scope"]
    if iso3 and iso3 != MULTINATIONAL and iso3 not in resolver().countries:
        found.append(("iso3", iso3, f"an ISO 3166-1 alpha-3 code (or XKX), or {MULTINATIONAL} for a regional "
                                    "or international body"))
    if scope and scope not in SCOPES:
        found.append(("scope", scope, f"one of: {', '.join(SCOPES)}"))
    elif scope and iso3 and (SCOPES[scope] == "multinational") != (iso3 == MULTINATIONAL):
        found.append(("scope", scope, f"{MULTINATIONAL} goes with scope regional or international, a country "
                                      "with national or subnational"))
    if rec["type"] and rec["type"] not in TYPES:
        found.append(("type", rec["type"], f"one of: {', '.join(TYPES)}"))
    if rec["founded_year"] and not _year_ok(rec["founded_year"]):
        found.append(("founded_year", rec["founded_year"],
                      f"a year from {FIRST_YEAR} to this year, or empty when the source does not state it"))
    if rec["source_url"] and not rec["source_url"].startswith(("http://", "https://")):
        found.append(("source_url", rec["source_url"], "must start with http:// or https://"))
    return found


def _year_ok(text: str) -> bool:
    return text.isascii() and text.isdigit() and FIRST_YEAR <= int(text) <= dt.date.today().year


def duplicate_names(file: str, rows: list[dict]) -> list[Problem]:
    """Each organisation once: the same English name twice is a copy or a missing distinction."""
    seen, found = {}, []
    for rec in rows:
        row = int(rec["origin"].rsplit(":", 1)[1])
        if rec["name_en"] in seen:
            found.append(Problem(file, row, "name_en", rec["name_en"],
                                 f"duplicate: the same name as row {seen[rec['name_en']]}"))
        seen.setdefault(rec["name_en"], row)
    return found


def normalise(rows: list[dict]) -> pd.DataFrame:
    """Raw rows -> the bundled table: REG -> iso3 '' + reach 'multinational'; languages told from the text."""
    out = []
    for rec in rows:
        multinational = rec["iso3"] == MULTINATIONAL
        out.append({
            **{k: rec[k] for k in ("name_en", "name_local", "scope", "type", "founded_year", "source_title",
                                   "source_url", "quote", "note", "origin")},
            "iso3": "" if multinational else rec["iso3"],
            "reach": "multinational" if multinational else "country",
            "name_local_lang": text_lang(rec["name_local"]),
            "source_title_lang": text_lang(rec["source_title"]),
            "quote_lang": text_lang(rec["quote"]),
        })
    return pd.DataFrame(out, columns=BUNDLED_COLUMNS)


def bundle(raw_dir: Path) -> pd.DataFrame:
    """The bundled table from the raw folder (raw row order: it is the compiler's order)."""
    return normalise(read_raw(Path(raw_dir) / RAW_NAME))


def write_bundle(raw_dir: Path, out_dir: Path = paths.BUNDLED) -> dict[str, int]:
    """Write data/bundled/associations.csv (next to it, then renamed: a reader never sees half a file)."""
    df = bundle(raw_dir)
    target = Path(out_dir) / BUNDLED_NAME
    part = target.with_name(target.name + ".part")
    df.to_csv(part, index=False, lineterminator="\n")
    os.replace(part, target)
    return {BUNDLED_NAME: len(df)}


def read_bundled(path: Path | None = None) -> pd.DataFrame:
    """The committed bundle typed for the warehouse: missing iso3, local name, year and language as NULL."""
    df = pd.read_csv(path or paths.BUNDLED / BUNDLED_NAME, dtype=str, keep_default_na=False)
    df["founded_year"] = pd.array([int(y) if y else None for y in df["founded_year"]], dtype="Int64")
    for column in ("iso3", "name_local", "name_local_lang", "source_title_lang", "quote_lang"):
        df[column] = df[column].mask(df[column] == "", None)
    return df


def countries(df: pd.DataFrame) -> set[str]:
    """The countries the associations name (the warehouse's country table must hold them, e.g. XKX)."""
    return set(df["iso3"].dropna())
