"""What the benchmarks stand on: the SYNTHETIC warehouse generator (exact size, marked, same schema and views, never
the live file) and the naive peer (the same answers as our SQL, so only the data access differs)."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from bench import synthetic
from bench.naive_peer import NaivePeer
from dashboard import db

VIEWS = ["share", "series", "ranked", "preferred", "region_member", "region_aggregate", "availability"]
CASES = [
    ("overview_years", {"scope": "police_officers"}),
    ("overview_scopes", {"lang": "ru"}),
    ("overview_headline", {"lang": "en", "year": 2015, "scope": "police_officers"}),
    ("overview_states", {"lang": "en", "year": 2015, "scope": "police_officers"}),
    ("overview_states", {"lang": "ru", "year": 2016, "scope": "interior_ministry_staff"}),
    ("trends_scopes", {}),
    ("trends_series", {"countries": ["KAZ", "KGZ", "DEU", "ALB"], "scope": "police_officers"}),
    ("trends_regional", {"regions": ["osce", "central_asia"], "scope": "police_officers"}),
    ("country_series", {"iso3": "KAZ"}),
    ("country_series", {"iso3": "KGZ"}),
    ("country_rank", {"iso3": "KAZ"}),
    ("country_neighbours", {"iso3": "KGZ"}),
    ("country_sources", {"iso3": "KAZ"}),
    ("country_flags", {"iso3": "KGZ"}),
    ("country_flags", {"iso3": "TJK"}),
    ("coverage_sources", {"lang": "ru"}),
    ("coverage_countries", {"source": "", "lang": "en"}),
    ("coverage_matrix", {"source": "", "lang": "en"}),
    ("coverage_matrix", {"source": "un_minset_iv4", "lang": "ru"}),
]


@pytest.fixture(scope="module")
def synthetic_10k(tmp_path_factory):
    return synthetic.generate(10_000, tmp_path_factory.mktemp("synthetic") / "warehouse.duckdb")


def test_the_generator_writes_exactly_the_rows_asked_all_marked_synthetic(synthetic_10k):
    with duckdb.connect(str(synthetic_10k), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM observation").fetchone() == (10_000,)
        assert con.execute("SELECT release FROM build").fetchone() == ("SYNTHETIC",)
        assert con.execute("SELECT count(*) FROM source WHERE id NOT LIKE 'synthetic_%'").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM observation WHERE origin NOT LIKE 'synthetic:%'").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM country WHERE osce_participating").fetchone() == (57,)
        assert con.execute("SELECT count(*) FROM country WHERE NOT osce_participating AND name_en NOT LIKE "
                           "'SYNTHETIC %'").fetchone() == (0,)


def test_the_generated_file_has_the_schema_every_view_and_sound_keys(synthetic_10k):
    with duckdb.connect(str(synthetic_10k), read_only=True) as con:
        for view in VIEWS:
            assert con.execute(f"SELECT count(*) FROM {view}").fetchone()[0] > 0, view
        integrity = (synthetic.load.ETL_DIR / "integrity.sql").read_text(encoding="utf-8")
        assert con.execute(integrity).fetchall() == []
        assert con.execute("SELECT count(*) FROM share WHERE method = 'computed'").fetchone()[0] > 0
        assert con.execute("SELECT count(*) FROM share WHERE value > 100 OR women > total").fetchone() == (0,)


@pytest.mark.parametrize("target", ["data/warehouse.duckdb", "data/other.duckdb"])
def test_the_generator_refuses_to_write_into_the_data_folder(target):
    with pytest.raises(SystemExit, match="refusing"):
        synthetic.generate(100, synthetic.ROOT / target)


# Aggregates whose SQL leaves the order open (string_agg(DISTINCT ...) without ORDER BY): compared as sets.
UNORDERED = {"other_scopes": ", "}


def comparable(df: pd.DataFrame) -> pd.DataFrame:
    """Missing values as None and numbers as floats, whatever the library's dtype (NA vs NaN, Int64 vs int)."""
    out = {}
    for col in df.columns:
        values = df[col]
        numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
        out[col] = [None if pd.isna(v) else float(v) if numeric else
                    UNORDERED[col].join(sorted(v.split(UNORDERED[col]))) if col in UNORDERED else v for v in values]
    return pd.DataFrame(out)


@pytest.fixture(scope="module")
def peers(warehouse, synthetic_10k):
    return {"bundled": (warehouse, NaivePeer(warehouse)), "synthetic": (synthetic_10k, NaivePeer(synthetic_10k))}


@pytest.mark.parametrize("which", ["bundled", "synthetic"])
@pytest.mark.parametrize("name, params", CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)])
def test_the_naive_peer_gives_the_same_rows_and_columns_as_our_sql(peers, monkeypatch, which, name, params):
    path, peer = peers[which]
    monkeypatch.setenv("POLICE_DB", str(path))
    ours = db.run(name, params)[0]
    theirs = peer.query(name, **params)
    assert list(theirs.columns) == list(ours.columns)
    pd.testing.assert_frame_equal(comparable(theirs), comparable(ours))
