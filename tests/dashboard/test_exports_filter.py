"""Query parameters -> validated filters, and every export/API query file -> its documented columns."""
from __future__ import annotations

import pandas as pd
import pytest
from werkzeug.datastructures import MultiDict

from dashboard import db, exports, exports_rows
from dashboard.exports_filter import BadParameter, Filter, current_vocabulary, parse

LABELS = ["region_label", "indicator_label", "scope_label", "source_label", "flag_labels"]


def expected_rows(flt: Filter, lang: str = "en") -> pd.DataFrame:
    """An independent oracle: the warehouse's rows filtered with pandas, as the filter's documentation says."""
    df = db.query("export_observations", lang=lang)
    keep = pd.Series(True, index=df.index)
    if flt.preferred:
        keep &= df["is_preferred"]
    if flt.country or flt.region:
        in_region = df["regions"].str.split(";").map(lambda r: bool(set(r) & set(flt.region)))
        keep &= df["iso3"].isin(flt.country) | in_region
    for col, values in (("indicator", flt.indicator), ("source_id", flt.source), ("scope", flt.scope)):
        if values:
            keep &= df[col].isin(values)
    if flt.flag:
        keep &= df["flags"].str.split(";").map(lambda f: bool(set(f) & set(flt.flag)))
    if flt.year_from is not None:
        keep &= df["year"] >= flt.year_from
    if flt.year_to is not None:
        keep &= df["year"] <= flt.year_to
    # the warehouse query orders by ISO3; the filter orders by name in the language first (a stable sort keeps the rest)
    return df[keep].sort_values("country", kind="stable")[exports.COLUMNS + LABELS].reset_index(drop=True)

QUERY_COLUMNS = {
    "export_observations": exports.COLUMNS + LABELS + ["regions", "indicator_sort", "scope_sort", "rank"],
    "export_vocabulary": ["kind", "code"],
    "export_definitions": ["kind", "code", "unit", "label", "definition"],
    "export_sources": ["id", "precedence", "publisher", "title", "url", "licence", "citation"],
    "api_aggregates": ["region", "year", "indicator", "scope", "mean_share", "n_reporting", "n_members",
                       "pooled_share", "n_pooled", "women", "total", "members_reporting", "members_pooled"],
    "api_countries": ["iso3", "iso2", "m49", "name_en", "name_ru", "region", "osce_participating",
                      "is_central_asia", "eu_member", "n_values"],
    "api_indicators": ["code", "unit", "grp", "role", "label_en", "label_ru", "definition_en", "definition_ru"],
    "api_scopes": ["code", "label_en", "label_ru", "definition_en", "definition_ru"],
    "api_flags": ["code", "label_en", "label_ru", "definition_en", "definition_ru"],
    "api_regions": ["code", "name_en", "name_ru", "n_members", "members"],
    "explorer_options": ["kind", "code", "label"],
    "explorer_page": ["country", "iso3", "region_label", "year", "indicator_label", "value", "unit", "scope_label",
                      "flag_labels", "bound", "source_label", "vintage", "is_preferred", "note", "citation", "url"],
    "explorer_buckets": ["code", "members", "n", "lo", "hi", "first_row"],
}
PARAMS = {
    "export_observations": {"lang": "ru"},
    "export_definitions": {"lang": "ru"},
    "api_aggregates": {"regions": [], "indicators": [], "scopes": [], "year_from": None, "year_to": None},
    "explorer_options": {"lang": "ru"},
    "explorer_page": Filter().params("ru") | {"value_from": None, "value_to": None, "sort_by": "year",
                                              "sort_desc": True, "unit_order": ["percent", "per_100k", "persons"],
                                              "preferred_order": [True, False], "limit": 10, "offset": 5},
    "explorer_buckets": Filter().params("ru") | {"bucket": "country", "sort_by": "", "sort_desc": False,
                                                 "unit_order": ["percent", "per_100k", "persons"], "run_rows": 100},
}


@pytest.mark.parametrize("name", sorted(QUERY_COLUMNS))
def test_each_query_runs_and_returns_its_documented_columns(served_warehouse, name):
    df = db.query(name, **PARAMS.get(name, {}))
    assert list(df.columns) == QUERY_COLUMNS[name] and len(df) > 0


def filtered(flt: Filter, lang: str = "en") -> pd.DataFrame:
    return exports_rows.filtered(flt.params(lang))


def test_the_filter_query_returns_the_download_columns_and_labels(served_warehouse):
    assert list(filtered(Filter())) == exports.COLUMNS + LABELS


