"""A submission file (CSV in UTF-8 or Windows-1251, comma or semicolon; XLSX) -> header and numbered rows,
staged in DuckDB (etl/sources/submission_table.py, submission_csv.py); the file checks and decoding live here."""
from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
import pandas as pd
from openpyxl.utils.exceptions import InvalidFileException

from etl import paths
from etl.errors import InputError, Problem

if TYPE_CHECKING:
    import duckdb

    from etl.sources.submission_table import Table

COLUMNS = ["country", "year", "indicator", "value", "unit", "scope", "flags", "source_title", "source_url", "note"]
# Optional columns may be left out of the header altogether; the others must be there.
OPTIONAL = {"unit", "flags", "source_url", "note"}
REQUIRED = [c for c in COLUMNS if c not in OPTIONAL]
DATA_SHEET = "data"
RUSSIAN_WORD = re.compile("[А-яЁё]{3,}")
MIXED_WORD = re.compile("[A-Za-z][А-яЁё]|[А-яЁё][A-Za-z]")
# Russian UTF-8 read as Windows-1251: 'Р' or 'С' (the lead bytes) then a sign no Russian word has after them.
UTF8_READ_AS_CP1251 = re.compile("[РС][ЂЃѓЉЊЌЋЏђљњќћџЎўЈҐЄЇІіґєјЅѕї°±µ¶·№‚„…†‡€‰‹‘’“”•™›¤¦§©¬®]")
# Limits checked before a file is read, so that a huge or hostile file costs neither time nor memory. A real
# submission is a few hundred rows; the benchmark's million-row CSV (165 MB) still loads. openpyxl keeps every
# cell of a workbook in memory (about 20 bytes of RAM per byte of sheet XML), hence the lower limit for XLSX,
# counted on the unpacked size so that a zip bomb is refused before it is opened.
MAX_FILE_BYTES = paths.max_submission_bytes()
MAX_XLSX_UNPACKED_BYTES = 50_000_000
# The file name becomes the source id (submission:<stem>) shown on pages and in download names.
SAFE_NAME = re.compile(r"\w[\w .'()-]*")
# What openpyxl and the XML and zip layers under it raise for a damaged or hostile workbook.
XLSX_ERRORS = (InvalidFileException, zipfile.BadZipFile, zlib.error, KeyError, OSError, EOFError, ValueError,
               TypeError, SyntaxError)


@dataclass(frozen=True)
class Formula:
    """An XLSX cell holding a formula: reported with its cell address, never evaluated."""

    coordinate: str
    text: str


def whole_file(name: str, rule: str) -> InputError:
    return InputError([Problem(name, None, None, None, rule)])


