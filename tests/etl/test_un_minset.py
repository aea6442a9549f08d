"""UN MinSet IV.4 parser on small files in each published layout (TSV '.csv', rearranged CSV, XLSX)."""
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from etl.errors import InputError
from etl.sources import un_minset

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "un_minset"
TSV = FIXTURES / "minset_2019.tsv.csv"
REARRANGED = FIXTURES / "minset_2019_rearranged.csv"
XLSX_COLUMNS = ["INDICATOR_LABEL", "INDICATOR_ID", "INDICATOR_DESC", "MINSET_SERIES", "MINSET_SERIES_DESC",
                "REF_AREA", "REF_AREA_DESC", "ISO3", "X", "Y", "SDG_REGION", "TIME_PERIOD", "SEX", "SEX_DESC",
                "OBS_VALUE", "UNIT_MEASURE", "UNIT_MEASURE_DESC", "NATURE", "NATURE_DESC", "REPORTING_TYPE",
                "REPORTING_TYPE_DESC", "SOURCE_YEAR"]


def write_xlsx(path: Path, rows: list[dict]) -> Path:
    """An XLSX shaped like IV_4__Ib3320b80_data.xlsx: one sheet, header row, numbers as numbers."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(XLSX_COLUMNS)
    for r in rows:
        ws.append([r.get(c) for c in XLSX_COLUMNS])
    wb.save(path)
    return path


def tsv_rows() -> list[dict]:
    return pd.read_csv(TSV, sep="\t", dtype=str).to_dict("records")


def as_values(df):
    return {(r.iso3, r.year, r.vintage): r.value for r in df.itertuples()}


def test_tab_separated_file_named_csv_is_read_with_exact_values():
    df = un_minset.parse(TSV)
    assert as_values(df) == {
        ("KAZ", 2012, "2019"): 10.0, ("KAZ", 2013, "2019"): 10.0, ("KAZ", 2015, "2019"): 8.0,
        ("GBR", 2012, "2019"): 22.0, ("GBR", 2013, "2019"): 28.0, ("GBR", 2015, "2019"): 29.0,
        ("VAT", 2012, "2019"): 0.0, ("VAT", 2013, "2019"): 0.0, ("VAT", 2015, "2019"): 0.0,
    }


def test_float_noise_is_removed_but_the_value_is_not_rounded_further():
    df = un_minset.parse(TSV)
    assert df.loc[(df.iso3 == "GBR") & (df.year == 2013), "value"].item() == 28.0


def test_rearranged_comma_file_gives_the_same_rows_as_the_tab_file():
    cols = ["iso3", "year", "value", "vintage", "indicator", "scope", "flags"]
    a = un_minset.parse(TSV)[cols].sort_values(cols, ignore_index=True)
    b = un_minset.parse(REARRANGED)[cols].sort_values(cols, ignore_index=True)
    pd.testing.assert_frame_equal(a, b)


def test_rows_carry_scope_source_vintage_rounded_flag_and_origin():
    row = un_minset.parse(TSV).query("iso3 == 'KAZ' and year == 2015").iloc[0]
    assert (row.indicator, row.scope, row.source_id, row.vintage) == (
        "share_women_police", "police_officers", "un_minset_iv4", "2019")
    assert row["flags"] == "rounded"  # Series.flags is a pandas attribute
    assert row.origin.startswith("minset_2019.tsv.csv:")


def test_xlsx_with_two_releases_keeps_both_as_vintages(tmp_path):
    rows = tsv_rows()
    older = [dict(r, SOURCE_YEAR="2017", OBS_VALUE="9.0") for r in rows if r["ISO3"] == "KAZ"]
    path = write_xlsx(tmp_path / "IV_4.xlsx", older + rows)
    values = as_values(un_minset.parse(path))
    assert values[("KAZ", 2012, "2017")] == 9.0
    assert values[("KAZ", 2012, "2019")] == 10.0
    assert len(values) == len(rows) + len(older)


def test_missing_column_is_one_clear_problem_naming_it(tmp_path):
    bad = tmp_path / "no_value.csv"
    pd.read_csv(TSV, sep="\t", dtype=str).drop(columns=["OBS_VALUE"]).to_csv(bad, sep="\t", index=False)
    with pytest.raises(InputError) as e:
        un_minset.parse(bad)
    assert [str(p) for p in e.value.problems] == ["no_value.csv, column 'OBS_VALUE': required column is missing"]


@pytest.mark.parametrize("column, value, rule", [
    ("ISO3", "KAZ", "M49 code is"),           # M49 398 says KAZ; make ISO3 disagree below
    ("OBS_VALUE", "ten", "value must be a number"),
    ("TIME_PERIOD", "2015-16", "year must be a whole number"),
    ("UNIT_MEASURE", "NR", "expected 'PT'"),
    ("ISO3", "XYZ", "unknown country"),
])
def test_bad_cells_name_file_row_column_value_and_rule(tmp_path, column, value, rule):
    df = pd.read_csv(TSV, sep="\t", dtype=str)
    row = 3  # the 4th data row = line 5 of the file (header is line 1)
    if rule == "M49 code is":
        column, value = "REF_AREA", "417"  # Kyrgyzstan's M49 on a Kazakhstan row
    df.loc[row, column] = value
    bad = tmp_path / "bad.csv"
    df.to_csv(bad, sep="\t", index=False)
    with pytest.raises(InputError) as e:
        un_minset.parse(bad)
    [problem] = e.value.problems
    assert (problem.file, problem.row, problem.column, problem.value) == ("bad.csv", row + 2, column, value)
    assert rule in problem.rule
