"""A submission file (CSV in UTF-8 or Windows-1251, comma or semicolon; XLSX) -> header and numbered rows."""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.utils.exceptions import InvalidFileException

from etl.errors import InputError, Problem

COLUMNS = ["country", "year", "indicator", "value", "unit", "scope", "flags", "source_title", "source_url", "note"]
# Optional columns may be left out of the header altogether; the others must be there.
OPTIONAL = {"unit", "flags", "source_url", "note"}
REQUIRED = [c for c in COLUMNS if c not in OPTIONAL]
DATA_SHEET = "data"
RUSSIAN_WORD = re.compile("[А-яЁё]{3,}")
MIXED_WORD = re.compile("[A-Za-z][А-яЁё]|[А-яЁё][A-Za-z]")


@dataclass(frozen=True)
class Formula:
    """An XLSX cell holding a formula: reported with its cell address, never evaluated."""

    coordinate: str
    text: str


@dataclass
class Table:
    """The header, and the data rows as a frame: one column per header position, indexed by the row number
    the user sees (header = row 1 when it is the first line). CSV cells are stripped text; XLSX cells keep
    their type (numbers, Formula). `problems` are structural ones found while reading (cells beyond the header)."""

    file: str
    header_row: int
    header: list[str]
    cells: pd.DataFrame
    text_only: bool
    problems: list[Problem] = field(default_factory=list)


def whole_file(name: str, rule: str) -> InputError:
    return InputError([Problem(name, None, None, None, rule)])


def load_table(path: Path) -> Table:
    """Header and rows of a CSV or XLSX submission; raises InputError for a file that cannot be read at all."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _table(path.name, _xlsx_frame(path), text_only=False)
    if suffix in (".csv", ".txt"):
        cells, problems = _csv_frame(path)
        return _table(path.name, cells, problems, text_only=True)
    if suffix == ".xls":
        raise whole_file(path.name, "the old .xls format is not read; save the file as .xlsx or as CSV UTF-8")
    raise whole_file(path.name, "expected a .csv or .xlsx file")


def _blank_cell(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table(name: str, cells: pd.DataFrame, problems: list[Problem] = (), text_only: bool = True) -> Table:
    """Records (index = row number) -> Table: the first non-blank record is the header, blank rows are dropped."""
    blank = cells.eq("").all(axis=1) if text_only else cells.map(_blank_cell).all(axis=1)
    cells = cells[~blank]
    if cells.empty:
        raise whole_file(name, "the file is empty; expected a header row and at least one data row")
    header_row = int(cells.index[0])
    header = ["" if _blank_cell(h) else str(h).replace("\ufeff", "").strip().lower() for h in cells.iloc[0]]
    rows = cells.iloc[1:]
    if rows.empty:
        raise whole_file(name, "the file has a header but no data rows below it")
    rows.columns = range(len(header))
    return Table(name, header_row, header, rows, text_only, list(problems))


def header_problems(table: Table) -> list[Problem]:
    """Missing required, unknown and repeated column names, and values under a column without a name."""
    out, seen = [], {}
    for i, name in enumerate(table.header):
        if not name:
            if not table.cells[i].map(_blank_cell).all():
                out.append(Problem(table.file, table.header_row, f"column {i + 1}", None,
                                   "values in a column without a name in the header row"))
        elif name not in COLUMNS:
            out.append(Problem(table.file, table.header_row, name, name,
                               f"unknown column; allowed: {', '.join(COLUMNS)}"))
        elif name in seen:
            out.append(Problem(table.file, table.header_row, name, name,
                               f"column appears twice (columns {seen[name] + 1} and {i + 1})"))
        seen.setdefault(name, i)
    for name in REQUIRED:
        if name not in seen:
            out.append(Problem(table.file, table.header_row, name, None, "required column is missing"))
    return out


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Bytes -> (text, encoding): UTF-8 (BOM or not), else Windows-1251 when that yields Russian text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        raise whole_file(name, "the file is UTF-16 ('Unicode text'); save it as 'CSV UTF-8' instead")
    try:
        return data.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError as e:
        utf8_error = e
    # Windows-1251 maps almost every byte to some letter, so only accept it when the result reads as Russian:
    # Russian words, and no word half Latin, half Cyrillic (Latin-1 'café' would come out as 'cafй').
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        text = ""
    if RUSSIAN_WORD.search(text) and not MIXED_WORD.search(text):
        return text, "cp1251"
    bad = utf8_error.object[utf8_error.start]
    raise whole_file(name, f"cannot read the file as UTF-8 (byte 0x{bad:02x} at position {utf8_error.start}) "
                           "nor as Windows-1251 Russian text; save it as 'CSV UTF-8'")


def _first_line(text: str) -> str:
    """The first non-blank line, without splitting the whole (possibly huge) text."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            return text[start:end]
        start = end + 1
    return ""


