"""The committed bundle against the real raw files in ../shared/data/raw (skipped, with the reason, without them).

Raw -> bundle is checked to be exact, and the warehouse built from that bundle holds the values read in the
raw files by hand (see their PROVENANCE.md).
"""
import duckdb
import pandas as pd
import pytest

from etl import bundle, paths, snapshots
from etl.sources import un_minset

OSCE_MISSING_IN_UN_2019 = {"ARM", "AZE", "BLR", "CHE", "KGZ", "MCO", "MNG", "SMR", "TJK", "TKM", "UKR", "UZB"}


def test_committed_un_bundle_equals_a_fresh_parse_of_the_raw_xlsx(shared_raw):
    fresh = un_minset.bundle(shared_raw)
    committed = pd.read_csv(paths.BUNDLED / bundle.UN_MINSET_CSV, dtype=str, keep_default_na=False)
    fresh_text = fresh.astype(str).assign(value=fresh["value"].map(repr))
    committed = committed.assign(value=committed["value"].astype(float).map(repr))
    pd.testing.assert_frame_equal(fresh_text.reset_index(drop=True), committed.reset_index(drop=True))


def test_manifest_records_the_raw_files_checksums(shared_raw):
    for snap in bundle.manifest():
        raw = shared_raw / un_minset.RAW_FOLDER / snap["path"]
        assert snapshots.sha256(raw) == snap["sha256"]
        assert raw.stat().st_size == snap["bytes"]


def test_the_three_raw_layouts_agree_on_the_2019_release(shared_raw):
    base = shared_raw / un_minset.RAW_FOLDER
    cols = ["iso3", "year", "value"]
    xlsx = un_minset.parse(base / un_minset.XLSX_NAME).query("vintage == '2019'")[cols]
    for name in (un_minset.TSV_NAME, un_minset.REARRANGED_NAME):
        other = un_minset.parse(base / name)[cols]
        pd.testing.assert_frame_equal(xlsx.sort_values(cols, ignore_index=True), other.sort_values(cols, ignore_index=True))


@pytest.fixture(scope="module")
def con(warehouse, shared_raw):
    c = duckdb.connect(str(warehouse), read_only=True)
    yield c
    c.close()


def value(con, iso3, year, vintage):
    rows = con.execute("SELECT value FROM observation WHERE source_id = 'un_minset_iv4' AND iso3 = ? AND year = ? "
                       "AND vintage = ?", [iso3, year, vintage]).fetchall()
    return rows[0][0] if rows else None


@pytest.mark.parametrize("iso3, year, v2017, v2019", [
    ("KAZ", 2008, 9.0, 10.0), ("KAZ", 2013, 9.0, 10.0), ("KAZ", 2015, None, 8.0),
    ("FRA", 2013, 11.0, 19.0), ("MKD", 2014, 18.0, 11.0), ("GBR", 2012, 27.0, 22.0),
    ("VAT", 2009, 0.0, 0.0), ("SRB", 2014, 23.0, 23.0), ("BGR", 2017, None, 11.0),
])
def test_values_read_in_the_raw_files_including_revisions(con, iso3, year, v2017, v2019):
    assert value(con, iso3, year, "2017") == v2017
    assert value(con, iso3, year, "2019") == v2019


def test_45_of_57_osce_states_report_in_the_2019_release_and_the_12_gaps_are_the_documented_ones(con):
    reporting = {r[0] for r in con.execute(
        "SELECT DISTINCT o.iso3 FROM observation o JOIN country c USING (iso3) "
        "WHERE c.osce_participating AND o.source_id = 'un_minset_iv4' AND o.vintage = '2019'").fetchall()}
    osce = {r[0] for r in con.execute("SELECT iso3 FROM country WHERE osce_participating").fetchall()}
    assert len(reporting) == 45
    assert osce - reporting == OSCE_MISSING_IN_UN_2019


def test_30_real_revisions_between_the_two_releases(con):
    """PROVENANCE.md counts 33 differing pairs; 3 of them (GBR 2013–2015) differ only by float noise."""
    n = con.execute("SELECT count(*) FROM observation a JOIN observation b USING (iso3, year, indicator, scope, source_id) "
                    "WHERE a.vintage = '2017' AND b.vintage = '2019' AND a.value <> b.value").fetchone()[0]
    assert n == 30
