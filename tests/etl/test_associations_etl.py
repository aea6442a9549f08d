"""Women police associations: raw CSV (fixtures in its exact format) -> checked rows -> bundle -> warehouse table."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl import paths
from etl.errors import InputError
from etl.sources import associations as assoc
from etl.sources.text_lang import text_lang

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "associations"


def parse(name: str) -> pd.DataFrame:
    return assoc.normalise(assoc.read_raw(FIXTURES / name))


def problems(name: str) -> list[tuple]:
    with pytest.raises(InputError) as caught:
        assoc.read_raw(FIXTURES / name)
    return [(p.file, p.row, p.column, p.value) for p in caught.value.problems]


# --- the parser on fixtures ----------------------------------------------------------------------------------------


def test_good_fixture_keeps_every_row_in_order_with_its_origin():
    df = parse("good.csv")
    assert list(df.columns) == assoc.BUNDLED_COLUMNS
    assert list(df["origin"]) == [f"good.csv:{n}" for n in range(2, 7)]
    assert df.loc[0, "source_title"] == "Test page, with a comma (example.org)"


def test_reg_becomes_no_country_with_multinational_reach_and_countries_stay_countries():
    df = parse("good.csv")
    assert list(zip(df["iso3"], df["reach"], df["scope"])) == [
        ("KGZ", "country", "national"), ("TJK", "country", "subnational"), ("", "multinational", "regional"),
        ("", "multinational", "international"), ("XKX", "country", "national")]


def test_a_founding_year_the_source_does_not_state_stays_missing():
    df = parse("good.csv")
    assert list(df["founded_year"]) == ["2010", "", "2001", "1915", "2013"]


def test_quote_local_name_and_note_are_kept_as_printed_with_the_language_when_the_letters_tell_it():
    row = parse("good.csv").iloc[0]
    assert row["quote"] == "Ассоциация была создана в 2010 году."
    assert row["name_local"] == "Вымышленная ассоциация женщин-полицейских"
    assert (row["quote_lang"], row["name_local_lang"]) == ("ru", "ru")
    assert list(parse("good.csv")["quote_lang"]) == ["ru", "en", "en", "", ""]


@pytest.mark.parametrize("name, column, value, rule", [
    ("bad_iso3.csv", "iso3", "KGX", "ISO 3166-1 alpha-3"),
    ("bad_reg_national.csv", "scope", "national", "REG goes with scope regional or international"),
    ("bad_country_regional.csv", "scope", "regional", "REG goes with scope regional or international"),
    ("bad_year_guessed.csv", "founded_year", "c. 2010", "or empty when the source does not state it"),
    ("bad_year_future.csv", "founded_year", "3010", "a year from 1800 to this year"),
    ("bad_type.csv", "type", "club", "one of: association, network, union, council"),
    ("bad_scope.csv", "scope", "local", "one of: national, subnational, regional, international"),
    ("bad_url.csv", "source_url", "example.org/fap", "must start with http:// or https://"),
    ("empty_quote.csv", "quote", "", "required"),
    ("extra_field.csv", None, "11 fields", "a row must have 10 fields"),
])
def test_a_bad_row_is_refused_naming_file_row_column_value_and_rule(name, column, value, rule):
    with pytest.raises(InputError) as caught:
        assoc.read_raw(FIXTURES / name)
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column, problem.value) == (name, 2, column, value)
    assert rule in problem.rule
    assert name in str(caught.value) and "row 2" in str(caught.value)


def test_the_same_organisation_twice_is_refused_at_the_second_row():
    assert problems("duplicate_name.csv") == [
        ("duplicate_name.csv", 3, "name_en", "Fictitious Association of Policewomen (FAP)")]


def test_a_wrong_header_is_refused_as_a_whole():
    [(file, row, column, value)] = problems("bad_header.csv")
    assert (file, row, column) == ("bad_header.csv", 1, None) and "founded," in value


def test_a_file_not_in_utf8_is_refused_with_one_clear_problem():
    with pytest.raises(InputError, match="cp1251.csv: not UTF-8 text"):
        assoc.read_raw(FIXTURES / "cp1251.csv")


def test_a_bad_raw_file_writes_no_bundle(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    out.mkdir()
    shutil.copy(FIXTURES / "bad_iso3.csv", raw / assoc.RAW_NAME)
    with pytest.raises(InputError):
        assoc.write_bundle(raw, out)
    assert list(out.iterdir()) == []


def test_bundle_round_trip_types_missing_values_as_null(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(FIXTURES / "good.csv", raw / assoc.RAW_NAME)
    assert assoc.write_bundle(raw, tmp_path) == {assoc.BUNDLED_NAME: 5}
    df = assoc.read_bundled(tmp_path / assoc.BUNDLED_NAME)
    assert df["founded_year"].isna().tolist() == [False, True, False, False, False]
    assert df["iso3"].isna().tolist() == [False, False, True, True, False]
    assert df["name_local"].isna().tolist() == [False, True, True, True, False]
    assert assoc.countries(df) == {"KGZ", "TJK", "XKX"}


@pytest.mark.parametrize("text, lang", [
    ("В Минске прошла II конференция Союза женщин МВД «Женщины на службе правопорядка».", "ru"),
    ("Шӯрои занони милитсияи пойтахт", "tg"),
    ("Українська асоціація представниць правоохоронних органів (УАППО)", "uk"),
    ("Союз женщин МВД", ""),                                     # no letter settles Russian against Bulgarian
    ("Udruženje policijskih službenica osnovano je 2017. godine.", ""),
    ("Im Oktober 1993 trafen sich die Polizistinnen in Berlin.", ""),
    ("The network was constituted in Riga, Latvia, in April 2001.", "en"),
    ("Photo:Ann KetePedereenOeft)and Susanne Philipson, chair Danish National Female Network.", ""),
    ("", ""),
])
def test_the_language_is_told_only_when_the_letters_settle_it(text, lang):
    assert text_lang(text) == lang


# --- the committed bundle and the real raw file --------------------------------------------------------------------


def test_committed_bundle_equals_a_fresh_parse_of_the_raw_file(shared_raw):
    committed = pd.read_csv(paths.BUNDLED / assoc.BUNDLED_NAME, dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(assoc.bundle(shared_raw), committed)


def test_real_raw_file_as_its_provenance_describes_it(shared_raw):
    df = assoc.bundle(shared_raw)
    assert len(df) == 26 and df["name_en"].is_unique
    by_country = df[df["reach"] == "country"].groupby("iso3").size()
    assert {k: by_country.get(k, 0) for k in ("KAZ", "KGZ", "TJK", "TKM", "UZB")} == {
        "KAZ": 0, "KGZ": 2, "TJK": 2, "TKM": 0, "UZB": 1}
    multinational = df[df["reach"] == "multinational"].set_index("name_en")["founded_year"]
    assert multinational["European Network of Policewomen (ENP)"] == "1989"
    assert multinational["International Association of Women Police (IAWP)"] == "1915"
    assert (df["founded_year"] == "").sum() == 11


# --- the warehouse ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def con(warehouse):
    c = duckdb.connect(str(warehouse), read_only=True)
    yield c
    c.close()


def test_warehouse_holds_every_bundled_association(con):
    bundled = assoc.read_bundled()
    stored = con.execute("SELECT name_en, iso3, founded_year FROM association ORDER BY origin").df()
    assert sorted(stored["name_en"]) == sorted(bundled["name_en"])
    assert con.execute("SELECT count(*), count(iso3), count(founded_year) FROM association").fetchone() == (
        len(bundled), bundled["iso3"].notna().sum(), bundled["founded_year"].notna().sum())


def test_regional_bodies_have_no_country_and_every_country_is_known_with_names_in_both_languages(con):
    assert con.execute("SELECT count(*) FROM association WHERE iso3 IS NULL AND reach <> 'multinational'"
                       ).fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM association a ANTI JOIN country c USING (iso3) "
                       "WHERE a.iso3 IS NOT NULL").fetchone() == (0,)
    assert con.execute("SELECT name_en, name_ru, osce_participating FROM country WHERE iso3 = 'XKX'"
                       ).fetchone() == ("Kosovo", "Косово", False)
    assert con.execute("SELECT count(*) FROM country WHERE osce_participating").fetchone() == (57,)


def test_build_id_changes_when_the_associations_bundle_changes(tmp_path, monkeypatch):
    from etl.build import build

    bundled = tmp_path / "bundled"
    shutil.copytree(paths.BUNDLED, bundled)
    monkeypatch.setattr(paths, "BUNDLED", bundled)
    first = build(live=tmp_path / "a.duckdb").build_id
    text = (bundled / assoc.BUNDLED_NAME).read_text(encoding="utf-8")
    (bundled / assoc.BUNDLED_NAME).write_text(text.replace("IN FORMATION", "in formation", 1), encoding="utf-8")
    second = build(live=tmp_path / "b.duckdb").build_id
    assert first != second
