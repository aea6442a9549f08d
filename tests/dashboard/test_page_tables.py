"""Tables made at build time for the pages' queries (etl/views/80_coverage_cell.sql, 90_osce_share.sql), on a real
warehouse built from the bundle: the same rows as computing them per request from `preferred`, `availability` and
`observation`, and the queries that read them give the same answers as those computations."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from dashboard import db

# What the pages computed on every request before these tables existed (the reference for them).
OSCE_SHARE = """
SELECT p.* FROM preferred p JOIN country c ON c.iso3 = p.iso3
WHERE c.osce_participating AND p.indicator = 'share_women_police'
"""
CELLS = """
WITH cells AS (
    SELECT a.iso3, a.year,
           CASE WHEN bool_or(a.status = 'reported') THEN 'reported'
                WHEN bool_or(a.status = 'flagged') THEN 'flagged' ELSE 'missing' END AS status,
           sum(a.n_values) AS n_values,
           list_filter(flatten(list(string_split(coalesce(a.indicators, ''), ';'))), lambda x: x <> '') AS indicators,
           list_filter(flatten(list(string_split(coalesce(a.scopes, ''), ';'))), lambda x: x <> '') AS scopes,
           list(a.source_id) FILTER (WHERE a.n_values > 0) AS sources
    FROM availability a
    WHERE $source = '' OR a.source_id = $source
    GROUP BY a.iso3, a.year
)
SELECT iso3, year, status, n_values,
       (SELECT string_agg(CASE WHEN $lang = 'ru' THEN i.label_ru ELSE i.label_en END, '; ' ORDER BY i.sort)
        FROM indicator i WHERE list_contains(cells.indicators, i.code)) AS indicators,
       (SELECT string_agg(CASE WHEN $lang = 'ru' THEN s.label_ru ELSE s.label_en END, '; ' ORDER BY s.sort)
        FROM scope s WHERE list_contains(cells.scopes, s.code)) AS scopes,
       (SELECT string_agg(CASE WHEN $lang = 'ru' THEN src.publisher_ru ELSE src.publisher END, '; '
                          ORDER BY src.precedence)
        FROM source src WHERE list_contains(cells.sources, src.id)) AS sources
FROM cells
ORDER BY iso3, year
"""
YEARS = """
SELECT iso3, count(*) AS years_reported, count(*) FILTER (WHERE NOT clean) AS years_flagged,
       min(year) AS first_year, max(year) AS last_year
FROM (SELECT iso3, year, bool_or(status = 'reported') AS clean FROM availability
      WHERE status <> 'missing' AND ($source = '' OR source_id = $source) GROUP BY iso3, year)
