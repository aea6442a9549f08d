"""The explorer's grid, a block of rows at a time: filter + sort + the rows the grid asks for -> those rows with their
labels, sorted in the warehouse (dashboard/queries/explorer_page.sql), and the filter's row count.

The browser never holds more than the blocks it has scrolled to, whatever the size of the warehouse. Most orders
keep runs of rows together: each country's rows in the default order and in sorts by country, ISO3 or region; each
year's, indicator's, unit's, scope's or source's in a sort by that column; ranges of values in a sort by value.
The runs' counts and first rows (explorer_buckets.sql, remembered per filter and order) tell which runs a block
falls in, and it is read from those alone - inside one run (a year, an indicator...), whose rows come in the
default order, from the countries it falls in - so a block costs about the same at any depth and any size. A sort
by another column (flags, bound, release, note, citation, web address; 'preferred' when both kinds of value are
shown), and any filter of at most DIRECT_ROWS rows, sorts every row of the filter in the warehouse: narrow
(numbers and row ids), then only the block's rows are labelled - fast near the top, slower deep down a large filter.
"""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from dashboard import db
from dashboard.exports_filter import Filter
from dashboard.i18n import t

PAGE_QUERY = "explorer_page"
BUCKETS_QUERY = "explorer_buckets"
# Sort column -> the runs its order keeps together, and the filter parameters that narrow the rows to some of them.
BUCKETS = {"": "country", "country": "country", "iso3": "country", "region": "country", "year": "year",
           "indicator": "indicator", "unit": "unit", "scope": "scope", "source": "source", "value": "value"}
RUN_ROWS = 2_000  # rows in a run of values (sort by value): a block sorts about this many rows
MAX_BLOCK = 500  # rows in one answer at most, whatever is asked (the grid asks for 100)
DIRECT_ROWS = 50_000  # a filter with no more rows than this is sorted whole: one query beats finding its runs
MAX_START = 2**31 - 1
UNITS = ("persons", "percent", "per_100k")
WHOLE = {"value_from": None, "value_to": None}  # explorer_page.sql's own narrowing: none
WITHIN = {"year": "year", "indicator": "indicator", "unit": "indicator", "scope": "scope", "source": "source"}


def split_sort(sort: str) -> tuple[str, bool]:
    """'year:desc' -> ('year', True); '' -> ('', False). The sort is already cleaned (callbacks.explorer)."""
    by, _, direction = sort.partition(":")
    return by, direction == "desc"


def buckets(flt: Filter, lang: str, sort: str = "") -> pd.DataFrame:
    """code, members, n, first_row: the runs of the grid's order for `sort` that the filter's rows fall in, in that
    order (for a sort without runs: the countries in the default order). Remembered per build (db.query)."""
    by, desc = split_sort(sort)
    if by not in BUCKETS:
        by, desc = "", False
    return db.query(BUCKETS_QUERY, **flt.params(lang), bucket=BUCKETS[by], sort_by=by, sort_desc=desc,
                    unit_order=catalog_orders(lang)["unit_order"], run_rows=RUN_ROWS)


def countries(flt: Filter, lang: str) -> pd.DataFrame:
    """The filter's rows per country (code, n, ...): its row count, and which countries have rows."""
    return buckets(flt, lang)


def row_count(flt: Filter, lang: str) -> int:
    return int(countries(flt, lang)["n"].sum())


def catalog_orders(lang: str) -> dict[str, list]:
    """Units and 'preferred' are labelled from our catalog: their codes in the order of their labels in `lang`."""
    units = sorted(UNITS, key=lambda u: (t(f"explorer.unit_{u}", lang), u))
    preferred = sorted((True, False), key=lambda p: t("explorer.yes" if p else "explorer.no", lang))
    return {"unit_order": units, "preferred_order": preferred}


def bounds(start, end) -> tuple[int, int]:
    """The grid's startRow/endRow -> a range of at most MAX_BLOCK rows from 0 (anything else: an empty range)."""
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError, OverflowError):
        return 0, 0
    start = min(max(start, 0), MAX_START)
    return start, max(start, min(end, start + MAX_BLOCK))


