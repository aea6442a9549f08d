"""Reference tables in data/reference/*.csv -> plain dicts keyed by code (read once per process)."""
from __future__ import annotations

import csv
from functools import lru_cache

from etl import paths


def read_csv(name: str) -> list[dict]:
    with open(paths.REFERENCE / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@lru_cache(maxsize=None)
def table(name: str, key: str = "code") -> dict[str, dict]:
    """data/reference/<name>.csv as {key: row}."""
    return {row[key]: row for row in read_csv(f"{name}.csv")}


def indicators() -> dict[str, dict]:
    return table("indicators")


def scopes() -> dict[str, dict]:
    return table("scopes")


def flags() -> dict[str, dict]:
    return table("flags")


def sources() -> dict[str, dict]:
    return table("sources", key="id")
