"""dataUNODC criminal justice personnel export (long CSV, or XLSX with title rows) -> tidy rows for police."""
from __future__ import annotations

import csv
import hashlib
import json
import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import openpyxl
import pandas as pd
import requests

from etl import paths, tidy
from etl.fetch import download, write_atomically
from etl.countries import UnknownCountry, resolver
from etl.errors import FetchError, InputError, Problem

SOURCE_ID = "unodc_cj_personnel"
# The workbook sits in a dated release folder (/files/YYYY-MM/...) that changes with each release, so
# the default download reads the current link from a data report page of the same collection.
DATAREPORT_PAGE = "https://data.unodc.org/datareport/cjs-arrested"
WORKBOOK = "data_cts_access_and_functioning_of_justice"
COLUMNS = ["Iso3_code", "Country", "Region", "Subregion", "Indicator", "Dimension", "Category", "Sex", "Age",
           "Year", "Unit of measurement", "VALUE", "Source"]
INDICATOR = "Criminal Justice Personnel"
POLICE = {"Police personel", "Police personnel"}  # dataUNODC spells it "Police personel"; accept a fix
RATE = "Rate per 100,000 population"
# Male rows and the female rate are not loaded: the share comes from women / total in the warehouse.
SERIES = {("Female", "Counts"): "police_women", ("Total", "Counts"): "police_total", ("Total", RATE): "police_per_100k"}
SEXES = {"Female", "Male", "Total"}
UNITS = {"Counts", RATE}
HEADER_SEARCH_ROWS = 20


def fetch(dest_dir: Path = paths.SNAPSHOTS, url: str | None = None, timeout: float = 30,
          page: str = DATAREPORT_PAGE) -> Path:
    """Download the export to dest_dir/<SOURCE_ID>_<date>.<ext> with a .meta.json sidecar; all or nothing."""
    url = url or current_url(page, timeout)
    host = urlsplit(url).hostname or url
    response = download(url, host, timeout)
    body, suffix = response.content, (".csv" if urlsplit(url).path.lower().endswith(".csv") else ".xlsx")
    # An error page often comes with HTTP 200: an XLSX is a zip ("PK"), a CSV export starts with its header.
    if not (body.startswith(b"PK") if suffix == ".xlsx" else b"Iso3_code" in body[:4096]):
        raise FetchError(f"{host} sent no {suffix[1:].upper()} export for {url} "
                         f"(got {response.headers.get('Content-Type', 'unknown content')})")
    now = datetime.now(timezone.utc)
    meta = {"source_id": SOURCE_ID, "url": url, "retrieved_at": now.isoformat(timespec="seconds"),
            "sha256": hashlib.sha256(body).hexdigest(), "bytes": len(body), "updated": _last_modified(response)}
    target = Path(dest_dir) / f"{SOURCE_ID}_{now:%Y-%m-%d}{suffix}"
    write_atomically(target, body, json.dumps(meta, indent=2).encode())
    return target


def current_url(page: str = DATAREPORT_PAGE, timeout: float = 30) -> str:
    """The newest workbook link on a data report page (newest release folder; "_0" re-uploads win ties)."""
    html = download(page, urlsplit(page).hostname or page, timeout).text
    links = re.findall(rf"[^\"'\s<>]*/{WORKBOOK}(?:_\d+)?\.xlsx", html)
    if not links:
        raise FetchError(f"no link to {WORKBOOK}.xlsx on {page}: the page layout changed? pass url= instead")
    return urljoin(page, max(links))


def _last_modified(response: requests.Response) -> str:
    """The server's Last-Modified date (YYYY-MM-DD), '' when it sends none or an unreadable one."""
    header = response.headers.get("Last-Modified", "")
    try:
        return parsedate_to_datetime(header).date().isoformat() if header else ""
    except (TypeError, ValueError):
        return ""


def snapshots(dir: Path = paths.SNAPSHOTS) -> list[Path]:
    """Fetched files present in dir, oldest first (the date in the name sorts them)."""
    return sorted(p for p in Path(dir).glob(f"{SOURCE_ID}_*") if p.suffix in (".csv", ".xlsx"))