def block(flt: Filter, sort: str, start: int, end: int, lang: str) -> tuple[pd.DataFrame, int]:
    """Rows start .. end - 1 of the filter in the order `sort` ('col:asc|desc' or ''), with the grid's labels
    (unit_label and preferred_label from the catalog), and the filter's row count."""
    start, end = bounds(start, end)
    by, desc = split_sort(sort)
    if by == "preferred" and flt.preferred:  # every row is a preferred value: ties all along, the default order
        by, desc = "", False
    total = row_count(flt, lang)
    params = page_params(flt, by, desc, lang)
    if end <= start or start >= total:
        df = db.query(PAGE_QUERY, **params, limit=0, offset=0)
    elif by in BUCKETS and total > DIRECT_ROWS:  # read the runs the block falls in, from the first row of the first
        runs = buckets(flt, lang, f"{by}:{'desc' if desc else 'asc'}" if by else "")
        inside = runs[(runs["first_row"] + runs["n"] > start) & (runs["first_row"] < end)]
        offset, kind = start - int(inside["first_row"].iloc[0]), BUCKETS[by]
        if len(inside) == 1 and kind in WITHIN:  # inside one run the order is the default one: its countries' runs
            return block(within(flt, kind, inside), "", offset, offset + end - start, lang)[0], total
        params |= narrowed(kind, inside)
        df = db.query(PAGE_QUERY, **params, limit=end - start, offset=offset)
    else:
        df = db.query(PAGE_QUERY, **params, limit=end - start, offset=start)
    return labelled(df, lang), total


def page_params(flt: Filter, by: str, desc: bool, lang: str) -> dict:
    """explorer_page.sql's parameters for the filter's rows in one order (not narrowed to runs; no row range)."""
    return {**flt.params(lang), **WHOLE, "sort_by": by, "sort_desc": desc, **catalog_orders(lang)}


def ordered(flt: Filter, sort: str, lang: str, limit: int, offset: int = 0) -> pd.DataFrame:
    """Rows offset .. offset + limit - 1 of the filter in the order `sort`, labelled, sorting every row of the filter
    (no runs): what `block` must give, the slow way (tests, benchmarks)."""
    by, desc = split_sort(sort)
    return labelled(db.query(PAGE_QUERY, **page_params(flt, by, desc, lang), limit=limit, offset=offset), lang)


def narrowed(kind: str, runs: pd.DataFrame) -> dict:
    """The filter parameters that keep only these runs' rows (the runs' codes all have rows in the filter, so the
    rest of the filter still holds)."""
    codes = sorted({code for members in runs["members"] for code in members.split(";")})
    if kind == "country":
        return {"countries": codes, "regions": []}
    if kind == "year":
        years = [int(code) for code in codes]
        return {"year_from": min(years), "year_to": max(years)}
    if kind == "value":
        return {"value_from": float(runs["lo"].min()), "value_to": float(runs["hi"].max())}
    return {{"indicator": "indicators", "unit": "indicators", "scope": "scopes", "source": "sources"}[kind]: codes}


def within(flt: Filter, kind: str, run: pd.DataFrame) -> Filter:
    """The filter narrowed to one run of a year, an indicator, a unit, a scope or a source (`run`: one row of
    `buckets`): in it, every row has the same sort key, so its rows come in the default order."""
    codes = tuple(run["members"].iloc[0].split(";"))
    if kind == "year":
        return replace(flt, year_from=int(codes[0]), year_to=int(codes[0]))
    return replace(flt, **{WITHIN[kind]: codes})


def labelled(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    units = {u: t(f"explorer.unit_{u}", lang) for u in UNITS}
    yes, no = t("explorer.yes", lang), t("explorer.no", lang)
    return df.assign(unit_label=df["unit"].map(units), preferred_label=df["is_preferred"].map({True: yes, False: no}))