def sniff_delimiter(text: str, name: str) -> str:
    """',' or ';' from the header line (the first non-blank one); anything else is one whole-file problem."""
    header = _first_line(text)
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    if best not in (",", ";") or counts[best] == 0:
        found = {"\t": "tabs", "|": "'|'"}.get(best, "a single column")
        raise whole_file(name, f"expected comma- or semicolon-separated columns; the header row has {found}")
    return best


def _csv_frame(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """All records as stripped text, index = row number (1-based, blank lines counted as Excel shows them)."""
    data = path.read_bytes()
    text, encoding = decode(data, path.name)
    if not text.strip():
        raise whole_file(path.name, "the file is empty; expected a header row and at least one data row")
    delimiter = sniff_delimiter(text, path.name)
    try:
        # The C parser does a million rows in about a second; it refuses ragged rows, which the csv module
        # then reads one by one so that each stray value can be named.
        cells = pd.read_csv(io.BytesIO(data), encoding=encoding, sep=delimiter, header=None, dtype=str,
                            na_filter=False, skip_blank_lines=False, engine="c")
        problems = []
    except pd.errors.ParserError:
        cells, problems = _csv_by_record(text, delimiter, path.name)
    cells.index = range(1, len(cells) + 1)
    return cells.apply(lambda col: col.str.strip()), problems


def _csv_by_record(text: str, delimiter: str, name: str) -> tuple[pd.DataFrame, list[Problem]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        # Records, not physical lines: a quoted cell with a line break is still one row in Excel.
        records = list(reader)
    except csv.Error as e:
        raise InputError([Problem(name, reader.line_num, None, None, f"not valid CSV: {e}")]) from e
    width = len(next((r for r in records if any(c.strip() for c in r)), []))
    problems = [_beyond_header(name, n, extra) for n, r in enumerate(records, start=1)
                if (extra := [c.strip() for c in r[width:] if c.strip()])]
    return pd.DataFrame([(r + [""] * width)[:width] for r in records], dtype=str), problems


def _beyond_header(name: str, row: int, extra: list[str]) -> Problem:
    return Problem(name, row, None, extra[0], f"{len(extra)} value(s) beyond the last column of the header; "
                                              "check for an unquoted ',' or ';' inside a cell")


def _xlsx_frame(path: Path) -> pd.DataFrame:
    try:
        book = openpyxl.load_workbook(path, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as e:
        raise whole_file(path.name, f"not a readable .xlsx workbook ({e})") from e
    sheet = book[DATA_SHEET] if DATA_SHEET in book.sheetnames else book.worksheets[0]
    rows = {row[0].row: [_cell(c) for c in row] for row in sheet.iter_rows() if row}
    return pd.DataFrame.from_dict(rows, orient="index", dtype=object) if rows else pd.DataFrame()


def _cell(cell):
    """A cell's value as typed: text stripped, numbers as numbers, percent-formatted numbers as percent."""
    if cell.data_type == "f":
        return Formula(cell.coordinate, str(getattr(cell.value, "text", cell.value)))
    value = cell.value
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
        # Excel stores 21.5 % as 0.215 when the cell is formatted as a percentage.
        return value * 100
    return value
