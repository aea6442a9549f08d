"""Generated national submissions (hypothesis): a valid one loads exactly; one broken cell refuses the file whole."""
from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.errors import InputError
from etl.sources import submissions

HEADER = submissions.COLUMNS
SPELLINGS = {
    "KAZ": ["KAZ", "kaz", "KZ", "Kazakhstan", "Казахстан"], "KGZ": ["KGZ", "Kyrgyzstan", "Kyrgyz Republic", "Кыргызстан"],
    "TJK": ["TJK", "Tajikistan", "Таджикистан"], "TKM": ["TKM", "Turkmenistan", "Туркменистан"],
    "UZB": ["UZB", "Uzbekistan", "Узбекистан"], "DEU": ["DEU", "Germany", "Германия"],
}
INDICATORS = {"share_women_police": "percent", "share_women_senior": "percent", "police_women": "persons",
              "police_total": "persons", "police_per_100k": "per_100k"}
UNIT_SPELLINGS = {"percent": ["", "percent", "%"], "persons": ["", "persons", "человек"], "per_100k": ["", "per_100k"]}
SCOPES = ["police_officers", "interior_ministry_staff", "patrol_police"]
FLAGS = ["estimated", "rounded", "approximate", "provisional", "press_report"]
TITLES = ["MIA statistics 2023", "МВД Республики Казахстан, справка", 'OSCE office; letter "No. 5"']
NOTES = ["", "по данным МВД", "all staff, civilians included", "line one\nline two"]
# Enough examples to meet every spelling, format and break several times, within seconds on CI's two cores.
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def values(draw, unit: str) -> float:
    if unit == "persons":
        return float(draw(st.integers(0, 2_000_000)))
    if unit == "percent":
        return draw(st.sampled_from([0.0, 100.0]) | st.integers(10, 1000).map(lambda n: n / 10))
    return draw(st.integers(0, 300_000).map(lambda n: n / 100))


def spelled(draw, value: float, unit: str, nbsp: bool) -> str:
    """One of the accepted ways to type the number as text."""
    if unit == "persons":
        grouped = f"{int(value):,}".replace(",", "\u00a0" if nbsp else " ")
        return draw(st.sampled_from([str(int(value)), grouped]))
    decimals = 1 if unit == "percent" else 2
    text = draw(st.sampled_from([f"{value:.{decimals}f}", f"{value:.{decimals}f}".replace(".", ",")]))
    return text + draw(st.sampled_from(["", "%", " %"])) if unit == "percent" else text


@st.composite
def rows(draw, nbsp: bool = True) -> list[dict]:
    keys = draw(st.lists(st.tuples(st.sampled_from(list(SPELLINGS)), st.integers(1990, 2024),
                                   st.sampled_from(list(INDICATORS)), st.sampled_from(SCOPES)),
                         min_size=1, max_size=12, unique=True))
    out = []
    for iso3, year, indicator, scope in keys:
        unit = INDICATORS[indicator]
        out.append({"iso3": iso3, "year": year, "indicator": indicator, "scope": scope, "unit": unit,
                    "value": draw(values(unit)), "flags": draw(st.lists(st.sampled_from(FLAGS), max_size=2)),
                    "country": draw(st.sampled_from(SPELLINGS[iso3])), "unit_text": draw(st.sampled_from(
                        UNIT_SPELLINGS[unit])), "title": draw(st.sampled_from(TITLES)),
                    "note": draw(st.sampled_from(NOTES)), "typed": draw(st.booleans())})
    _totals_cover_women(out)
    for r in out:
        r["text"] = spelled(draw, r["value"], r["unit"], nbsp)
    return out


def _totals_cover_women(out: list[dict]) -> None:
    """Women may not exceed the total of the same country, year and scope: raise such totals."""
    women = {(r["iso3"], r["year"], r["scope"]): r["value"] for r in out if r["indicator"] == "police_women"}
    for r in out:
        key = (r["iso3"], r["year"], r["scope"])
        if r["indicator"] == "police_total" and key in women:
            r["value"] = max(r["value"], women[key])


