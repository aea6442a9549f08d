"""/explorer layout and callbacks, called directly -> component trees, the grid's blocks of rows (sorted on the server,
checked against an independent pandas oracle), links and snippets in both languages."""
from __future__ import annotations

import sys
from urllib.parse import parse_qsl, urlsplit

import pytest

from dashboard import explorer_grid, exports, ids
from dashboard.callbacks import explorer as cb
from dashboard.exports_filter import Filter
from dashboard.i18n import t
from test_exports_filter import expected_rows  # the independent pandas oracle

FIELDS = [field for field, _ in cb.COLUMNS.values()]


def walk(node):
    yield node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            yield from walk(child)


def find(tree, component_id):
    return next(n for n in walk(tree) if getattr(n, "id", None) == component_id)


def texts(tree) -> str:
    return " ".join(str(n.children) for n in walk(tree) if isinstance(getattr(n, "children", None), (str, int)))


@pytest.fixture()
def page(served_warehouse):
    """The page module as Dash imported it (importing dashboard.pages.explorer again would register /explorer
    twice, and Dash refuses to serve an app whose pages share a path)."""
    import dash

    import dashboard.app  # noqa: F401  (the app imports the pages)
    entry = next(p for p in dash.page_registry.values() if p["path"] == "/explorer")
    return sys.modules[entry["module"]]


def oracle(flt: Filter, lang: str, sort: str = "") -> list[dict]:
    """The grid's rows for a filter and a sort, from the pandas oracle: the downloads' order, then a stable sort by
    the column's shown value (its label in `lang`; units and 'preferred' labelled from the catalog), ties kept."""
    df = expected_rows(flt, lang)
    units = {u: t(f"explorer.unit_{u}", lang) for u in ("persons", "percent", "per_100k")}
    yes_no = {True: t("explorer.yes", lang), False: t("explorer.no", lang)}
    df = df.assign(unit_label=df["unit"].map(units), preferred_label=df["is_preferred"].map(yes_no))
    if sort:
        col, _, direction = sort.partition(":")
        df = df.sort_values(cb.COLUMNS[col][0], ascending=direction == "asc", kind="stable")
    return exports.records(df, FIELDS)


def request(start: int, end: int, sort: str = "") -> dict:
    """What AG Grid's infinite row model sends for a block (getRowsRequest)."""
    col, _, direction = sort.partition(":")
    return {"startRow": start, "endRow": end, "sortModel": [{"colId": col, "sort": direction}] if sort else [],
            "filterModel": {}}


def all_blocks(state: dict, lang: str, sort: str = "", size: int = 100) -> tuple[list[dict], list[int]]:
    """Every row of the view, asked for block after block as the grid scrolls; and each answer's size."""
    rows, sizes, start = [], [], 0
    while True:
        answer = cb.grid_block(state, request(start, start + size, sort), lang)
        rows += answer["rowData"]
        sizes.append(len(answer["rowData"]))
        start += size
        if start >= answer["rowCount"]:
            assert answer["rowCount"] == len(rows)
            return rows, sizes


def state_of(**query) -> dict:
    return cb.urlstate.read(cb.FIELDS, query)


