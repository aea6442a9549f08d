"""Every check rule: each failure names file, row, column, value and rule."""
import pytest

from etl import checks, tidy


def row(**over):
    base = {"iso3": "KAZ", "year": 2015, "indicator": "share_women_police", "value": 8.0,
            "scope": "police_officers", "flags": "", "note": "", "source_id": "submission:test",
            "vintage": "", "citation": "c", "url": "", "origin": "test.csv:2"}
    return {**base, **over}


def problems(*rows, this_year=2026):
    return checks.check(tidy.frame(list(rows)), this_year=this_year)


def test_a_valid_row_has_no_problems():
    assert problems(row()) == []


@pytest.mark.parametrize("over, column, rule", [
    ({"value": 130.0}, "value", "within 0–100"),
    ({"value": -1.0}, "value", "within 0–100"),
    ({"indicator": "police_women", "value": -5.0}, "value", "non-negative whole number"),
    ({"indicator": "police_women", "value": 12.5}, "value", "non-negative whole number"),
    ({"indicator": "police_per_100k", "value": -3.0}, "value", "must not be negative"),
    ({"year": 1989}, "year", "1990..2026"),
    ({"year": 2027}, "year", "1990..2026"),
    ({"indicator": "share_women_army"}, "indicator", "unknown indicator"),
    ({"scope": "army"}, "scope", "unknown scope"),
    ({"flags": "rounded;guessed"}, "flags", "unknown flag"),
])
def test_each_rule_reports_file_row_column_value(over, column, rule):
    [p] = problems(row(**over))
    assert (p.file, p.row, p.column) == ("test.csv", 2, column)
    assert rule in p.rule
    assert p.value is not None


def test_women_above_total_is_refused_for_the_same_country_year_scope_and_source():
    women = row(indicator="police_women", value=120.0, origin="t.csv:2")
    total = row(indicator="police_total", value=100.0, origin="t.csv:3")
    [p] = problems(women, total)
    assert (p.row, p.column) == (2, "value")
    assert "exceed the total" in p.rule and "t.csv:3" in p.rule


def test_women_above_total_in_another_scope_is_not_compared():
    women = row(indicator="police_women", value=120.0)
    total = row(indicator="police_total", value=100.0, scope="interior_ministry_staff", origin="t.csv:3")
    assert problems(women, total) == []


def test_bounds_are_not_compared_with_exact_totals():
    women = row(indicator="police_women", value=16000.0, flags="lower_bound")
    total = row(indicator="police_total", value=100.0, origin="t.csv:3")
    assert problems(women, total) == []


def test_conflicting_duplicates_in_one_source_and_vintage_are_errors():
    [p] = problems(row(value=8.0), row(value=9.0, origin="test.csv:3"))
    assert p.row == 3 and "conflicts with 8" in p.rule


def test_identical_duplicates_are_not_conflicts():
    assert problems(row(), row(origin="test.csv:3")) == []


def test_a_lower_and_an_upper_bound_for_the_same_key_are_a_range_not_a_conflict():
    assert problems(row(value=10.0, flags="lower_bound"), row(value=12.0, flags="upper_bound", origin="t.csv:3")) == []


def test_problem_text_reads_as_one_line():
    [p] = problems(row(value=130.0))
    assert str(p) == "test.csv, row 2, column 'value': value '130.0': a share must be within 0–100 (percent)"
