"""The one row shape every source parser returns, and helpers to build and normalise it."""
from __future__ import annotations

import pandas as pd

# Every parser returns a DataFrame with exactly these columns (one row = one observation).
#   iso3      ISO 3166-1 alpha-3 (or XKX for Kosovo)
#   year      int reference year
#   indicator code from data/reference/indicators.csv
#   value     float
#   scope     code from data/reference/scopes.csv (who is counted)
#   flags     ';'-joined sorted codes from data/reference/flags.csv ('' when none)
#   note      free text (English), '' when none
#   source_id id from data/reference/sources.csv, or 'submission:<file stem>'
#   vintage   release of the source (e.g. '2019'), '' when the source has none
#   citation  title of the document the figure was read from ('' = the source's own citation)
#   url       address of that document ('' = the source's own url)
#   origin    where in the raw input this row came from: '<file>:<row>' (for error messages and audit)
TIDY_COLUMNS = [
    "iso3", "year", "indicator", "value", "scope", "flags", "note",
    "source_id", "vintage", "citation", "url", "origin",
]


def join_flags(flags) -> str:
    """A canonical flags string: unique, sorted, ';'-joined."""
    return ";".join(sorted({f.strip() for f in flags if f and f.strip()}))


def split_flags(flags: str) -> list[str]:
    return [f for f in (flags or "").split(";") if f]


def empty_frame() -> pd.DataFrame:
    return frame([])


def frame(rows: list[dict]) -> pd.DataFrame:
    """Rows (dicts with TIDY_COLUMNS keys) -> a typed tidy DataFrame."""
    return typed(pd.DataFrame(rows, columns=TIDY_COLUMNS))


def typed(df: pd.DataFrame) -> pd.DataFrame:
    """A frame with exactly TIDY_COLUMNS -> the same frame with year, value and text columns typed."""
    for col in TIDY_COLUMNS:
        if col == "year":
            df[col] = df[col].astype("int64")
        elif col == "value":
            df[col] = df[col].astype("float64")
        else:
            df[col] = df[col].fillna("").astype(str)
    return df


def clean_float(value: float) -> float:
    """Remove binary float noise (28.000000000000004 -> 28.0) without rounding real decimals."""
    return round(float(value), 6)