@pytest.fixture(params=["sorted whole", "read by runs"])
def way(request, monkeypatch):
    """Both ways a block is read: a small filter is sorted whole; a large one (here: every filter) by its runs."""
    if request.param == "read by runs":
        monkeypatch.setattr(explorer_grid, "DIRECT_ROWS", 0)
        monkeypatch.setattr(explorer_grid, "RUN_ROWS", 97)
    return request.param


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_layout_shows_filters_grid_count_downloads_and_snippets_in_the_language(page, lang):
    tree = page.layout(lang=lang)
    assert t("explorer.heading", lang) in texts(tree)
    for control in (ids.EXPLORER_COUNTRIES, ids.EXPLORER_REGIONS, ids.EXPLORER_YEAR_FROM, ids.EXPLORER_YEAR_TO,
                    ids.EXPLORER_INDICATORS, ids.EXPLORER_SOURCES, ids.EXPLORER_SCOPES, ids.EXPLORER_FLAGS,
                    ids.EXPLORER_PREFERRED, ids.EXPLORER_COLUMNS, ids.EXPLORER_SORT):
        find(tree, control)
    grid = find(tree, ids.EXPLORER_GRID)
    n = len(expected_rows(Filter(), lang))
    assert n > page.BLOCK_ROWS  # more rows than one block: the grid asks for them as it scrolls
    assert grid.rowModelType == "infinite" and getattr(grid, "rowData", None) is None  # no row in the page itself
    assert grid.dashGridOptions["cacheBlockSize"] == page.BLOCK_ROWS
    assert grid.dashGridOptions["maxConcurrentDatasourceRequests"] == 1  # each answer meets its own request
    assert grid.dashGridOptions["localeText"]["noRowsToShow"] == t("explorer.grid_noRowsToShow", lang)
    assert [d["headerName"] for d in grid.columnDefs if not d["hide"]] == \
        [t(f"explorer.col_{c}", lang) for c in cb.DEFAULT_COLUMNS]
    assert find(tree, ids.EXPLORER_COUNT).children == t("explorer.row_count", lang, n=f"{n:,}".replace(",", "\u202f")
                                                          if lang == "ru" else f"{n:,}")
    first = cb.grid_block(state_of(), request(0, page.BLOCK_ROWS), lang)  # the grid's first request
    assert first == {"rowData": oracle(Filter(), lang)[:page.BLOCK_ROWS], "rowCount": n}


def test_the_url_state_sets_the_controls_and_filters_the_rows(page, way):
    tree = page.layout(lang="ru", country="KAZ,KGZ", year_from="2010", preferred="0", cols="country,year,value",
                       sort="year:desc")
    assert find(tree, ids.EXPLORER_COUNTRIES).value == ["KAZ", "KGZ"]
    assert find(tree, ids.EXPLORER_YEAR_FROM).value == 2010 and find(tree, ids.EXPLORER_PREFERRED).data is False
    grid = find(tree, ids.EXPLORER_GRID)
    shown = [d for d in grid.columnDefs if not d["hide"]]
    assert [d["colId"] for d in shown] == ["country", "year", "value"]
    assert next(d for d in grid.columnDefs if d["colId"] == "year")["sort"] == "desc"
    # the URL's sort reaches the grid's headers, and from them its requests: the server sorts by it
    sort = ",".join(f"{d['colId']}:{d['sort']}" for d in grid.columnDefs if d["sort"])
    flt = Filter(country=("KAZ", "KGZ"), year_from=2010, preferred=False)
    rows, _sizes = all_blocks(state_of(country="KAZ,KGZ", year_from="2010", preferred="0"), "ru", sort, size=7)
    assert sort == "year:desc" and rows == oracle(flt, "ru", "year:desc")
    assert "Казахстан" in {r["country"] for r in rows}
    assert [r["year"] for r in rows] == sorted((r["year"] for r in rows), reverse=True)


# Every column, both directions: a block of the server's order is a slice of the oracle's (labels in the language).
# Sorted whole, and read by runs where the column's order has runs.
@pytest.mark.parametrize("runs, sort", [(False, "")] + [(False, f"{c}:{d}") for c in cb.COLUMNS
                                                        for d in ("asc", "desc")]
                         + [(True, "")] + [(True, f"{c}:{d}") for c in explorer_grid.BUCKETS if c
                                           for d in ("asc", "desc")])
def test_every_sort_pages_through_exactly_the_oracles_rows_in_its_order(page, monkeypatch, runs, sort):
    monkeypatch.setattr(explorer_grid, "DIRECT_ROWS", 0 if runs else 10**9)
    monkeypatch.setattr(explorer_grid, "RUN_ROWS", 97)  # several runs of values, edges inside blocks
    rows, sizes = all_blocks(state_of(preferred="0"), "ru", sort, size=explorer_grid.MAX_BLOCK)
    assert rows == oracle(Filter(preferred=False), "ru", sort)
    assert max(sizes) == explorer_grid.MAX_BLOCK and len(sizes) > 1


