"""Filtered rows -> CSV, XLSX, Parquet, JSON files, read back with pandas, openpyxl and pyarrow, equal the query."""
from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from dashboard import db, exports
from dashboard.exports_filter import Filter
from dashboard.exports_xlsx import DATA_SHEET, META_SHEET, flag_column
from test_exports_filter import expected_rows  # the independent pandas oracle

FILTERS = {
    "everything": Filter(preferred=False),
    "preferred": Filter(),
    "central_asia": Filter(region=("central_asia",), preferred=False),
    "kaz_kgz_years": Filter(country=("KAZ", "KGZ"), year_from=2010, year_to=2016),
    "nothing": Filter(country=("TKM",), indicator=("share_women_senior",)),
}
HOSTILE = ["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "=cmd|' /C calc'!A0"]


def expected(flt: Filter, lang: str = "en") -> pd.DataFrame:
    return expected_rows(flt, lang)[exports.COLUMNS]


def normalised(df: pd.DataFrame) -> pd.DataFrame:
    """Same dtypes whatever the reader: text as str ('' for missing), year int, value float, is_preferred bool."""
    out = df[exports.COLUMNS].copy()
    for col in out.columns:
        if col == "year":
            out[col] = out[col].astype("int64")
        elif col == "value":
            out[col] = out[col].astype("float64")
        elif col == "is_preferred":
            out[col] = out[col].astype(bool)
        else:
            out[col] = out[col].fillna("").astype(str).astype(object)
    return out.reset_index(drop=True)


@pytest.fixture()
def b(served_warehouse) -> exports.Build:
    return exports.build()


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_csv_read_back_with_pandas_equals_the_filtered_query(b, name):
    flt = FILTERS[name]
    df = exports.rows(flt, "ru", b.build_id)
    back = pd.read_csv(io.BytesIO(exports.to_csv(df)), encoding="utf-8-sig", keep_default_na=False,
                       dtype={"vintage": str, "bound": str})
    want = normalised(expected(flt, "ru")).map(exports.neutralise)
    pd.testing.assert_frame_equal(normalised(back), want, check_dtype=False)


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_xlsx_data_sheet_read_back_with_openpyxl_equals_the_filtered_query(b, name):
    flt = FILTERS[name]
    df = exports.rows(flt, "en", b.build_id)
    book = openpyxl.load_workbook(io.BytesIO(exports.render(df, flt, b, "en", "xlsx")), read_only=True)
    values = list(book[DATA_SHEET].values)
    back = pd.DataFrame(values[1:], columns=values[0])
    assert list(back.columns[:len(exports.COLUMNS)]) == exports.COLUMNS
    pd.testing.assert_frame_equal(normalised(back), normalised(expected(flt)), check_dtype=False)


def test_xlsx_has_one_boolean_column_per_flag_of_the_warehouse_matching_the_flags_text(b):
    flt = FILTERS["everything"]
    df = exports.rows(flt, "en", b.build_id)
    book = openpyxl.load_workbook(io.BytesIO(exports.render(df, flt, b, "en", "xlsx")), read_only=True)
    values = list(book[DATA_SHEET].values)
    back = pd.DataFrame(values[1:], columns=values[0])
    flags = list(db.query("api_flags")["code"])
    assert [c for c in back.columns if c.startswith("flag_")] == [flag_column(f) for f in flags]
    for flag in flags:
        carries = back["flags"].fillna("").str.split(";").map(lambda codes, f=flag: f in codes)
        assert back[flag_column(flag)].tolist() == carries.tolist()


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_parquet_read_back_with_pyarrow_equals_the_filtered_query(b, name):
    flt = FILTERS[name]
    df = exports.rows(flt, "en", b.build_id)
    table = pq.read_table(io.BytesIO(exports.render(df, flt, b, "en", "parquet")))
    assert table.column_names == exports.COLUMNS
    pd.testing.assert_frame_equal(normalised(table.to_pandas()), normalised(expected(flt)), check_dtype=False)
    meta = json.loads(table.schema.metadata[b"women_police"])
    assert meta["build_id"] == b.build_id and meta["filter"] == flt.as_dict()


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_json_read_back_equals_the_filtered_query_and_names_the_build_and_filter(b, name):
    flt = FILTERS[name]
    df = exports.rows(flt, "en", b.build_id)
    body = json.loads(exports.render(df, flt, b, "en", "json"))
    assert (body["build_id"], body["release"], body["count"]) == (b.build_id, b.release, len(df))
    assert body["columns"] == exports.COLUMNS and body["filter"] == flt.as_dict()
    back = pd.DataFrame(body["data"], columns=exports.COLUMNS)
    pd.testing.assert_frame_equal(normalised(back), normalised(expected(flt)), check_dtype=False)


@pytest.mark.parametrize("text", HOSTILE)
def test_a_text_cell_a_spreadsheet_would_run_as_a_formula_is_neutralised_in_csv(text):
    df = pd.DataFrame([{c: "" for c in exports.COLUMNS} | {"note": text, "citation": text, "year": 2000,
                                                            "value": -3.5, "is_preferred": True}])
    back = pd.read_csv(io.BytesIO(exports.to_csv(df)), encoding="utf-8-sig", keep_default_na=False)
    assert back.loc[0, "note"] == "'" + text and back.loc[0, "citation"] == "'" + text
    assert back.loc[0, "value"] == -3.5  # numbers are numbers, not text: a negative value is left alone


@pytest.mark.parametrize("text", ["plain", "a=b", "", "Казахстан", "1-2"])
def test_ordinary_text_is_left_alone(text):
    assert exports.neutralise(text) == text


def test_formula_text_in_xlsx_is_stored_as_text_never_as_a_formula(b):
    df = pd.DataFrame([{c: "" for c in exports.COLUMNS} | {"note": t, "year": 2000, "value": 1.0,
                                                            "is_preferred": False} for t in HOSTILE])
    from dashboard.exports_xlsx import to_xlsx
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(df, Filter(), b, "en")))[DATA_SHEET]
    notes = [row[exports.COLUMNS.index("note")] for row in sheet.iter_rows(min_row=2)]
    assert [c.data_type for c in notes] == ["s"] * len(HOSTILE)
    assert [c.value for c in notes] == HOSTILE