def parse(path: Path) -> pd.DataFrame:
    """A .csv or .xlsx export -> tidy rows; df.attrs: rows_read (data rows), skipped (sub-national units)."""
    path = Path(path)
    rows = _read_xlsx(path) if path.suffix.lower() == ".xlsx" else _read_csv(path)
    header_at = _header_row(rows, path.name)
    header, vintage = rows[header_at], _vintage(path)
    out, problems, seen, skipped = [], [], {}, {"subnational": 0}
    for line in range(header_at + 2, len(rows) + 1):
        rec = dict(zip(header, rows[line - 1] + [""] * len(header)))
        if rec["Indicator"] != INDICATOR or rec["Category"] not in POLICE or rec["Age"] not in ("Total", ""):
            continue
        if "_" in rec["Iso3_code"]:  # GBR_E_W, GBR_S, GBR_NI: parts of a country, not the country
            skipped["subnational"] += 1
            continue
        row = _row(rec, path.name, line, problems)
        if row is None:
            continue
        key = (row["iso3"], row["year"], row["indicator"])
        if key in seen:
            problems.append(Problem(path.name, line, "VALUE", rec["VALUE"],
                                    f"second value for {' '.join(map(str, key))} (first in row {seen[key]})"))
        seen.setdefault(key, line)
        out.append(dict(row, vintage=vintage))
    if problems:
        raise InputError(problems)
    df = tidy.frame(out).sort_values(["indicator", "iso3", "year"], ignore_index=True)
    df.attrs.update(rows_read=len(rows) - header_at - 1, skipped=skipped)
    return df


def _read_csv(path: Path) -> list[list[str]]:
    """Every line as stripped text cells; csv.reader, not pandas, so title lines of other widths do not break it."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [[cell.strip() for cell in row] for row in csv.reader(f)]


def _read_xlsx(path: Path) -> list[list[str]]:
    """Every row of the first sheet as text; whole numbers lose Excel's '.0' so 2019.0 reads '2019'."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # some exports declare a bogus used range (A1:A1) that hides every row
        return [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _text(value) -> str:
    """A cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header_row(rows: list[list[str]], name: str) -> int:
    """Index of the header row: exports put a title and a date above it, so look for 'Iso3_code'."""
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if "Iso3_code" in row:
            missing = [c for c in COLUMNS if c not in row]
            if missing:
                raise InputError([Problem(name, i + 1, c, None, "required column is missing") for c in missing])
            return i
    raise InputError([Problem(name, None, "Iso3_code", None,
                              f"no header row with 'Iso3_code' in the first {HEADER_SEARCH_ROWS} rows")])


def _row(rec: dict, name: str, line: int, problems: list) -> dict | None:
    """One tidy row without vintage; None when the row is not loaded or after recording what is wrong."""
    sex, unit = rec["Sex"], rec["Unit of measurement"]
    for column, value, known in (("Sex", sex, SEXES), ("Unit of measurement", unit, UNITS)):
        if value not in known:
            problems.append(Problem(name, line, column, value, f"expected one of {sorted(known)}"))
            return None
    indicator, text = SERIES.get((sex, unit)), rec["VALUE"].replace(",", "")
    if indicator is None or text == "":
        return None
    before = len(problems)
    iso3 = _country(rec, name, line, problems)
    if not re.fullmatch(r"\d{4}", rec["Year"]):
        problems.append(Problem(name, line, "Year", rec["Year"], "year must be a four-digit number"))
    # Small counts can be published censored ("<5"): keep the bound and say so with a flag.
    bound = text.startswith("<")
    try:
        value = tidy.clean_float(text.lstrip("<").strip())
    except ValueError:
        problems.append(Problem(name, line, "VALUE", rec["VALUE"], "value must be a number"))
    if len(problems) > before:
        return None
    return {"iso3": iso3, "year": int(rec["Year"]), "indicator": indicator, "value": value,
            "scope": "police_officers", "flags": "upper_bound" if bound else "", "note": "",
            "source_id": SOURCE_ID, "citation": "", "url": "", "origin": f"{name}:{line}"}


def _country(rec: dict, name: str, line: int, problems: list) -> str | None:
    """ISO3 from Iso3_code, else from the Country name; an unknown country is a problem with suggestions."""
    for text in (rec["Iso3_code"], rec["Country"]):
        try:
            return resolver().resolve(text)
        except UnknownCountry as e:
            error = e
    problems.append(Problem(name, line, "Country", rec["Country"], f"{error} (Iso3_code {rec['Iso3_code']!r})"))
    return None


def _vintage(path: Path) -> str:
    """The date in the file name (our snapshots carry the retrieval date), else the sidecar's retrieved_at."""
    found = re.search(r"\d{4}-\d{2}-\d{2}", path.name)
    if found:
        return found.group(0)
    meta = path.with_name(path.stem + ".meta.json")
    return json.loads(meta.read_text(encoding="utf-8"))["retrieved_at"][:10] if meta.exists() else ""
