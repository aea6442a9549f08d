"""Eurostat crim_just_job (police officers by sex, JSON-stat 2.0 from the dissemination API) -> tidy rows."""
from __future__ import annotations

import hashlib
import json
import math
import re
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from etl import paths, tidy
from etl.fetch import download, write_atomically
from etl.countries import UnknownCountry, resolver
from etl.errors import FetchError, InputError, Problem

SOURCE_ID = "eurostat_crim_just_job"
URL = ("https://ec.europa.eu/eurostat/api/dissemination/statistics/1.0/data/crim_just_job"
       "?format=JSON&lang=EN&isco08=OC5412")
POLICE_OFFICERS = "OC5412"  # ISCO-08 5412 "Police officers"; the dataset also holds judges and prison staff
DIMENSIONS = ["unit", "sex", "isco08", "geo", "time"]

# Men (sex M) are not loaded: the warehouse computes the share from women / total, and the total is
# what Eurostat publishes (M + F can fall short of T where the sex of some staff is not recorded).
INDICATORS = {
    ("NR", "F"): "police_women",
    ("NR", "T"): "police_total",
    ("P_HTHAB", "T"): "police_per_100k",
}
# Eurostat observation status letters -> our flag codes. A status may combine letters ("bu").
# "s" (Eurostat's own estimate) is still an estimate; "r" (revised) marks the current figure, which
# needs no caveat; ":" stands for "not available" and comes without a value.
FLAGS = {
    "b": "break_in_series", "e": "estimated", "s": "estimated", "p": "provisional",
    "c": "confidential", "u": "low_reliability", "d": "definition_differs", "r": "", ":": "",
}
# Groups of countries (EU27_2020, EU28, EA19, EA, EEA, EFTA...) are not countries.
AGGREGATE = re.compile(r"^(EU|EA|EEA|EFTA)(\d|_|$)")


def fetch(dest_dir: Path = paths.SNAPSHOTS, url: str = URL, timeout: float = 30) -> Path:
    """Download the dataset to dest_dir/<SOURCE_ID>_<date>.json with a .meta.json sidecar; all or nothing."""
    host = urlsplit(url).hostname or url
    body = download(url, host, timeout).content
    try:
        doc = json.loads(body)
    except ValueError as e:
        raise FetchError(f"{host} sent something that is not JSON ({type(e).__name__})") from e
    if not isinstance(doc, dict) or doc.get("class") != "dataset":
        raise FetchError(f"{host} sent JSON that is not a JSON-stat dataset (no \"class\": \"dataset\")")
    now = datetime.now(timezone.utc)
    meta = {"source_id": SOURCE_ID, "url": url, "retrieved_at": now.isoformat(timespec="seconds"),
            "sha256": hashlib.sha256(body).hexdigest(), "bytes": len(body), "updated": doc.get("updated", "")}
    target = Path(dest_dir) / f"{SOURCE_ID}_{now:%Y-%m-%d}.json"
    write_atomically(target, body, json.dumps(meta, indent=2).encode())
    return target


def snapshots(dir: Path = paths.SNAPSHOTS) -> list[Path]:
    """Fetched files present in dir, oldest first (the date in the name sorts them)."""
    return sorted(p for p in Path(dir).glob(f"{SOURCE_ID}_*.json") if not p.name.endswith(".meta.json"))


def parse(path: Path) -> pd.DataFrame:
    """A JSON-stat document -> tidy rows; df.attrs: rows_read (values in the cube), skipped (non-countries)."""
    path = Path(path)
    doc = _load(path)
    codes = {dim: _codes(doc, dim, path.name) for dim in doc["id"]}
    vintage = _vintage(doc, path.name)
    rows, problems, skipped = [], [], {"aggregate": 0, "region": 0}
    for flat, value in _observations(doc, path.name):
        at = _coordinates(flat, doc["size"], doc["id"], codes)
        indicator = INDICATORS.get((at["unit"], at["sex"]))
        if value is None or indicator is None or at["isco08"] != POLICE_OFFICERS:
            continue
        kind = _geo_kind(at["geo"])
        if kind != "country":
            skipped[kind] += 1
            continue
        row = _row(path.name, flat, at, value, doc.get("status", {}).get(str(flat), ""), problems)
        if row:
            rows.append(dict(row, indicator=indicator, vintage=vintage))
    if problems:
        raise InputError(problems)
    df = tidy.frame(rows).sort_values(["indicator", "iso3", "year"], ignore_index=True)
    df.attrs.update(rows_read=len(doc["value"]), skipped=skipped)
    return df