@pytest.mark.parametrize("lang, sort, query", [
    ("en", "", {}), ("ru", "", {"region": "central_asia,western_balkans", "preferred": "0"}),
    ("en", "country:desc", {"preferred": "0"}), ("ru", "region:asc", {}), ("en", "iso3:desc", {"year_to": "2012"}),
    ("ru", "indicator:asc", {"region": "osce"}), ("en", "unit:desc", {"preferred": "0"}),
    ("ru", "flags:asc", {"preferred": "0"}), ("en", "preferred:asc", {"preferred": "0", "country": "FRA,DEU"}),
    ("ru", "country:asc", {"country": "KAZ,KGZ,UZB", "preferred": "0"}), ("en", "", {"region": "central_asia"}),
    ("en", "year:desc", {"preferred": "0"}), ("ru", "scope:asc", {}), ("ru", "source:desc", {"preferred": "0"}),
    ("ru", "preferred:desc", {}), ("en", "value:desc", {"preferred": "0"}), ("ru", "value:asc", {"region": "osce"}),
])
def test_blocks_of_any_size_join_up_without_a_gap_or_a_repeat(page, way, lang, sort, query):
    """Block edges fall inside runs (a country's rows, a year's...): a block read from its runs alone starts inside
    the first one."""
    flt = cb.to_filter(state_of(**query))
    want = oracle(flt, lang, sort)
    for size in (1, 13, 100) if len(want) < 100 else (37,):
        rows, sizes = all_blocks(state_of(**query), lang, sort, size=size)
        assert rows == want and set(sizes[:-1]) <= {size}


def test_a_block_is_never_larger_than_the_limit_and_a_hostile_request_gets_an_empty_or_bounded_block(page):
    n = len(expected_rows(Filter(preferred=False)))
    state = state_of(preferred="0")
    everything = cb.grid_block(state, request(0, 10**9), "en")
    assert len(everything["rowData"]) == explorer_grid.MAX_BLOCK < n and everything["rowCount"] == n
    past = cb.grid_block(state, request(n + 5, n + 105), "en")
    assert past == {"rowData": [], "rowCount": n}
    for bad in ({"startRow": "x", "endRow": None}, {"startRow": -50, "endRow": -1}, {"startRow": 10, "endRow": 5},
                {"startRow": 1e300, "endRow": float("inf")}, "garbage", None,
                {"startRow": 0, "endRow": 3, "sortModel": [{"colId": "note; DROP TABLE ranked", "sort": "asc"}]},
                {"startRow": 0, "endRow": 3, "sortModel": "year:desc"}):
        answer = cb.grid_block(state, bad, "en")
        assert answer["rowCount"] == n and len(answer["rowData"]) <= 3
    assert cb.grid_block(state, {"startRow": 0, "endRow": 3, "sortModel": [{"colId": "x", "sort": "up"}]},
                         "en")["rowData"] == oracle(Filter(preferred=False), "en")[:3]


@pytest.mark.parametrize("query", [
    {"country": "' OR 1=1 --,KAZ", "region": "<script>", "year_from": "99999", "year_to": "abc", "scope": "x",
     "flag": "%00", "preferred": "maybe", "cols": "nope", "sort": "note:sideways", "source": "a'b"},
])
def test_hand_edited_hostile_urls_turn_into_allowed_values(page, query):
    tree = page.layout(lang="en", **query)
    assert find(tree, ids.EXPLORER_COUNTRIES).value == ["KAZ"]
    assert find(tree, ids.EXPLORER_REGIONS).value == [] and find(tree, ids.EXPLORER_YEAR_FROM).value is None
    assert find(tree, ids.EXPLORER_COLUMNS).value == cb.DEFAULT_COLUMNS and find(tree, ids.EXPLORER_SORT).data == ""


def link_query(href: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(href).query)


def test_download_links_carry_exactly_the_filter_and_the_language(page):
    flt = Filter(country=("KAZ", "KGZ"), year_from=2004, year_to=2017, preferred=False)
    links = [a for node in cb.download_links(flt, "ru") for a in walk(node) if getattr(a, "href", None)]
    assert [urlsplit(a.href).path for a in links] == [f"/download/observations.{f}" for f in cb.DOWNLOAD_FORMATS]
    assert link_query(links[0].href) == [("country", "KAZ"), ("country", "KGZ"), ("year_from", "2004"),
                                         ("year_to", "2017"), ("preferred", "false"), ("lang", "ru")]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_snippets_fetch_the_same_rows_as_csv_from_the_api(page, lang):
    code = cb.snippets(Filter(region=("central_asia",)), lang)
    for text in code.values():
        url = text.split('"')[1]
        assert urlsplit(url).path.endswith("/api/v1/observations")
        assert ("region", "central_asia") in link_query(url) and ("format", "csv") in link_query(url)
    assert "pd.read_csv" in code["python"] and "read.csv" in code["r"]


