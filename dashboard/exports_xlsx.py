"""Filtered observation rows -> an XLSX workbook: a data sheet (one boolean column per flag) and a metadata sheet."""
from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dashboard import db
from dashboard.exports import COLUMNS, Build
from dashboard.exports_filter import LISTS, BadParameter, Filter
from dashboard.i18n import t

DATA_SHEET, META_SHEET = "data", "metadata"
BOLD, TITLE = Font(bold=True), Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
WIDTHS = {"country": 22, "citation": 50, "url": 40, "note": 50, "indicator": 24, "scope": 22, "source_id": 26}
# Sections of the metadata sheet: (heading key, columns of the definitions frame, column header keys).
SECTIONS = [
    ("indicator", ["code", "unit", "label", "definition"], ["code", "unit", "label", "definition"]),
    ("scope", ["code", "label", "definition"], ["code", "label", "definition"]),
    ("flag", ["code", "column", "label", "definition"], ["code", "column", "label", "definition"]),
    ("region", ["code", "label"], ["code", "label"]),
]
SOURCE_FIELDS = ["id", "publisher", "title", "licence", "citation", "url"]
MAX_ROWS = 1_048_575  # an Excel sheet holds 1,048,576 rows: the header and this many rows of data


def flag_column(code: str) -> str:
    return f"flag_{code}"


def _text(ws, value, font=None, wrap=False) -> WriteOnlyCell:
    """A cell whose text is stored as text: a note starting with '=' stays data, never becomes a formula."""
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    if font:
        cell.font = font
    if wrap:
        cell.alignment = WRAP
    return cell


def data_frame(df: pd.DataFrame, flags: list[str]) -> pd.DataFrame:
    """The download columns plus one True/False column per flag of the warehouse (stable, whatever the rows)."""
    out = df[COLUMNS].copy()
    held = out["flags"].str.split(";")
    for code in flags:
        out[flag_column(code)] = held.map(lambda codes, c=code: c in codes).astype(bool)
    return out


def _write_data(book: Workbook, frames, flags: list[str], summary) -> None:
    ws = book.create_sheet(DATA_SHEET)
    ws.freeze_panes = "A2"
    for i, df in enumerate(frames):
        if summary.rows + len(df) > MAX_ROWS:  # refused before the first byte is sent; the spool is discarded
            raise BadParameter("format", "xlsx", ["csv", "json", "parquet"], reason="too_many_rows_for_xlsx")
        frame = data_frame(summary.add(df), flags)
        if i == 0:
            for j, name in enumerate(frame.columns, start=1):
                ws.column_dimensions[get_column_letter(j)].width = WIDTHS.get(name, 14)
            ws.append([_text(ws, name, BOLD) for name in frame.columns])
            width = len(frame.columns)
        for row in frame.itertuples(index=False, name=None):
            ws.append([_text(ws, v) if isinstance(v, str) else (None if v != v else v) for v in row])
    ws.auto_filter.ref = f"A1:{get_column_letter(width)}{summary.rows + 1}"


def _filter_lines(flt: Filter, lang: str) -> list[list[str]]:
    every = t("export.all_values", lang)
    lines = [[t(f"export.param_{p}", lang), ", ".join(getattr(flt, p)) or every] for p in LISTS]
    lines.append([t("export.param_year_from", lang), str(flt.year_from) if flt.year_from else every])
    lines.append([t("export.param_year_to", lang), str(flt.year_to) if flt.year_to else every])
    lines.append([t("export.param_preferred", lang),
                  t("export.preferred_only" if flt.preferred else "export.all_vintages", lang)])
    return lines


def about_lines(summary, flt: Filter, b: Build, lang: str) -> list[list[str]]:
    """Release, build, time, language, the filter, row count and how to cite: the sheet's first block."""
    lines = [
        [t("export.meta_release", lang), b.release],
        [t("export.meta_build_id", lang), b.build_id],
        [t("export.meta_built_at", lang), t("export.utc", lang, when=b.built_at.replace("T", " "))],
        [t("export.meta_language", lang), t(f"export.language_{lang}", lang)],
        [t("export.meta_rows", lang), str(summary.rows)],
    ]
    lines += _filter_lines(flt, lang)
    lines += [[t("export.meta_cite", lang), t("export.citation", lang, release=b.release)],
              [t("export.meta_missing", lang), t("export.missing_note", lang)]]
    return lines


def definitions(summary, lang: str) -> dict[str, pd.DataFrame]:
    """Labels and definitions of the codes the rows use (all flags: each has its own column)."""
    defs = db.query("export_definitions", lang=lang)
    used = {"indicator": summary.used["indicator"], "scope": summary.used["scope"],
            "region": summary.used["region"] - {""}}
    out = {}
    for kind, group in defs.groupby("kind", sort=False):
        if kind in used and summary.rows:
            group = group[group["code"].isin(used[kind])]
        out[kind] = group.assign(column=group["code"].map(flag_column))
    return out


def _section(ws, heading: str, headers: list[str], rows: list[list]) -> None:
    ws.append([])
    ws.append([_text(ws, heading, TITLE)])
    ws.append([_text(ws, h, BOLD) for h in headers])
    for row in rows:
        ws.append([_text(ws, "" if v is None else v, wrap=True) for v in row])


def _write_meta(book: Workbook, summary, flt: Filter, b: Build, lang: str) -> None:
    ws = book.create_sheet(META_SHEET)
    for letter, width in zip("ABCDEF", (28, 30, 40, 60, 60, 40)):
        ws.column_dimensions[letter].width = width
    ws.append([_text(ws, t("export.xlsx_title", lang), TITLE)])
    for key, value in about_lines(summary, flt, b, lang):
        ws.append([_text(ws, key, BOLD), _text(ws, value, wrap=True)])
    _section(ws, t("export.section_columns", lang), [t("export.head_column", lang), t("export.head_description", lang)],
             [[c, t(f"export.col_{c}", lang)] for c in COLUMNS] + [[t("export.flag_columns", lang),
                                                                   t("export.col_flag_x", lang)]])
    sources = db.query("export_sources")
    if summary.rows:
        sources = sources[sources["id"].isin(summary.used["source_id"])]
    _section(ws, t("export.section_sources", lang), [t(f"export.head_{f}", lang) for f in SOURCE_FIELDS],
             sources[SOURCE_FIELDS].values.tolist())
    defs = definitions(summary, lang)
    for kind, fields, heads in SECTIONS:
        _section(ws, t(f"export.section_{kind}", lang), [t(f"export.head_{h}", lang) for h in heads],
                 defs[kind][fields].values.tolist())


def write_xlsx(frames, flt: Filter, b: Build, lang: str, sink, summary) -> None:
    """The workbook into `sink` from rows in chunks (write-only sheets: rows go to disk as they come);
    `summary` (exports_stream.Summary) collects what the metadata sheet says about the rows."""
    flags = list(db.query("export_definitions", lang=lang).query("kind == 'flag'")["code"])
    book = Workbook(write_only=True)
    _write_data(book, frames, flags, summary)
    _write_meta(book, summary, flt, b, lang)
    book.save(sink)


def to_xlsx(df: pd.DataFrame, flt: Filter, b: Build, lang: str) -> bytes:
    """The workbook: machine column names on the data sheet, labels in `lang` on the metadata sheet."""
    from dashboard.exports_stream import Summary  # imported here: exports_stream imports exports

    sink = io.BytesIO()
    write_xlsx([df], flt, b, lang, sink, Summary())
    return sink.getvalue()