@pytest.mark.parametrize("flt", [
    Filter(), Filter(preferred=False), Filter(country=("KAZ", "KGZ"), region=("western_balkans",)),
    Filter(region=("osce",), indicator=("share_women_police",), scope=("police_officers",), year_from=2010),
    Filter(source=("un_minset_iv4",), flag=("possible_break", "year_inferred"), preferred=False, year_to=2012),
    Filter(country=("TKM",)), Filter(year_from=2020, year_to=2010),
])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_filter_query_returns_what_the_pandas_oracle_returns(served_warehouse, flt, lang):
    want = expected_rows(flt, lang)
    exact = len(want) > 0  # no rows: DuckDB's column types for an empty result, as before
    pd.testing.assert_frame_equal(filtered(flt, lang), want, check_dtype=exact)
    _build, chunks = exports_rows.chunks(flt.params(lang))  # files: the download columns, the same rows and order
    pd.testing.assert_frame_equal(pd.concat(list(chunks), ignore_index=True), want[exports.COLUMNS],
                                  check_dtype=exact)


def rows(served, **kw) -> set[tuple]:
    df = filtered(Filter(**kw))
    return set(zip(df["iso3"], df["year"], df["indicator"], df["scope"], df["source_id"], df["vintage"], df["bound"]))


def test_preferred_rows_are_one_per_country_year_indicator_scope_and_a_subset_of_all(served_warehouse):
    pref = filtered(Filter())
    assert not pref.duplicated(["iso3", "year", "indicator", "scope"]).any()
    assert pref["is_preferred"].all()
    assert rows(served_warehouse) < rows(served_warehouse, preferred=False)


def test_countries_and_regions_add_up(served_warehouse):
    both = rows(served_warehouse, country=("FRA",), region=("central_asia",), preferred=False)
    assert both == rows(served_warehouse, country=("FRA",), preferred=False) | rows(
        served_warehouse, region=("central_asia",), preferred=False)
    assert {r[0] for r in both} >= {"FRA", "KAZ"}


def test_flag_filter_keeps_rows_carrying_any_listed_flag(served_warehouse):
    df = filtered(Filter(flag=("possible_break", "press_report"), preferred=False))
    assert len(df) and df["flags"].str.split(";").map(lambda f: bool({"possible_break", "press_report"} & set(f))).all()


def test_year_bounds_are_inclusive_and_a_reversed_range_selects_nothing(served_warehouse):
    df = filtered(Filter(year_from=2010, year_to=2012))
    assert set(df["year"]) == {2010, 2011, 2012}
    assert rows(served_warehouse, year_from=2015, year_to=2010) == set()


def test_a_hostile_value_bound_as_a_parameter_matches_nothing_and_breaks_nothing(served_warehouse):
    params = Filter().params("en") | {"countries": ["' OR 1=1 --"], "scopes": ["x'); DROP TABLE country; --"]}
    assert exports_rows.filtered(params).empty
    assert next(exports_rows.chunks(params)[1]).empty
    assert len(db.query("api_countries")) > 0


@pytest.mark.parametrize("args, expected", [
    (MultiDict([("country", "KAZ"), ("country", "KGZ"), ("country", "KAZ")]), Filter(country=("KAZ", "KGZ"))),
    (MultiDict([("region", "central_asia"), ("year_from", "2004"), ("year_to", "2017")]),
     Filter(region=("central_asia",), year_from=2004, year_to=2017)),
    (MultiDict([("preferred", "false"), ("flag", "rounded")]), Filter(flag=("rounded",), preferred=False)),
    ({"country": "KAZ", "preferred": "0"}, Filter(country=("KAZ",), preferred=False)),
    (MultiDict(), Filter()),
])
def test_parse_accepts_repeated_codes_exactly_as_listed(served_warehouse, args, expected):
    assert parse(args, current_vocabulary()) == expected


@pytest.mark.parametrize("args, param, reason", [
    (MultiDict([("country", "' OR 1=1 --")]), "country", "not_allowed"),
    (MultiDict([("scope", "police")]), "scope", "not_allowed"),
    (MultiDict([("year_from", "1e9")]), "year_from", "not_a_year"),
    (MultiDict([("year_to", "99999999999999999999")]), "year_to", "out_of_range"),
    (MultiDict([("year_from", "2000"), ("year_from", "2001")]), "year_from", "repeated"),
    (MultiDict([("preferred", "maybe")]), "preferred", "not_allowed"),
    (MultiDict([("country", "KAZ")] * 501), "country", "too_many"),
    (MultiDict([("country", "kaz")]), "country", "not_allowed"),
    (MultiDict([("country", "KAZ,KGZ")]), "country", "not_allowed"),
    (MultiDict([("country", "")]), "country", "not_allowed"),
    (MultiDict([("year_from", "")]), "year_from", "not_a_year"),
])
def test_parse_refuses_bad_values_naming_the_parameter_and_the_reason(served_warehouse, args, param, reason):
    with pytest.raises(BadParameter) as err:
        parse(args, current_vocabulary())
    assert (err.value.param, err.value.reason) == (param, reason)
    assert err.value.allowed
