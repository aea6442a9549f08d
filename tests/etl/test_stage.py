"""The staging area and the DuckDB reading of submission CSVs: the same rows and problems as Python's readers."""
from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from etl import stage
from etl.sources import submission_csv, submissions

HEADER = submissions.COLUMNS
GOOD = ["KAZ", "2023", "police_women", "12500", "persons", "police_officers", "", "MIA statistics 2023", "", ""]


def test_py_strip_strips_exactly_what_python_strips():
    spaces = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    con = stage.connect()
    samples = [spaces + "a b" + spaces, "\u200bx\u200b", "", "  ", "\u3000\u00a0KAZ\u2009", "a"] + list(spaces)
    got = con.execute("SELECT list_transform($s, lambda x: py_strip(x))", {"s": samples}).fetchall()[0][0]
    assert got == [s.strip() for s in samples]
    blank = con.execute("SELECT list_transform($s, lambda x: is_blank(x))", {"s": samples}).fetchall()[0][0]
    assert blank == [not s.strip() for s in samples]


def write(path: Path, rows, encoding="utf-8", delimiter=",", lineterminator="\n") -> Path:
    with open(path, "w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter, lineterminator=lineterminator).writerows([HEADER, *rows])
    return path


ROWS = [GOOD, ["Казахстан", " 2022 ", "police_total", "85 000", "человек", "police_officers", "rounded, estimated",
               'МВД "справка", 2023', "", "строка один\nстрока два"],
        ["KGZ", "2023", "share_women_police", "6,8", "%", "interior_ministry_staff", "", "MIA", "", "note  "]]


@pytest.mark.parametrize("encoding, delimiter, lineterminator", [
    ("utf-8", ",", "\n"), ("utf-8-sig", ";", "\r\n"), ("cp1251", ",", "\r\n"), ("cp1251", ";", "\n")])
def test_a_regular_file_is_read_by_duckdb_into_the_same_rows_as_pythons_reader(tmp_path, monkeypatch, encoding,
                                                                            delimiter, lineterminator):
    path = write(tmp_path / "sub.csv", ROWS, encoding, delimiter, lineterminator)
    with monkeypatch.context() as m:
        m.setattr(submission_csv, "_with_python", lambda *a: pytest.fail("not read by DuckDB"))
        read_by_duckdb = submissions.read(path)
    monkeypatch.setattr(submission_csv, "_regular_header", lambda *a: None)
    assert read_by_duckdb.equals(submissions.read(path))
    # Rows are records, as Excel shows them: the note with a line break is one row.
    assert list(read_by_duckdb["origin"]) == ["sub.csv:2", "sub.csv:3", "sub.csv:4"]
    assert read_by_duckdb["note"][1] == "строка один\nстрока два"


@pytest.mark.parametrize("data", [
    b"\n",                      # a blank line: DuckDB would skip it and shift the row numbers
    b'KAZ,2023,police_women, "12500",persons,police_officers,,MIA,,\n',  # a space before a quote
    b'KAZ,2023,police_women,"12" "500",persons,police_officers,,MIA,,\n',
    b"KAZ,2023,police_women,12500,persons,police_officers,,MIA,,\rKAZ,2024\n",  # a lone carriage return
])
def test_an_irregular_file_is_left_to_pythons_readers(tmp_path, data):
    path = tmp_path / "sub.csv"
    path.write_bytes(",".join(HEADER).encode() + b"\n" + data + b"KGZ,2023,police_women,1,persons,police_officers,,MIA,,\n")
    assert submission_csv._regular_header(path.read_bytes(), path.read_text(), ",") is None


def test_a_ragged_row_falls_back_to_python_and_is_named(tmp_path):
    path = write(tmp_path / "sub.csv", [GOOD, GOOD + ["stray"]])
    (problem,) = submissions.validate(path)
    assert (problem.row, problem.value) == (3, "stray")


def test_a_build_stages_every_input_once_in_one_connection(tmp_path):
    path = write(tmp_path / "sub.csv", [GOOD])
    con = stage.connect()
    batch = submissions.stage_file(con, path, "snap")
    assert con.execute("SELECT batch, pos, origin, snapshot_id FROM staged").fetchall() == [(batch, 2, "sub.csv:2", "snap")]
    # The working tables of a submission are gone once its rows are staged.
    names = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() UNION SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert not {n for n in names if n.startswith("sub_") and n != "sub_template"}
