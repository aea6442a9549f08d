"""Published figures: the shared raw CSV -> submission file, targets, undated figures; rules, overrides, conflicts."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from etl import paths, reference
from etl.errors import InputError
from etl.sources import published_figures as pf
from etl.sources import published_rules as rules
from etl.sources import submissions
from etl.sources.published_conflicts import SHARE_DISAGREES

RAW_HEADER = ["iso3", "year", "indicator", "value", "source_title", "source_url", "quote", "note"]
COMMITTED = {
    "submission": paths.SUBMISSIONS / pf.SUBMISSION_NAME,
    "targets": paths.BUNDLED / "targets.csv",
    "undated": paths.BUNDLED / "undated_figures.csv",
}


@pytest.fixture(scope="module")
def real(shared_raw):
    outcomes = pf.classify(shared_raw)
    return outcomes, pf.frames(outcomes)


def write_raw(tmp_path: Path, *rows: dict, overrides: list[dict] = ()) -> tuple[Path, Path]:
    """A raw folder holding published_figures.csv with `rows` (missing columns filled), and an overrides file."""
    raw_dir = tmp_path / "raw"
    raw_dir.mkdir()
    base = {"source_title": "A page", "source_url": "https://example.org/", "quote": "QUOTED SENTENCE", "note": ""}
    with open(raw_dir / pf.RAW_NAME, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, RAW_HEADER)
        writer.writeheader()
        writer.writerows({**base, **row} for row in rows)
    over = tmp_path / "overrides.csv"
    with open(over, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, ["iso3", "year", "indicator", "value", "scope", "flags", "why"])
        writer.writeheader()
        writer.writerows(overrides)
    return raw_dir, over


def kinds(outcomes) -> list[tuple]:
    return [(o.kind, o.figure.get("indicator"), o.figure.get("scope"), o.figure.get("flags"), o.reason)
            for o in outcomes]


def one(df, **where):
    rows = df
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, rows
    return rows.iloc[0]


# --- the real raw file -------------------------------------------------------------------------------------------

@pytest.mark.shared
def test_real_file_outcome_counts(real):
    summary = pf.summarize(real[0])
    print(summary)
    assert summary.rows_read == 121
    assert dict(summary.outcomes) == {"observation": 64, "target": 2, "undated": 30, "skipped": 25}
    assert dict(summary.skipped) == {
        "EU aggregate, not a country": 18,
        "world aggregate, not a country": 1,
        "period total (2020-2024 is not one year)": 2,
        "policy target without a target year": 2,
        SHARE_DISAGREES: 2,
    }
    assert summary.details == [
        "AZE 2025 share_women_police: printed 10 %, counts give 4041 / 30410 = 13.3 %",
        "AZE 2024 share_women_recruits: printed 13.6 %, counts give 290 / 3507 = 8.3 %",
    ]


@pytest.mark.shared
def test_real_file_frames_have_the_promised_columns_and_sizes(real):
    subs, targets, undated = real[1]
    assert list(subs.columns) == submissions.COLUMNS and len(subs) == 64
    assert list(targets.columns) == pf.TARGET_COLUMNS and len(targets) == 2
    assert list(undated.columns) == pf.UNDATED_COLUMNS and len(undated) == 30


@pytest.mark.shared
@pytest.mark.parametrize("where, expected", [
    ({"country": "KGZ", "year": 2016, "indicator": "share_women_police"},
     {"value": "5.9", "scope": "police_officers", "unit": "percent"}),
    ({"country": "KGZ", "year": 2014, "indicator": "share_women_police"},
     {"value": "6.3", "scope": "interior_ministry_staff"}),
    ({"country": "KGZ", "year": 2015, "indicator": "share_women_police"},
     {"value": "6.1", "scope": "interior_ministry_staff"}),
    ({"country": "KAZ", "year": 2026, "indicator": "police_women"},
     {"value": "16000", "scope": "police_officers", "flags": "lower_bound;rounded", "unit": "persons"}),
    ({"country": "KAZ", "year": 2024, "indicator": "police_women"},
     {"value": "280", "scope": "specialised_investigation_units"}),
    ({"country": "BLR", "year": 2026, "flags": "lower_bound;year_of_publication"},
     {"value": "10", "scope": "interior_ministry_staff", "indicator": "share_women_police"}),
    ({"country": "BLR", "year": 2026, "flags": "upper_bound;year_of_publication"},
     {"value": "12", "scope": "interior_ministry_staff"}),
    ({"country": "EST", "year": 2017, "indicator": "share_women_police_avg3"},
     {"value": "35", "scope": "police_officers"}),
    ({"country": "UKR", "year": 2019}, {"indicator": "share_women_police", "scope": "patrol_police", "value": "25"}),
    ({"country": "AZE", "year": 2025, "indicator": "police_women_senior"},
     {"value": "61", "scope": "interior_ministry_staff", "flags": "year_of_publication"}),
    ({"country": "AZE", "year": 2024, "indicator": "police_women_recruits"},
     {"value": "290", "scope": "interior_ministry_staff", "flags": "inconsistent"}),
    ({"country": "UZB", "year": 2018}, {"indicator": "police_total", "scope": "interior_ministry_staff"}),
    ({"country": "USA", "year": 2006, "flags": "lower_bound;secondary_source"}, {"value": "12"}),
    ({"country": "HUN", "year": 2003}, {"value": "15", "flags": "year_inferred"}),
    ({"country": "RUS", "year": 2011}, {"value": "180000", "flags": "lower_bound;year_of_publication"}),
])
def test_real_file_specific_observations(real, where, expected):
    row = one(real[1][0], **where)
    assert {k: row[k] for k in expected} == expected


@pytest.mark.shared
def test_real_file_three_year_average_note_names_the_period(real):
    for _, row in real[1][0][real[1][0]["indicator"] == "share_women_police_avg3"].iterrows():
        assert f"{row['year'] - 2}-{row['year']}" in row["note"]


@pytest.mark.shared
def test_real_file_targets_are_kept_apart(real):
    targets = real[1][1]
    assert list(targets[["iso3", "year", "indicator", "value", "scope"]].itertuples(index=False, name=None)) == [
        ("KAZ", 2015, "share_women_police", "15", "police_officers"),
        ("KAZ", 2020, "share_women_police", "30", "police_officers")]


@pytest.mark.shared
@pytest.mark.parametrize("where, expected", [
    ({"iso3": "TJK"}, {"indicator": "share_women_police", "value": "7", "scope": "police_officers",
                       "flags": "approximate"}),
    ({"iso3": "MDA", "value": "19.3"}, {"scope": "police_service_staff"}),
    ({"iso3": "KAZ", "indicator": "police_women_senior"}, {"value": "607",
                                                           "scope": "interior_ministry_and_national_guard"}),
    ({"iso3": "UKR", "indicator": "police_women_senior"}, {"value": "2000", "scope": "police_officers"}),
    ({"iso3": "KGZ"}, {"indicator": "police_total", "value": "12000", "flags": "lower_bound"}),
    ({"iso3": "TKM"}, {"indicator": "police_total", "flags": "estimated"}),
])
def test_real_file_undated_figures(real, where, expected):
    row = one(real[1][2], **where)
    assert {k: row[k] for k in expected} == expected


@pytest.mark.shared
def test_real_file_undated_figures_carry_no_year_flags(real):
    flags = ";".join(real[1][2]["flags"])
    assert "year_inferred" not in flags and "year_of_publication" not in flags


@pytest.mark.shared
def test_real_file_share_contradicted_by_its_own_counts_is_skipped_and_the_counts_say_so(real):
    skipped = [o for o in real[0] if o.reason == SHARE_DISAGREES]
    assert sorted((o.raw["iso3"], o.raw["year"], o.raw["value"]) for o in skipped) == [
        ("AZE", "2024", "13.6"), ("AZE", "2025", "10")]
    total = one(real[1][0], country="AZE", year=2025, indicator="police_total")
    assert total["flags"] == "inconsistent;year_of_publication"
    assert "prints a share of 10 %" in total["note"]


@pytest.mark.shared
def test_real_file_every_code_and_country_is_known(real):
    subs, targets, undated = real[1]
    for df, country in ((subs, "country"), (targets, "iso3"), (undated, "iso3")):
        assert set(df["indicator"]) <= set(reference.indicators())
        assert set(df["scope"]) <= set(reference.scopes())
        assert {"EU", "WLD"}.isdisjoint(df[country])
    assert set(";".join(undated["flags"]).split(";")) - {""} <= set(reference.flags())


@pytest.mark.shared
def test_no_quote_text_reaches_any_output(real, shared_raw):
    with open(shared_raw / pf.RAW_NAME, encoding="utf-8") as f:
        quotes = [r["quote"] for r in csv.DictReader(f) if len(r["quote"]) >= 12]
    assert len(quotes) > 100
    text = "\n".join(df.to_csv(index=False) for df in real[1])
    leaked = [q for q in quotes if q in text]
    assert leaked == []


@pytest.mark.shared
def test_every_override_matches_one_row_and_says_why(real):
    overrides = rules.read_overrides()
    assert overrides and all(o.why for o in overrides)
    for o in overrides:
        assert sum(o.matches(out.raw) for out in real[0]) == 1, o


@pytest.mark.shared
def test_committed_bundle_equals_what_write_bundle_produces_now(shared_raw, tmp_path):
    summary = pf.write_bundle(shared_raw, tmp_path / "submissions", tmp_path / "bundled")
    assert dict(summary) == {"published-figures.csv": 64, "targets.csv": 2, "undated_figures.csv": 30}
    assert "skipped, policy target without a target year: 2" in str(summary)
    fresh = {"submission": tmp_path / "submissions" / pf.SUBMISSION_NAME,
             "targets": tmp_path / "bundled" / "targets.csv", "undated": tmp_path / "bundled" / "undated_figures.csv"}
    for name, path in COMMITTED.items():
        assert path.read_bytes() == fresh[name].read_bytes(), f"{path} is stale: run python -m etl bundle"


def test_committed_submission_file_passes_submissions_read():
    df = submissions.read(COMMITTED["submission"])
    assert len(df) == 64
    assert set(df["source_id"]) == {"submission:published-figures"}


# --- rules on small synthetic files --------------------------------------------------------------------------------

@pytest.mark.parametrize("note, expected", [
    ("'about'; press report", {"approximate", "press_report"}),
    ("'almost 12 thousand' women", {"approximate"}),
    ("'around 25%'; Deputy Minister", {"approximate"}),
    ("'roughly'; stated Nov 2010", {"approximate"}),
    ("'около' 20 %", {"approximate"}),
    ("'почти' 15 %", {"approximate"}),
    ("'more than 16 thousand' — lower bound, rounded", {"lower_bound", "rounded"}),
    ("'over 12 %' of employees", {"lower_bound"}),
    ("'более' 180 тысяч", {"lower_bound"}),
    ("'under 6 per cent' (upper bound)", {"upper_bound"}),
    ("secondary compilation (table row as rendered on the page)", {"secondary_source"}),
    ("press report citing Eurostat", {"press_report", "secondary_source"}),
    ("start year inferred from preceding sentence", {"year_inferred"}),
    ("present tense ('today is Police Day'), year = publication year", {"year_of_publication"}),
    ("AMBIGUOUS: the text does not make clear", {"ambiguous"}),
    ("value as printed; INCONSISTENT with the counts", {"inconsistent"}),
    ("'estimated'; old reference text", {"estimated"}),
    # Unquoted wording describes some other figure in the note, not this one.
    ("290 of 3,507 recruits = about 8.3 %", set()),
    ("PATROL police only; more than 4,000 women", set()),
    ("whole MIA system", set()),
])
def test_flags_from_note_wording(note, expected):
    assert rules.flags_from_note(note) == expected


@pytest.mark.parametrize("note, expected", [
    ("among the ~12,000 women in internal affairs bodies AND National Guard combined",
     "interior_ministry_and_national_guard"),
    ("women in leadership (rəhbər) positions in internal affairs bodies", "interior_ministry_staff"),
    ("women at 'decision-making level' in the MIA", "interior_ministry_staff"),
    ("women in leadership posts in the National Police", "police_officers"),
    ("value as printed", None),
])
def test_scope_of_leadership_and_recruit_figures_from_note(note, expected):
    assert rules.scope_from_note(note) == expected


@pytest.mark.shared
def test_every_raw_indicator_named_in_provenance_has_a_rule(shared_raw):
    with open(shared_raw / pf.RAW_NAME, encoding="utf-8") as f:
        used = {r["indicator"] for r in csv.DictReader(f)}
    assert used <= set(rules.RAW_INDICATORS)


def test_synthetic_rows_go_to_the_right_outcome(tmp_path):
    raw_dir, over = write_raw(
        tmp_path,
        {"iso3": "EU", "year": "2017", "indicator": "share_women_police_pct", "value": "18"},
        {"iso3": "EST", "year": "2015-2017", "indicator": "share_women_police_pct_3yr_avg", "value": "35.0"},
        {"iso3": "AZE", "year": "2020-2024", "indicator": "women_academy_admissions_count", "value": "15"},
        {"iso3": "AZE", "year": "2023", "indicator": "women_academy_admissions_count", "value": "3"},
        {"iso3": "ARM", "year": "", "indicator": "target_share_women_patrol_police_pct", "value": "30"},
        {"iso3": "KAZ", "year": "2020", "indicator": "target_share_women_police_pct", "value": "30"},
        {"iso3": "TJK", "year": "", "indicator": "share_women_police_pct", "value": "7", "note": "'about'; inferred"},
        {"iso3": "USA", "year": "2006", "indicator": "share_women_police_pct_range_low", "value": "12"},
    )
    assert kinds(pf.classify(raw_dir, over)) == [
        ("skipped", None, None, None, "EU aggregate, not a country"),
        ("observation", "share_women_police_avg3", "police_officers", "", ""),
        ("skipped", None, None, None, "period total (2020-2024 is not one year)"),
        ("skipped", None, None, None, rules.ADMISSIONS),
        ("skipped", None, None, None, "policy target without a target year"),
        ("target", "share_women_police", "police_officers", "", ""),
        ("undated", "share_women_police", "police_officers", "approximate", ""),
        ("observation", "share_women_police", "police_officers", "lower_bound", ""),
    ]


def test_override_changes_scope_and_adds_flags(tmp_path):
    raw_dir, over = write_raw(
        tmp_path, {"iso3": "KGZ", "year": "2014", "indicator": "share_women_police_pct", "value": "6.3"},
        overrides=[{"iso3": "KGZ", "year": "2014", "indicator": "share_women_police_pct", "value": "6.30",
                    "scope": "interior_ministry_staff", "flags": "ambiguous", "why": "all OVD staff"}])
    assert kinds(pf.classify(raw_dir, over)) == [
        ("observation", "share_women_police", "interior_ministry_staff", "ambiguous", "")]


def test_override_that_matches_no_row_is_refused(tmp_path):
    raw_dir, over = write_raw(
        tmp_path, {"iso3": "KGZ", "year": "2014", "indicator": "share_women_police_pct", "value": "6.3"},
        overrides=[{"iso3": "KGZ", "year": "2014", "indicator": "share_women_police_pct", "value": "6.4",
                    "scope": "interior_ministry_staff", "flags": "", "why": "stale"}])
    with pytest.raises(InputError, match="override must match exactly one raw row; it matches 0"):
        pf.classify(raw_dir, over)


def test_two_figures_on_one_key_are_refused_until_an_override_tells_them_apart(tmp_path):
    row = {"iso3": "ROU", "year": "2022", "indicator": "share_women_police_pct"}
    raw_dir, over = write_raw(tmp_path, {**row, "value": "25"}, {**row, "value": "24"})
    with pytest.raises(InputError) as raised:
        pf.classify(raw_dir, over)
    (problem,) = raised.value.problems
    assert (problem.row, problem.value) == (3, "24") and "same country, year, indicator, scope" in problem.rule


def test_a_share_that_agrees_with_its_counts_is_kept(tmp_path):
    raw_dir, over = write_raw(
        tmp_path,
        {"iso3": "MDA", "year": "2020", "indicator": "share_women_police_pct", "value": "16.38"},
        {"iso3": "MDA", "year": "2020", "indicator": "women_police_count", "value": "1255"},
        {"iso3": "MDA", "year": "2020", "indicator": "total_police_count", "value": "7658"})
    assert [o.kind for o in pf.classify(raw_dir, over)] == ["observation"] * 3


def test_unknown_raw_indicator_is_refused_with_its_row(tmp_path):
    raw_dir, over = write_raw(tmp_path, {"iso3": "KAZ", "year": "2020", "indicator": "women_judges_pct", "value": "5"})
    with pytest.raises(InputError, match="row 2, column 'indicator': value 'women_judges_pct'"):
        pf.classify(raw_dir, over)


def test_leadership_figure_whose_note_names_no_base_is_refused(tmp_path):
    raw_dir, over = write_raw(tmp_path, {"iso3": "AZE", "year": "2024", "indicator": "share_women_recruits_pct",
                                         "value": "13.6", "note": "value as printed"})
    with pytest.raises(InputError, match="add an override"):
        pf.classify(raw_dir, over)


def test_write_bundle_output_never_holds_the_quote(tmp_path):
    raw_dir, over = write_raw(tmp_path, {"iso3": "KAZ", "year": "2020", "indicator": "police_per_100k",
                                         "value": "393", "note": "statement"})
    subs, targets, undated = pf.frames(pf.classify(raw_dir, over))
    assert "QUOTED SENTENCE" not in subs.to_csv() + targets.to_csv() + undated.to_csv()
    assert subs.iloc[0].to_dict() == {
        "country": "KAZ", "year": 2020, "indicator": "police_per_100k", "value": "393", "unit": "per_100k",
        "scope": "police_officers", "flags": "", "source_title": "A page", "source_url": "https://example.org/",
        "note": "statement"}


@pytest.mark.parametrize("text, indicator, expected", [
    ("2016", "share_women_police", (2016, "n", "")),
    ("", "share_women_police", (None, "n", "")),
    ("2015-2017", "share_women_police_avg3", (2017, "three-year average 2015-2017; n", "")),
    ("2020-2024", "police_women", (None, "n", "period total (2020-2024 is not one year)")),
    ("2014-2015", "share_women_police_avg3", (None, "n", "period total (2014-2015 is not one year)")),
])
def test_year_of_raw_year_text(text, indicator, expected):
    assert rules.year_of(text, "n", indicator) == expected


@pytest.mark.parametrize("text", ["FY2015", "2015-16", "2015?"])
def test_year_of_refuses_other_year_spellings(text):
    with pytest.raises(ValueError, match="expected YYYY, YYYY-YYYY or empty"):
        rules.year_of(text, "", "share_women_police")