def cells(r: dict, xlsx: bool) -> list:
    value = r["value"] if xlsx and r["typed"] else r["text"]
    year = r["year"] if xlsx and r["typed"] else str(r["year"])
    return [r["country"], year, r["indicator"], value, r["unit_text"], r["scope"], "; ".join(r["flags"]),
            r["title"], "", r["note"]]


def write(folder: Path, rows_: list[dict], fmt: str, delimiter: str, encoding: str, name: str = "sub") -> Path:
    if fmt == "xlsx":
        book = openpyxl.Workbook()
        book.active.title = "data"
        for r in [HEADER] + [cells(r, True) for r in rows_]:
            book.active.append(r)
        book.save(path := folder / f"{name}.xlsx")
        return path
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows([HEADER] + [cells(r, False) for r in rows_])
    (path := folder / f"{name}.csv").write_bytes(text.getvalue().encode(encoding))
    return path


def expected(rows_: list[dict]) -> list[tuple]:
    return [(r["iso3"], r["year"], r["indicator"], r["value"], r["scope"], ";".join(sorted(set(r["flags"]))))
            for r in rows_]


def loaded(path: Path) -> list[tuple]:
    df = submissions.read(path)
    return list(df[["iso3", "year", "indicator", "value", "scope", "flags"]].itertuples(index=False, name=None))


FORMATS = st.sampled_from([("csv", ",", "utf-8"), ("csv", ";", "utf-8-sig"), ("xlsx", "", "")])


@SETTINGS
@given(rows(), FORMATS)
def test_a_valid_generated_submission_loads_exactly_its_rows(rows_, fmt):
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), rows_, *fmt)
        assert submissions.validate(path) == []
        assert loaded(path) == expected(rows_)


@SETTINGS
@given(rows(nbsp=False), st.sampled_from([",", ";"]))
def test_a_valid_generated_windows_1251_submission_loads_exactly_its_rows(rows_, delimiter):
    rows_[0]["note"] = "по данным МВД"  # Windows-1251 is only taken for a file with Russian words in it
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), rows_, "csv", delimiter, "cp1251")
        assert loaded(path) == expected(rows_)


# One broken cell: (name, change to the row's cells). Each breaks a rule a sender could break by hand.
def _set(column: str, value: str):
    def change(r: dict) -> None:
        r[column] = value
        r["typed"] = False
    return change


BREAKS = {
    "text value": _set("text", "twelve"),
    "fiscal year": lambda r: r.update(year=f"FY{r['year']}", typed=False),
    "unknown country": _set("country", "Atlantis"),
    "misspelt indicator": _set("indicator", "police_woman"),
    "unknown scope": _set("scope", "police"),
    "unknown flag": lambda r: r.update(flags=["guessed"]),
    "empty source title": _set("title", ""),
    "share above 100": lambda r: r.update(indicator="share_women_police", unit_text="", text="130", typed=False),
    "negative count": lambda r: r.update(indicator="police_per_100k", unit_text="", text="-5", typed=False),
    "formula text": _set("note", "=HYPERLINK(\"http://example.org\")"),
    "wrong unit": _set("unit_text", "pieces"),
}


@SETTINGS
@given(rows(), FORMATS, st.sampled_from(sorted(BREAKS)), st.data())
def test_one_broken_cell_refuses_the_whole_file_and_names_its_row(rows_, fmt, brk, data):
    broken = data.draw(st.integers(0, len(rows_) - 1))
    BREAKS[brk](rows_[broken])
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), rows_, *fmt)
        problems = submissions.validate(path)
        assert broken + 2 in {p.row for p in problems}, problems
        with pytest.raises(InputError):
            submissions.read(path)


@SETTINGS
@given(rows(), FORMATS, st.data())
def test_a_conflicting_repeat_of_a_row_refuses_the_file_and_points_at_the_repeat(rows_, fmt, data):
    first = data.draw(st.sampled_from(rows_))
    repeat = {**first, "text": "17" if first["text"] != "17" else "18", "typed": False}
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), rows_ + [repeat], *fmt)
        problems = submissions.validate(path)
        assert [(p.row, p.column) for p in problems if "conflicts with" in p.rule] == [(len(rows_) + 2, "value")]
        with pytest.raises(InputError):
            submissions.read(path)