def test_grid_rows_label_units_and_preferred_in_the_language(page):
    rows, _sizes = all_blocks(state_of(country="KAZ", preferred="0"), "ru")
    units = {t(f"explorer.unit_{u}", "ru") for u in ("persons", "percent", "per_100k")}
    assert {r["unit_label"] for r in rows} <= units
    assert {r["preferred_label"] for r in rows} == {t("explorer.yes", "ru"), t("explorer.no", "ru")}


def test_the_grid_sort_reported_by_the_browser_becomes_url_state(page):
    columns = [{"colId": "country", "sort": None}, {"colId": "year", "sort": "desc", "sortIndex": 0}]
    def event(cols):
        return {"data": {"columns": cols}, "timestamp": 1}
    assert cb.sorted_by(event(columns), "") == "year:desc"
    assert cb.sorted_by(event([{"colId": "bogus", "sort": "asc"}]), "year:asc") == ""
    assert cb.sorted_by(event([{"colId": "year", "sort": "asc"}]), "year:asc") is cb.no_update
    assert cb.sorted_by("garbage", "") is cb.no_update


def test_every_filter_and_view_parameter_is_registered_for_the_url(page):
    params = [f.param for f in cb.FIELDS]
    assert params == ["country", "region", "indicator", "source", "scope", "flag", "year_from", "year_to",
                      "preferred", "cols", "sort"]


def test_chosen_countries_without_rows_are_named_not_silently_dropped(page):
    parts = cb.view(cb.urlstate.read(cb.FIELDS, {"country": "KAZ,TKM", "region": "central_asia"}), "ru")
    assert "Туркменистан" in parts["count"] and "Казахстан" not in parts["count"].split(":")[-1]
    plain = cb.view(cb.urlstate.read(cb.FIELDS, {"country": "KAZ"}), "en")
    assert plain["count"] == t("explorer.row_count", "en", n=str(len(expected_rows(Filter(country=("KAZ",))))))
    none = cb.view(cb.urlstate.read(cb.FIELDS, {"country": "TKM"}), "ru")
    assert none["count"].startswith(t("explorer.row_count", "ru", n="0")) and "Туркменистан" in none["count"]


def test_a_new_filter_makes_the_grid_ask_again_and_its_answer_reads_the_controls(page):
    """The filter controls are the grid request's State; a change empties the grid's blocks (clientside)."""
    from dashboard.app import app
    client = app.server.test_client()
    callbacks = client.get("/_dash-dependencies").json
    rows_cb = next(c for c in callbacks if c["output"] == f"{ids.EXPLORER_GRID}.getRowsResponse")
    assert [i["id"] for i in rows_cb["inputs"]] == [ids.EXPLORER_GRID] and rows_cb["prevent_initial_call"]
    assert [s["id"] for s in rows_cb["state"]] == [f.component for f in cb.FILTER_FIELDS] + [ids.LANG]
    purge = next(c for c in callbacks if c["output"] == f"{ids.EXPLORER_GRID}.scrollTo")
    assert [i["id"] for i in purge["inputs"]] == [f.component for f in cb.FILTER_FIELDS]
    page_html = client.get("/explorer").get_data(as_text=True)
    script = page_html[page_html.index(purge["clientside_function"]["function_name"]):]
    assert script.index("purgeInfiniteCache") < script.index("</script>")
    state = state_of(country="KAZ")
    values = [state[f.param] for f in cb.FILTER_FIELDS]
    assert cb.rows(request(0, 100), *values, "en") == cb.grid_block(state, request(0, 100), "en")
    assert cb.rows(request(0, 100), *values, "en")["rowData"] == oracle(Filter(country=("KAZ",)), "en")[:100]