def load_table(path: Path, con: duckdb.DuckDBPyConnection) -> Table:
    """Header of a CSV or XLSX submission, its records staged in `con` (etl/sources/submission_table.py);
    raises InputError for a file that cannot be read at all."""
    from etl.sources.submission_csv import stage_csv
    from etl.sources.submission_table import stage_frame

    path = Path(path)
    check_file(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return stage_frame(con, path.name, _xlsx_frame(path), [], text_only=False)
    if suffix in (".csv", ".txt"):
        return stage_csv(path, con)
    if suffix == ".xls":
        raise whole_file(path.name, "the old .xls format is not read; save the file as .xlsx or as CSV UTF-8")
    raise whole_file(path.name, "expected a .csv or .xlsx file")


def check_file(path: Path) -> None:
    """Refuse, before reading a byte, a file whose name, kind or size cannot be a submission."""
    if not SAFE_NAME.fullmatch(path.name) or ".." in path.name:
        raise whole_file(repr(path.name)[1:-1], "the file name may hold only letters, digits, spaces and . _ - ' ( ) "
                                                "(it becomes the source's name); rename the file")
    if path.is_symlink():
        raise whole_file(path.name, "the file is a link to a file elsewhere; copy the file itself into the folder")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise whole_file(path.name, f"the file is {size / 1e6:,.0f} MB; files above {MAX_FILE_BYTES / 1e6:,.0f} MB "
                                    "are refused unread (a submission is normally well under 1 MB)")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Bytes -> (text, encoding): UTF-8 (BOM or not), else Windows-1251 when that yields Russian text."""
    if data.startswith(b"PK\x03\x04"):
        raise whole_file(name, "this is an Excel workbook with a .csv name; rename it to .xlsx or save it as 'CSV UTF-8'")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:4096].count(0) * 4 > len(data[:4096]):
        raise whole_file(name, "the file is UTF-16 ('Unicode text'); save it as 'CSV UTF-8' instead")
    if b"\x00" in data:
        raise _at_byte(name, data, data.index(b"\x00"), "a NUL byte: binary data, not text; save the file as 'CSV UTF-8'")
    try:
        return data.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError as e:
        at = e.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)  # the position counts from after a BOM
    bad = f"byte 0x{data[at]:02x} is not UTF-8"
    # A file that starts out as UTF-8 (a BOM, or letters beyond ASCII before the bad byte) mixes two encodings,
    # typically rows pasted from another file: name the first row where it changes.
    if data.startswith(b"\xef\xbb\xbf") or _non_ascii(data[:at]) >= 2:
        raise _at_byte(name, data, at, f"{bad}, though the file begins as UTF-8: it mixes two encodings; "
                                       "save the whole file again as 'CSV UTF-8'")
    # Windows-1251 maps almost every byte to some letter, so only accept it when the result reads as Russian:
    # Russian words, and no word half Latin, half Cyrillic (Latin-1 'café' would come out as 'cafй').
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        text = ""
    if RUSSIAN_WORD.search(text) and not MIXED_WORD.search(text):
        if len(UTF8_READ_AS_CP1251.findall(text)) >= 3:
            row = text.count("\n", 0, UTF8_READ_AS_CP1251.search(text).start()) + 1
            raise InputError([Problem(name, row, None, None, "Windows-1251 text, but this row holds UTF-8 text: the "
                                                             "file mixes two encodings; save it again as 'CSV UTF-8'")])
        return text, "cp1251"
    raise whole_file(name, f"cannot read the file as UTF-8 ({bad}, row {_row_of(data, at)}) "
                           "nor as Windows-1251 Russian text; save it as 'CSV UTF-8'")


def _non_ascii(data: bytes) -> int:
    return sum(1 for ch in data.decode("utf-8") if ord(ch) > 127)


def _row_of(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def _at_byte(name: str, data: bytes, position: int, rule: str) -> InputError:
    return InputError([Problem(name, _row_of(data, position), None, None, rule)])


def first_line(text: str) -> str:
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
    header = first_line(text)
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    if best not in (",", ";") or counts[best] == 0:
        found = {"\t": "tabs", "|": "'|'"}.get(best, "a single column")
        raise whole_file(name, f"expected comma- or semicolon-separated columns; the header row has {found}")
    return best


def _xlsx_frame(path: Path) -> pd.DataFrame:
    check_unpacked_size(path)
    try:
        book = openpyxl.load_workbook(path, data_only=False)
        sheet = book[DATA_SHEET] if DATA_SHEET in book.sheetnames else book.worksheets[0]
        merged = sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col))
        rows = {row[0].row: [_cell(c) for c in row] for row in sheet.iter_rows() if row}
    except XLSX_ERRORS as e:
        raise whole_file(path.name, f"not a readable .xlsx workbook ({e})") from e
    if merged:
        # openpyxl gives a merged range's value to its first cell only: the others would silently read empty.
        raise InputError([Problem(path.name, r.min_row, None, r.coord, "merged cells; unmerge them so that every "
                                                                       "value has a cell of its own") for r in merged])
    return pd.DataFrame.from_dict(rows, orient="index", dtype=object) if rows else pd.DataFrame()


def check_unpacked_size(path: Path) -> None:
    """Refuse a workbook (a zip) whose parts unpack beyond the limit, before openpyxl inflates any of them."""
    try:
        with zipfile.ZipFile(path) as z:
            # zipfile stops inflating a part at its declared size, so the declared sizes bound the work.
            unpacked = sum(info.file_size for info in z.infolist())
    except (zipfile.BadZipFile, OSError) as e:
        raise whole_file(path.name, f"not a readable .xlsx workbook ({e})") from e
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise whole_file(path.name, f"the workbook unpacks to {unpacked / 1e6:,.0f} MB (from "
                                    f"{path.stat().st_size / 1e6:,.1f} MB); workbooks above "
                                    f"{MAX_XLSX_UNPACKED_BYTES / 1e6:,.0f} MB unpacked are refused unopened; "
                                    "save the data as 'CSV UTF-8'")


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