GROUP BY iso3
"""


@pytest.fixture(scope="module")
def con(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        yield con


def frame(con, statement: str, params: dict | None = None) -> pd.DataFrame:
    return con.execute(statement, params or None).df()


def same_rows(con, table: str, reference: str) -> None:
    for a, b in ((f"SELECT * FROM {table}", reference), (reference, f"SELECT * FROM {table}")):
        assert con.execute(f"SELECT count(*) FROM ({a} EXCEPT ALL {b})").fetchone() == (0,)


def sources(con) -> list[str]:
    return [""] + [r[0] for r in con.execute("SELECT id FROM source ORDER BY id").fetchall()]


def test_osce_share_holds_exactly_the_preferred_shares_of_participating_states(con):
    same_rows(con, "osce_share", OSCE_SHARE)
    assert [c[0] for c in con.execute("DESCRIBE osce_share").fetchall()] == \
        [c[0] for c in con.execute("DESCRIBE preferred").fetchall()]
    n, states = con.execute("SELECT count(*), count(DISTINCT iso3) FROM osce_share").fetchone()
    assert 0 < n < 5000 and states <= 57


def test_coverage_cell_holds_every_state_year_per_source_and_for_all_sources(con):
    n_sources, n_years = con.execute("SELECT (SELECT count(*) FROM source), "
                                     "(SELECT count(DISTINCT year) FROM availability)").fetchone()
    assert con.execute("SELECT count(*) FROM coverage_cell").fetchone() == ((n_sources + 1) * 57 * n_years,)
    for source in sources(con):
        for lang in ("en", "ru"):
            cells = frame(con, f"SELECT iso3, year, status, n_values, indicators_{lang} AS indicators, "
                               f"scopes_{lang} AS scopes, sources_{lang} AS sources FROM coverage_cell "
                               "WHERE source = $source ORDER BY iso3, year", {"source": source})
            pd.testing.assert_frame_equal(cells, frame(con, CELLS, {"source": source, "lang": lang}))


def test_coverage_matrix_reads_the_cells_in_the_language_asked(con, served_warehouse):
    for source in sources(con):
        for lang in ("en", "ru"):
            matrix = db.query("coverage_matrix", source=source, lang=lang)
            cells = matrix[["iso3", "year", "status", "n_values", "indicators", "scopes", "sources"]]
            reference = frame(con, CELLS, {"source": source, "lang": lang})
            pd.testing.assert_frame_equal(cells.sort_values(["iso3", "year"], ignore_index=True), reference)


def test_coverage_countries_count_the_years_as_availability_has_them(con, served_warehouse):
    for source in sources(con):
        countries = db.query("coverage_countries", source=source, lang="en").set_index("iso3")
        years = frame(con, YEARS, {"source": source}).set_index("iso3")
        held = countries[countries["years_reported"] > 0]
        assert sorted(held.index) == sorted(years.index)
        for col in years.columns:
            assert held[col].astype(int).to_dict() == years[col].astype(int).to_dict(), (source, col)


def test_coverage_countries_say_what_the_observations_hold_whatever_the_source(con, served_warehouse):
    """International file, dated figure on women, figures without a year: as counted from the observations."""
    held = frame(con, """
        SELECT c.iso3,
               EXISTS (SELECT 1 FROM observation o JOIN source s ON s.id = o.source_id
                       WHERE o.iso3 = c.iso3 AND s.kind = 'international') AS international,
               EXISTS (SELECT 1 FROM observation o JOIN indicator i ON i.code = o.indicator
                       WHERE o.iso3 = c.iso3 AND i.role IN ('women', 'share', 'share_avg3')) AS women_figure,
               (SELECT count(*) FROM undated_figure u WHERE u.iso3 = c.iso3) AS undated
        FROM country c WHERE c.osce_participating ORDER BY c.iso3""").set_index("iso3")
    assert held["international"].any() and not held["international"].all()
    assert held["women_figure"].any() and not held["women_figure"].all() and held["undated"].any()
    for source in sources(con):
        countries = db.query("coverage_countries", source=source, lang="ru").set_index("iso3").sort_index()
        for col in held.columns:
            assert countries[col].tolist() == held[col].tolist(), (source, col)


def test_coverage_sources_count_the_observations_each_source_holds(con, served_warehouse):
    counted = dict(con.execute("SELECT s.id, count(o.source_id) FROM source s "
                               "LEFT JOIN observation o ON o.source_id = s.id GROUP BY s.id").fetchall())
    for lang in ("en", "ru"):
        held = db.query("coverage_sources", lang=lang)
        assert dict(zip(held["id"], held["n_values"].astype(int))) == counted


@pytest.mark.parametrize("name, params", [
    ("overview_scopes", {"lang": "ru"}),
    ("trends_scopes", {}),
    ("trends_default_countries", {"scope": "police_officers"}),
    ("country_rank", {"iso3": "KAZ"}),
    ("country_neighbours", {"iso3": "KGZ"}),
    ("trends_series", {"countries": ["KAZ", "KGZ", "DEU", "ALB", "MDA"], "scope": "police_officers"}),
    *[("overview_states", {"lang": lang, "year": year, "scope": scope}) for lang in ("en", "ru")
      for year in (2010, 2015, 2020) for scope in ("police_officers", "police_service_staff")],
])
def test_page_queries_on_osce_share_answer_as_on_preferred(con, served_warehouse, name, params):
    """The same query with `osce_share` replaced by its definition over `preferred` gives the same frame."""
    ours = db.query(name, **params)
    code = "\n".join(line.split("--")[0] for line in db.sql(name).splitlines())   # comments name the table too
    inlined = frame(con, code.replace("osce_share", f"({OSCE_SHARE})"), params)
    if "other_scopes" in ours:  # string_agg(DISTINCT ...) leaves the order to DuckDB: compared as sets
        for f in (ours, inlined):
            f["other_scopes"] = [", ".join(sorted(v.split(", "))) if isinstance(v, str) else v
                                 for v in f["other_scopes"]]
    pd.testing.assert_frame_equal(ours, inlined)