def _load(path: Path) -> dict:
    """The parsed document, checked to be a JSON-stat dataset with every dimension we read."""
    def bad(rule: str) -> InputError:
        return InputError([Problem(path.name, None, None, None, rule)])
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise bad(f"not JSON ({e})") from e
    if not isinstance(doc, dict) or doc.get("class") != "dataset" or not isinstance(doc.get("value"), dict):
        raise bad("not a JSON-stat 2.0 dataset as Eurostat sends it (\"class\": \"dataset\", \"value\" object)")
    if not isinstance(doc.get("status", {}), dict):
        raise bad("JSON-stat \"status\" is not an object keyed by index")
    ids, size, dims = doc.get("id"), doc.get("size"), doc.get("dimension")
    if not (isinstance(ids, list) and isinstance(size, list) and isinstance(dims, dict) and len(ids) == len(size)):
        raise bad("JSON-stat \"id\", \"size\" and \"dimension\" are missing or disagree")
    for dim in DIMENSIONS + ids:
        if dim not in ids or dim not in dims:
            raise bad(f"dimension {dim!r} is missing")
    return doc


def _codes(doc: dict, dim: str, name: str) -> list[str]:
    """Category codes of one dimension in position order (JSON-stat allows an object or an array)."""
    category = doc["dimension"][dim].get("category", {})
    index = category.get("index", list(category.get("label", {})))
    codes = sorted(index, key=index.get) if isinstance(index, dict) else list(index)
    if len(codes) != doc["size"][doc["id"].index(dim)]:
        raise InputError([Problem(name, None, dim, None, "dimension size disagrees with its categories")])
    return codes


def _vintage(doc: dict, name: str) -> str:
    """The release: the dataset's "updated" date, else the UPDATE_DATA annotation Eurostat also sends."""
    notes = (doc.get("extension") or {}).get("annotation") or []
    stamps = [doc.get("updated", "")] + [a.get("date", "") for a in notes if a.get("type") == "UPDATE_DATA"]
    for stamp in stamps:
        if re.match(r"\d{4}-\d{2}-\d{2}", str(stamp)):
            return str(stamp)[:10]
    raise InputError([Problem(name, None, "updated", None, "the dataset carries no update date (its release)")])


def _observations(doc: dict, name: str):
    """(flat index, value) pairs from Eurostat's sparse "value" object keyed by index strings."""
    total = math.prod(doc["size"])
    for key, value in doc["value"].items():
        if not (key.isdigit() and int(key) < total):
            raise InputError([Problem(name, None, "value", key, f"not an index into the cube of {total} cells")])
        yield int(key), value


def _coordinates(flat: int, size: list[int], ids: list[str], codes: dict) -> dict:
    """Flat index -> category code per dimension (row-major, the last dimension varies fastest)."""
    at = {}
    for dim, n in zip(reversed(ids), reversed(size)):
        flat, position = divmod(flat, n)
        at[dim] = codes[dim][position]
    return at


def _geo_kind(geo: str) -> str:
    if AGGREGATE.match(geo):
        return "aggregate"
    return "region" if len(geo) > 2 else "country"  # e.g. UKC-L England and Wales, UKM Scotland


def _row(name: str, flat: int, at: dict, value, status: str, problems: list) -> dict | None:
    """One tidy row (without indicator and vintage), or None after recording what is wrong."""
    before = len(problems)
    try:
        iso3 = resolver().resolve(at["geo"])
    except UnknownCountry as e:
        problems.append(Problem(name, flat, "geo", at["geo"], str(e)))
    if not re.fullmatch(r"\d{4}", at["time"]):
        problems.append(Problem(name, flat, "time", at["time"], "expected an annual period (YYYY)"))
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.append(Problem(name, flat, "value", str(value), "value must be a number"))
    unknown = [f for f in status if f not in FLAGS]
    if unknown:
        problems.append(Problem(name, flat, "status", status,
                                f"unknown Eurostat status flag {''.join(unknown)!r} (known: {''.join(FLAGS)})"))
    if len(problems) > before:
        return None
    return {"iso3": iso3, "year": int(at["time"]), "value": tidy.clean_float(value), "scope": "police_officers",
            "flags": tidy.join_flags(FLAGS[f] for f in status), "note": "", "source_id": SOURCE_ID,
            "citation": "", "url": "", "origin": f"{name}:{flat}"}
