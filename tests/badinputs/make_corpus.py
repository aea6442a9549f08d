"""Writes the committed bad-input corpus (tests/badinputs/*): each file breaks exactly one rule.

Run `.venv/bin/python tests/badinputs/make_corpus.py` after changing a case; expectations.csv says, for each
file, the one message it must produce. The 200 MB file, the zip bomb and the hostile file names are made at
test time (tests/etl/test_badinputs.py), never committed.
"""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"
HEADER = "country,year,indicator,value,unit,scope,flags,source_title,source_url,note"
GOOD = "KAZ,2023,police_women,12500,persons,police_officers,,MIA statistics 2023,,"
RU_GOOD = "Казахстан,2023,police_women,14200,человек,police_officers,,МВД Республики Казахстан,,по данным МВД"


def csv_text(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def row(**changes) -> str:
    """GOOD with some cells changed (cells containing a comma are quoted)."""
    cells = dict(zip(HEADER.split(","), GOOD.split(",")))
    cells.update(changes)
    return ",".join(f'"{v}"' if "," in v else v for v in cells.values())


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


def workbook(rows: list[list], edit=None) -> bytes:
    """An XLSX with a 'data' sheet holding `rows`; `edit(sheet)` may change it before saving."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "data"
    for r in rows:
        sheet.append(r)
    if edit:
        edit(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XLSX_HEADER = HEADER.split(",")
XLSX_GOOD = ["KAZ", 2023, "police_women", 12500, "persons", "police_officers", None, "MIA statistics 2023", None, None]


def xlsx_row(**changes) -> list:
    cells = dict(zip(XLSX_HEADER, XLSX_GOOD))
    cells.update(changes)
    return list(cells.values())


# Sheet XML that expands entities: a billion copies of 'lol', and the text of a file on the reading machine.
BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                            for i in range(1, 10))
                  + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                    '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')
EXTERNAL_ENTITY = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/hostname">]>'
                   '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                   '<row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row></sheetData></worksheet>')


def with_sheet_xml(xlsx: bytes, sheet_xml: str) -> bytes:
    """The workbook with its first sheet's XML replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = sheet_xml.encode() if item.filename == "xl/worksheets/sheet1.xml" else src.read(item)
            dst.writestr(item, data)
    return out.getvalue()


def merge(ranges: str):
    def edit(sheet):
        for r in ranges.split():
            sheet.merge_cells(r)
    return edit


def eurostat(change) -> bytes:
    doc = json.loads((FIXTURES / "eurostat" / "crim_just_job.json").read_text(encoding="utf-8"))
    change(doc)
    return json.dumps(doc).encode()


def unodc_csv(edit) -> bytes:
    text = (FIXTURES / "unodc" / "unodc_cj_personnel_2024-06-05.csv").read_text(encoding="utf-8")
    return edit(text).encode()


SUBMISSIONS = {
    # encodings and byte-order marks
    "utf16_le_bom.csv": csv_text(GOOD).encode("utf-16"),
    "utf16_be_bom.csv": b"\xfe\xff" + csv_text(GOOD).encode("utf-16-be"),
    "utf16_le_no_bom.csv": csv_text(GOOD).encode("utf-16-le"),
    "latin1_not_russian.csv": csv_text(row(note="Österreich, Müller")).encode("latin-1"),
    "cp1251_unknown_country.csv": csv_text(RU_GOOD.replace("Казахстан", "Казахстн")).encode("cp1251"),
    "mixed_utf8_then_cp1251.csv": utf8(csv_text(RU_GOOD)) + RU_GOOD.encode("cp1251") + b"\n",
    "mixed_cp1251_then_utf8.csv": (csv_text(RU_GOOD).encode("cp1251")
                                   + utf8(RU_GOOD.replace("14200", "14300").replace("2023", "2022")) + b"\n"),
    "bom_utf8_but_cp1251.csv": b"\xef\xbb\xbf" + csv_text(RU_GOOD).encode("cp1251"),
    "nul_byte.csv": utf8(csv_text(GOOD)).replace(b"MIA", b"MI\x00A", 1),
    "xlsx_named_csv.csv": workbook([XLSX_HEADER, XLSX_GOOD]),
    # delimiters and columns
    "tab_separated.csv": utf8(csv_text(GOOD.replace(",", "\t"), header=HEADER.replace(",", "\t"))),
    "pipe_separated.csv": utf8(csv_text(GOOD.replace(",", "|"), header=HEADER.replace(",", "|"))),
    "single_column.csv": utf8("country year indicator value\nKAZ 2023 police_women 12500\n"),
    "missing_value_column.csv": utf8(csv_text(GOOD.replace(",12500,", ","),
                                              header=HEADER.replace(",value,", ","))),
    "extra_column.csv": utf8(csv_text(GOOD + ",checked", header=HEADER + ",remarks")),
    "duplicated_column.csv": utf8(csv_text(GOOD + ",2024", header=HEADER + ",year")),
    "nameless_column.csv": utf8(csv_text(GOOD + ",stray", header=HEADER + ",")),
    "value_beyond_header.csv": utf8(csv_text(GOOD, GOOD.replace("2023", "2022") + ",stray")),
    "unterminated_quote.csv": utf8(csv_text(row(source_title='"MIA statistics'))),
    # formulas
    "hyperlink_text_in_csv.csv": utf8(csv_text(row(note='=HYPERLINK(""http://example.org/"";""click"")'))),
    "formula_value_in_csv.csv": utf8(csv_text(row(value="=12000+500"))),
    # numbers
    "thousands_comma_in_count.csv": utf8(csv_text(row(value="12,500"))),
    "thousands_dot_in_count.csv": utf8(csv_text(row(value="12.500"))),
    "two_separators.csv": utf8(csv_text(row(value="1,234,567"))),
    "decimal_comma_in_count.csv": utf8(csv_text(row(value="12500,5"))),
    "share_as_fraction.csv": utf8(csv_text(row(indicator="share_women_police", unit="percent", value="0.21"))),
    "share_as_fraction_comma.csv": utf8(csv_text(row(indicator="share_women_police", unit="%", value="0,21"))),
    "share_above_100.csv": utf8(csv_text(row(indicator="share_women_police", unit="percent", value="130"))),
    "text_in_number.csv": utf8(csv_text(row(value="about 12000"))),
    "not_available_text.csv": utf8(csv_text(row(value="n/a"))),
    "negative_count.csv": utf8(csv_text(row(value="-40"))),
    "women_exceed_total.csv": utf8(csv_text(GOOD, row(indicator="police_total", value="9000"))),
    # years
    "year_range.csv": utf8(csv_text(row(year="2015-16"))),
    "year_fiscal.csv": utf8(csv_text(row(year="FY2015"))),
    "year_two_digits.csv": utf8(csv_text(row(year="'15"))),
    "year_before_1990.csv": utf8(csv_text(row(year="1985"))),
    # countries and codes
    "unknown_country.csv": utf8(csv_text(row(country="Uzbekistn"))),
    "ambiguous_country.csv": utf8(csv_text(row(country="Korea"))),
    "unknown_indicator.csv": utf8(csv_text(row(indicator="police_woman"))),
    "unknown_scope.csv": utf8(csv_text(row(scope="all_staff"))),
    "homoglyph_scope.csv": utf8(csv_text(row(scope="police_\u043efficers"))),  # a Cyrillic 'о'
    "zero_width_space.csv": utf8(csv_text(row(country="KAZ\u200b"))),
    "unknown_flag.csv": utf8(csv_text(row(flags="guess"))),
    "unit_mismatch.csv": utf8(csv_text(row(unit="percent"))),
    "javascript_url.csv": utf8(csv_text(row(source_url="javascript:alert(1)"))),
    "empty_source_title.csv": utf8(csv_text(row(source_title=""))),
    "template_example_row.csv": utf8(csv_text(row(note="EXAMPLE - delete this row"))),
    "conflicting_duplicates.csv": utf8(csv_text(GOOD, row(value="12600"))),
    # empty and structural
    "empty.csv": b"",
    "blank_lines_only.csv": utf8("\n  \n\n"),
    "header_only.csv": utf8(HEADER + "\n"),
    "old_excel.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
    "open_document.ods": b"PK\x03\x04 not really",
    # XLSX
    "xlsx_merged_header.xlsx": workbook(
        [XLSX_HEADER[:8] + ["source"], XLSX_GOOD[:8]], merge("I1:J1")),
    "xlsx_merged_country.xlsx": workbook(
        [XLSX_HEADER, XLSX_GOOD, xlsx_row(indicator="police_total", value=85000)], merge("A2:A3")),
    "xlsx_formula_value.xlsx": workbook([XLSX_HEADER, xlsx_row(value="=B2*6")]),
    "xlsx_hyperlink_formula.xlsx": workbook(
        [XLSX_HEADER, xlsx_row(source_url='=HYPERLINK("https://example.org/","report")')]),
    "xlsx_text_in_number.xlsx": workbook([XLSX_HEADER, xlsx_row(value="more than 12000")]),
    "xlsx_truncated.xlsx": workbook([XLSX_HEADER, XLSX_GOOD])[:700],
    "csv_named_xlsx.xlsx": utf8(csv_text(GOOD)),
    "xlsx_billion_laughs.xlsx": with_sheet_xml(workbook([XLSX_HEADER, XLSX_GOOD]), BILLION_LAUGHS),
    "xlsx_external_entity.xlsx": with_sheet_xml(workbook([XLSX_HEADER, XLSX_GOOD]), EXTERNAL_ENTITY),
}

SOURCES = {
    "eurostat_not_json.json": b'{"version":"2.0","class":"dataset",',
    "eurostat_not_jsonstat.json": b'{"error": {"status": 503, "label": "Service unavailable"}}',
    "eurostat_no_geo.json": (FIXTURES / "eurostat" / "crim_just_job_no_geo.json").read_bytes(),
    "eurostat_unknown_status.json": eurostat(lambda d: d["status"].update({"3": "z"})),
    "eurostat_text_value.json": eurostat(lambda d: d["value"].update({"3": "5 460"})),
    "unodc_renamed_column.csv": unodc_csv(lambda t: t.replace(",VALUE,", ",Value,", 1)),
    "unodc_text_value.csv": unodc_csv(lambda t: t.replace(",5700,", ",n/a,", 1)),
    "un_minset_text_value.csv": (FIXTURES / "un_minset" / "minset_2019.tsv.csv").read_text(encoding="utf-8")
    .replace("\t0.0\tPT", "\tabout 3\tPT", 1).encode(),
}


def main() -> None:
    for name, data in {**SUBMISSIONS, **SOURCES}.items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(SUBMISSIONS) + len(SOURCES)} files to {HERE}")


if __name__ == "__main__":
    main()
