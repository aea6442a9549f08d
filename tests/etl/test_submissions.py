"""National submissions: fixture files (CSV in three encodings, XLSX) -> tidy rows; each broken case -> a Problem."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import openpyxl
import pytest

from etl import reference, tidy
from etl.errors import InputError, Problem
from etl.sources import submission_cells, submissions

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "submissions"
HEADER = submissions.COLUMNS
GOOD = ["KAZ", "2023", "police_women", "12500", "persons", "police_officers", "", "MIA statistics 2023", "", ""]


def write_csv(tmp_path: Path, *rows, header=HEADER, name="sub.csv", delimiter=",", encoding="utf-8") -> Path:
    path = tmp_path / name
    with open(path, "w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter, lineterminator="\n").writerows([header, *rows])
    return path


def write_xlsx(tmp_path: Path, *rows, header=HEADER, name="sub.xlsx", sheet="data", first_sheet=None) -> Path:
    """A workbook with `rows` under the header on sheet `sheet` (optionally after another first sheet)."""
    book = openpyxl.Workbook()
    if first_sheet:
        book.active.title = first_sheet
        book.active.append(["not the data"])
        data = book.create_sheet(sheet)
    else:
        data = book.active
        data.title = sheet
    for row in (header, *rows):
        data.append(list(row))
    book.save(path := tmp_path / name)
    return path


def row_with(**changes) -> list[str]:
    return [changes.get(c, GOOD[i]) for i, c in enumerate(HEADER)]


def records(df) -> list[tuple]:
    return list(df[["iso3", "year", "indicator", "value", "scope", "flags"]].itertuples(index=False, name=None))


# --- valid fixtures: exact rows -------------------------------------------------------------------------------

EXPECTED = {
    "valid_utf8.csv": [
        ("KAZ", 2023, "police_women", 12500.0, "police_officers", ""),
        ("KAZ", 2023, "police_total", 85000.0, "police_officers", "rounded"),
        ("KGZ", 2022, "share_women_police", 7.2, "interior_ministry_staff", "approximate;press_report"),
        ("TKM", 2024, "police_per_100k", 410.5, "police_officers", ""),
    ],
    "valid_utf8_bom.csv": [
        ("KAZ", 2021, "share_women_police", 9.4, "police_officers", ""),
        ("TJK", 2021, "police_women", 1850.0, "police_officers", "estimated"),
    ],
    "valid_cp1251.csv": [
        ("KGZ", 2023, "share_women_police", 6.8, "interior_ministry_staff", "approximate"),
        ("KAZ", 2023, "police_women", 14200.0, "police_officers", "press_report;rounded"),
    ],
    "valid_semicolon.csv": [
        ("UZB", 2022, "share_women_police", 8.5, "police_officers", ""),
        ("UZB", 2022, "police_women", 1234.0, "police_officers", ""),
        ("ARM", 2022, "police_per_100k", 512.25, "police_officers", ""),
    ],
}


@pytest.mark.parametrize("name", EXPECTED)
def test_valid_fixture_reads_to_exactly_these_rows(name):
    df = submissions.read(FIXTURES / name)
    assert list(df.columns) == tidy.TIDY_COLUMNS
    assert records(df) == EXPECTED[name]
    assert set(df["source_id"]) == {f"submission:{Path(name).stem}"}
    assert set(df["vintage"]) == {""}
    assert list(df["origin"]) == [f"{name}:{n}" for n in range(2, len(df) + 2)]


@pytest.mark.parametrize("name", EXPECTED)
def test_valid_fixture_validates_without_problems(name):
    assert submissions.validate(FIXTURES / name) == []


def test_citation_url_and_note_come_from_the_row():
    df = submissions.read(FIXTURES / "valid_utf8.csv")
    first, third = df.iloc[0], df.iloc[2]
    assert first["citation"] == "Ministry of Internal Affairs of Kazakhstan: statistics 2023"
    assert first["url"] == "https://www.gov.kz/memleket/entities/qriim"
    assert first["note"] == "test fixture"
    assert (third["url"], third["note"]) == ("", "all internal affairs staff, civilians included")


def test_windows_1251_file_with_russian_names_resolves_countries_and_keeps_cyrillic_text():
    df = submissions.read(FIXTURES / "valid_cp1251.csv")
    assert list(df["iso3"]) == ["KGZ", "KAZ"]
    assert list(df["note"]) == ["все сотрудники ОВД", "по данным МВД"]
    assert df.iloc[0]["citation"] == "МВД Кыргызской Республики, справка"


def test_utf8_bom_does_not_leak_into_the_first_column_name():
    df = submissions.read(FIXTURES / "valid_utf8_bom.csv")
    assert df.iloc[0]["note"] == "данные на 31 декабря"


def test_valid_xlsx_reads_numbers_text_and_percent_formatted_cells(tmp_path):
    path = write_xlsx(tmp_path,
                      ["Казахстан", 2023, "share_women_police", 0.215, "%", "police_officers", None, "MIA", None, None],
                      ["KGZ", 2023.0, "police_women", 1500, "человек", "interior_ministry_staff", "rounded", "MIA",
                       "https://mvd.gov.kg/", "from the yearbook"])
    book = openpyxl.load_workbook(path)
    book["data"]["D2"].number_format = "0.0%"  # Excel stores 21.5 % as 0.215
    book.save(path)
    df = submissions.read(path)
    assert records(df) == [("KAZ", 2023, "share_women_police", 21.5, "police_officers", ""),
                           ("KGZ", 2023, "police_women", 1500.0, "interior_ministry_staff", "rounded")]
    assert list(df["origin"]) == ["sub.xlsx:2", "sub.xlsx:3"]


def test_xlsx_reads_the_sheet_named_data_even_when_it_is_not_first(tmp_path):
    path = write_xlsx(tmp_path, GOOD, first_sheet="instructions")
    assert records(submissions.read(path)) == [("KAZ", 2023, "police_women", 12500.0, "police_officers", "")]


def test_xlsx_header_is_the_first_non_empty_row_and_row_numbers_follow_the_sheet(tmp_path):
    path = write_xlsx(tmp_path, GOOD, header=HEADER)
    book = openpyxl.load_workbook(path)
    book["data"].insert_rows(1, amount=2)
    book.save(path)
    assert list(submissions.read(path)["origin"]) == ["sub.xlsx:4"]


# --- broken fixtures: each names file, row, column, value and rule ---------------------------------------------

BROKEN = {
    "broken_women_exceed_total.csv": [(2, "value", "9000", "exceed the total")],
    "broken_share_130.csv": [(2, "value", "130", "share must be within 0–100")],
    "broken_negative_count.csv": [(2, "value", "-40", "non-negative whole number")],
    "broken_unknown_country.csv": [(2, "country", "Uzbekistn", "closest matches: Uzbekistan (UZB)")],
    "broken_year_fy.csv": [(2, "year", "FY2015", "one calendar year"), (3, "year", "2015-16", "one calendar year")],
    "broken_missing_column.csv": [(1, "scope", None, "required column is missing")],
    "broken_conflicting_duplicates.csv": [(3, "value", "9", "conflicts with 7 at broken_conflicting_duplicates.csv:2")],
    "broken_empty.csv": [(None, None, None, "the file is empty")],
    "broken_header_only.csv": [(None, None, None, "no data rows")],
}


@pytest.mark.parametrize("name", BROKEN)
def test_broken_fixture_names_file_row_column_value_and_rule(name):
    problems = submissions.validate(FIXTURES / name)
    assert [(p.file, p.row, p.column, p.value) for p in problems] == [(name, *want[:3]) for want in BROKEN[name]]
    for problem, want in zip(problems, BROKEN[name]):
        assert want[3] in problem.rule


@pytest.mark.parametrize("name", BROKEN)
def test_read_raises_input_error_with_the_same_problems_as_validate(name):
    with pytest.raises(InputError) as raised:
        submissions.read(FIXTURES / name)
    assert sorted(raised.value.problems) == sorted(submissions.validate(FIXTURES / name))


def test_read_reports_every_problem_of_every_row_at_once(tmp_path):
    path = write_csv(tmp_path, row_with(country="Uzbekistn", year="FY2015"), row_with(value="0.2",
                     indicator="share_women_police", unit="percent"), row_with(scope="police", flags="approx"))
    with pytest.raises(InputError) as raised:
        submissions.read(path)
    assert sorted((p.row, p.column) for p in raised.value.problems) == [
        (2, "country"), (2, "year"), (3, "value"), (4, "flags"), (4, "scope")]


def test_formula_cell_in_xlsx_is_an_error_naming_the_cell(tmp_path):
    path = write_xlsx(tmp_path, row_with(value="=B2*3"))
    assert submissions.validate(path) == [
        Problem("sub.xlsx", 2, "value", "=B2*3", "cell D2 holds a formula; type the value itself")]


# --- cell rules, one case each -----------------------------------------------------------------------------------

@pytest.mark.parametrize("changes, column, rule_part", [
    ({"indicator": "share_women_police", "unit": "percent", "value": "0.215"}, "value", "looks like a fraction"),
    ({"value": "1,234"}, "value", "ambiguous: could mean 1234 or 1.234"),
    ({"value": "12.000"}, "value", "ambiguous: could mean 12000 or 12.0"),
    ({"value": "1,234,567"}, "value", "decimal marks only"),
    ({"value": "1 23 4"}, "value", "not a number"),
    ({"value": "about 12000"}, "value", "not a number"),
    ({"value": "n/a"}, "value", "not a number"),
    ({"value": "12500.5"}, "value", "whole number"),
    ({"year": "FY2015"}, "year", "not a fiscal year"),
    ({"year": "2015/16"}, "year", "one calendar year"),
    ({"year": "1985"}, "year", "within 1990"),
    ({"year": "2099"}, "year", "within 1990"),
    ({"country": ""}, "country", "required value is empty"),
    ({"source_title": " "}, "source_title", "required value is empty"),
    ({"indicator": "police_woman"}, "indicator", "did you mean police_women?"),
    ({"scope": "all_staff"}, "scope", "unknown scope code"),
    ({"flags": "approximate;guess"}, "flags", "unknown flag code"),
    ({"unit": "percent"}, "unit", "does not match the indicator, which is in persons"),
    ({"unit": "pieces"}, "unit", "unknown unit"),
    ({"source_url": "www.gov.kz"}, "source_url", "http:// or https://"),
    ({"note": "EXAMPLE – delete this row"}, "note", "example row from the template"),
])
def test_bad_cell_is_reported_with_its_row_column_value_and_rule(tmp_path, changes, column, rule_part):
    path = write_csv(tmp_path, row_with(**changes))
    problems = submissions.validate(path)
    assert len(problems) == 1, problems
    (problem,) = problems
    assert (problem.file, problem.row, problem.column) == ("sub.csv", 2, column)
    assert rule_part in problem.rule
    shown = "guess" if column == "flags" else changes[column].strip()
    assert problem.value == shown


@pytest.mark.parametrize("text, unit, expected", [
    ("12 000", "persons", 12000.0),
    ("12\u00a0000", "persons", 12000.0),
    ("1 234 567", "persons", 1234567.0),
    ("21,5", "percent", 21.5),
    ("21.5 %", "percent", 21.5),
    ("12,345", "percent", 12.345),
    ("436,5", "per_100k", 436.5),
    ("0", "percent", 0.0),
    (16000.0, "persons", 16000.0),
])
def test_accepted_number_spellings(text, unit, expected):
    assert submission_cells.value(text, unit) == expected


@pytest.mark.parametrize("text, expected", [("persons", "persons"), ("Человек", "persons"), ("%", "percent"),
                                            ("percent", "percent"), ("per_100k", "per_100k")])
def test_unit_names_in_english_and_russian_are_accepted(text, expected):
    submission_cells.unit(text, expected)


def test_flags_may_be_separated_by_semicolon_or_comma(tmp_path):
    path = write_csv(tmp_path, row_with(flags="rounded, press_report;estimated"))
    assert submissions.read(path).iloc[0]["flags"] == "estimated;press_report;rounded"


def test_optional_columns_may_be_left_out_of_the_header(tmp_path):
    header = ["country", "year", "indicator", "value", "scope", "source_title"]
    path = write_csv(tmp_path, ["KAZ", "2023", "police_women", "12500", "police_officers", "MIA"], header=header)
    assert records(submissions.read(path)) == [("KAZ", 2023, "police_women", 12500.0, "police_officers", "")]


def test_header_names_are_matched_without_case_or_surrounding_spaces(tmp_path):
    path = write_csv(tmp_path, GOOD, header=[f" {c.upper()} " for c in HEADER])
    assert submissions.validate(path) == []


# --- whole-file and header problems ------------------------------------------------------------------------------

def test_unknown_and_duplicated_columns_are_named(tmp_path):
    path = write_csv(tmp_path, GOOD + ["x", "y"], header=HEADER + ["remarks", "year"])
    assert [(p.row, p.column, p.rule.split(";")[0].split(" (")[0]) for p in submissions.validate(path)] == [
        (1, "remarks", "unknown column"), (1, "year", "column appears twice")]


def test_values_beyond_the_header_are_reported(tmp_path):
    path = write_csv(tmp_path, GOOD + ["stray"])
    (problem,) = submissions.validate(path)
    assert (problem.row, problem.value) == (2, "stray")
    assert "beyond the last column" in problem.rule


def test_an_unterminated_quote_is_reported_with_its_line(tmp_path):
    path = tmp_path / "sub.csv"
    path.write_text(",".join(HEADER) + '\nKAZ,2023,police_women,12500,persons,police_officers,,"MIA report,,\n',
                    encoding="utf-8")
    (problem,) = submissions.validate(path)
    assert (problem.file, problem.row) == ("sub.csv", 2)
    assert problem.rule.startswith("not valid CSV")


def test_tab_separated_file_is_one_clear_whole_file_problem(tmp_path):
    path = write_csv(tmp_path, GOOD, delimiter="\t")
    assert submissions.validate(path) == [Problem(
        "sub.csv", None, None, None, "expected comma- or semicolon-separated columns; the header row has tabs")]


def test_undecodable_bytes_are_one_whole_file_problem(tmp_path):
    path = tmp_path / "sub.csv"
    path.write_bytes(",".join(HEADER).encode() + b"\nKAZ,2023,police_women,1\x98\xff,persons,x,y,,\n")
    (problem,) = submissions.validate(path)
    assert (problem.file, problem.row, problem.column) == ("sub.csv", None, None)
    assert "cannot read the file as UTF-8" in problem.rule and "Windows-1251" in problem.rule


@pytest.mark.parametrize("note", ["caf\u00e9", "\u00d6sterreich", "M\u00fcller"])
def test_latin1_text_is_not_taken_for_windows_1251(tmp_path, note):
    path = write_csv(tmp_path, row_with(note=note), encoding="latin-1")
    assert "cannot read the file as UTF-8" in submissions.validate(path)[0].rule


def test_utf16_file_is_named_as_such(tmp_path):
    path = write_csv(tmp_path, GOOD, encoding="utf-16")
    assert "UTF-16" in submissions.validate(path)[0].rule


@pytest.mark.parametrize("name, rule_part", [("sub.xls", "old .xls format"), ("sub.ods", "expected a .csv or .xlsx")])
def test_other_file_types_are_refused(tmp_path, name, rule_part):
    path = tmp_path / name
    path.write_bytes(b"anything")
    assert rule_part in submissions.validate(path)[0].rule


def test_a_broken_xlsx_is_one_whole_file_problem(tmp_path):
    path = tmp_path / "sub.xlsx"
    path.write_bytes(b"not a zip")
    (problem,) = submissions.validate(path)
    assert problem.row is None and "not a readable .xlsx" in problem.rule


def test_the_same_figure_twice_is_not_a_conflict(tmp_path):
    path = write_csv(tmp_path, GOOD, GOOD)
    assert submissions.validate(path) == []


def test_a_lower_bound_and_an_exact_value_for_one_key_are_not_a_conflict(tmp_path):
    path = write_csv(tmp_path, GOOD, row_with(value="13000", flags="lower_bound"))
    assert submissions.validate(path) == []


# --- the template -------------------------------------------------------------------------------------------------

@pytest.fixture()
def templates(tmp_path):
    return {p.suffix: p for p in submissions.write_template(tmp_path / "template")}


def test_template_writes_csv_and_xlsx(templates):
    assert sorted(p.name for p in templates.values()) == ["submission_template.csv", "submission_template.xlsx"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_template_examples_are_the_only_thing_that_stops_it_from_loading(templates, suffix):
    problems = submissions.validate(templates[suffix])
    assert [(p.row, p.column) for p in problems] == [(2, "note"), (3, "note")]
    assert all("example row" in p.rule for p in problems)


def test_template_csv_with_the_example_marks_removed_loads(templates, tmp_path):
    with open(templates[".csv"], encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    path = write_csv(tmp_path, *[r[:-1] + ["checked"] for r in rows[1:]], header=rows[0])
    assert records(submissions.read(path)) == [
        ("KAZ", 2024, "police_women", 12000.0, "police_officers", "rounded"),
        ("KGZ", 2024, "share_women_police", 6.5, "interior_ministry_staff", "approximate")]


def test_template_xlsx_with_the_example_rows_deleted_and_a_real_row_added_loads(templates):
    book = openpyxl.load_workbook(templates[".xlsx"])
    book["data"].delete_rows(2, 2)
    book["data"].append(["Tajikistan", 2024, "police_total", 9000, "persons", "police_officers", "", "MIA", "", ""])
    book.save(templates[".xlsx"])
    assert records(submissions.read(templates[".xlsx"])) == [
        ("TJK", 2024, "police_total", 9000.0, "police_officers", "")]


def test_template_xlsx_has_data_instructions_and_codes_sheets_with_drop_downs(templates):
    book = openpyxl.load_workbook(templates[".xlsx"])
    assert book.sheetnames == ["data", "instructions", "codes"]
    data = book["data"]
    assert [c.value for c in data[1]] == HEADER
    lists = {str(dv.sqref): dv.formula1 for dv in data.data_validations.dataValidation}
    n_indicators, n_scopes = len(reference.indicators()), len(reference.scopes())
    assert lists == {"C2:C1000": f"codes!$A$2:$A${n_indicators + 1}", "F2:F1000": f"codes!$E$2:$E${n_scopes + 1}",
                     "E2:E1000": '"persons,percent,per_100k"'}
    assert data.column_dimensions["H"].width == 50


def test_template_instructions_exist_in_english_and_russian_side_by_side(templates):
    sheet = openpyxl.load_workbook(templates[".xlsx"])["instructions"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(max_col=3)]
    texts = [(en, ru) for _, en, ru in rows if en or ru]
    assert texts and all(en and ru for en, ru in texts)
    cyrillic = re.compile("[а-яА-ЯёЁ]")
    assert all(cyrillic.search(ru) for en, ru in texts if en not in ("English",))
    firsts = {r[0] for r in rows}
    assert {"police_women", "interior_ministry_staff", "lower_bound"} <= firsts
    assert any(r[1] and "Women in police (persons)" in r[1] and "Женщины в полиции (человек)" in r[2] for r in rows)


def test_template_codes_sheet_lists_every_code_with_both_labels(templates):
    sheet = openpyxl.load_workbook(templates[".xlsx"])["codes"]
    indicators = [(r[0].value, r[1].value, r[2].value) for r in sheet.iter_rows(min_row=2, max_col=3) if r[0].value]
    assert len(indicators) == len(reference.indicators())
    assert ("share_women_police", "Women's share of police", "Доля женщин в полиции") in indicators