def test_csv_starts_with_a_byte_order_mark_and_keeps_cyrillic(b):
    data = exports.to_csv(exports.rows(FILTERS["central_asia"], "ru", b.build_id))
    assert data[:3] == b"\xef\xbb\xbf"
    assert "Казахстан" in data.decode("utf-8-sig") and "Кыргызстан" in data.decode("utf-8-sig")
    assert pd.read_csv(io.BytesIO(data), encoding="utf-8-sig").columns[0] == "iso3"


def meta_text(data: bytes) -> str:
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True)[META_SHEET]
    return "\n".join(" | ".join("" if v is None else str(v) for v in row) for row in sheet.values)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_metadata_sheet_names_sources_definitions_flags_filter_build_and_release(b, lang):
    flt = FILTERS["central_asia"]
    df = exports.rows(flt, lang, b.build_id)
    text = meta_text(exports.render(df, flt, b, lang, "xlsx"))
    sources = db.query("export_sources").set_index("id")
    for sid in set(df["source_id"]):
        assert sources.loc[sid, "citation"] in text and (sources.loc[sid, "licence"] or "") in text
    defs = db.query("export_definitions", lang=lang)
    used = set(df["indicator"]) | set(df["scope"])
    for row in defs[defs["code"].isin(used) | (defs["kind"] == "flag")].itertuples():
        assert row.label in text and row.definition in text
    assert all(flag_column(f) in text for f in defs[defs["kind"] == "flag"]["code"])
    assert b.build_id in text and b.release in text and b.built_at.replace("T", " ") in text
    assert "central_asia" in text  # the filter used
    assert ("Источники" if lang == "ru" else "Sources") in text


def test_file_names_say_what_the_rows_hold_and_the_build_date(b):
    flt = FILTERS["kaz_kgz_years"]
    df = exports.rows(flt, "en", b.build_id)
    lo, hi = int(df["year"].min()), int(df["year"].max())
    assert exports.file_name(df, flt, b, "xlsx") == f"women-police_KAZ-KGZ_{lo}-{hi}_{b.date}.xlsx"
    assert exports.file_name(df, Filter(), b, "csv").startswith("women-police_all_")
    empty = exports.rows(FILTERS["nothing"], "en", b.build_id)
    assert exports.file_name(empty, FILTERS["nothing"], b, "json") == f"women-police_TKM_no-rows_{b.date}.json"
