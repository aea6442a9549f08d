"""UN Minimum Set of Gender Indicators IV.4 (UNODC data via UNSD): TSV / CSV / XLSX -> tidy rows."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl import tidy
from etl.countries import UnknownCountry, resolver
from etl.errors import InputError, Problem

SOURCE_ID = "un_minset_iv4"
RAW_FOLDER = "unstats_minset_female_police"
XLSX_NAME = "IV_4__Ib3320b80_data.xlsx"          # both releases (2017, 2019) stacked
TSV_NAME = "7500__IV_4__Ib3320b80__Sb3320b80.csv"  # 2019 release; tab-separated despite .csv
REARRANGED_NAME = "rearranged_7500__IV_4__Ib3320b80__Sb3320b80.csv"  # 2019 release, comma-separated

REQUIRED = ["REF_AREA", "ISO3", "TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE", "SOURCE_YEAR"]
EXPECTED = {"UNIT_MEASURE": "PT", "SEX": "F", "NATURE": "C"}


def parse(path: Path) -> pd.DataFrame:
    """Any of the three published layouts -> tidy rows (one per country, year and release)."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        raw = pd.read_excel(path, dtype=str)
        first_row = 2  # row 1 holds the header in the sheet
    else:
        raw = _read_text(path)
        first_row = 2
    raw = raw.rename(columns={"OBS_VALUE__F": "OBS_VALUE", "NATURE__F": "NATURE"})
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise InputError([Problem(path.name, None, c, None, "required column is missing") for c in missing])
    return _tidy(raw, path.name, first_row)


def _read_text(path: Path) -> pd.DataFrame:
    with open(path, encoding="utf-8-sig") as f:
        header = f.readline()
    sep = "\t" if header.count("\t") > header.count(",") else ","
    return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _tidy(raw: pd.DataFrame, name: str, first_row: int) -> pd.DataFrame:
    countries = resolver()
    rows, problems = [], []
    for i, rec in enumerate(raw.to_dict("records")):
        line = first_row + i
        for col, want in EXPECTED.items():
            if col in rec and rec[col] not in (want, None, ""):
                problems.append(Problem(name, line, col, rec[col], f"expected {want!r}"))
        iso3, year, value = _country(rec, name, line, countries, problems), None, None
        try:
            year = int(float(rec["TIME_PERIOD"]))
        except (TypeError, ValueError):
            problems.append(Problem(name, line, "TIME_PERIOD", rec["TIME_PERIOD"], "year must be a whole number"))
        try:
            value = tidy.clean_float(rec["OBS_VALUE"])
        except (TypeError, ValueError):
            problems.append(Problem(name, line, "OBS_VALUE", rec["OBS_VALUE"], "value must be a number"))
        if iso3 is None or year is None or value is None:
            continue
        rows.append({
            "iso3": iso3, "year": year, "indicator": "share_women_police", "value": value,
            "scope": "police_officers", "flags": "rounded" if value == int(value) else "",
            "note": "", "source_id": SOURCE_ID, "vintage": str(int(float(rec["SOURCE_YEAR"]))),
            "citation": "", "url": "", "origin": f"{name}:{line}",
        })
    if problems:
        raise InputError(problems)
    return tidy.frame(rows).sort_values(["vintage", "iso3", "year"], ignore_index=True)


def _country(rec: dict, name: str, line: int, countries, problems: list) -> str | None:
    """ISO3 from the file, cross-checked against its M49 code so a mislabelled row cannot slip through."""
    try:
        iso3 = countries.resolve(rec["ISO3"])
    except UnknownCountry as e:
        problems.append(Problem(name, line, "ISO3", rec["ISO3"], str(e)))
        return None
    try:
        by_m49 = countries.from_m49(rec["REF_AREA"])
    except (KeyError, ValueError):
        by_m49 = iso3
    if by_m49 != iso3:
        problems.append(Problem(name, line, "REF_AREA", rec["REF_AREA"], f"M49 code is {by_m49}, ISO3 says {iso3}"))
        return None
    return iso3


def bundle(raw_dir: Path) -> pd.DataFrame:
    """The rows the offline build carries: both releases, from the XLSX."""
    return parse(Path(raw_dir) / RAW_FOLDER / XLSX_NAME)


def raw_files(raw_dir: Path) -> list[tuple[Path, str]]:
    """Raw files this source's bundle is derived from, with the release(s) each holds."""
    base = Path(raw_dir) / RAW_FOLDER
    return [(base / XLSX_NAME, "2017;2019")]
