"""/explorer layout and callbacks, called directly -> component trees, rows, links and snippets in both languages."""
from __future__ import annotations

import sys
from urllib.parse import parse_qsl, urlsplit

import pytest

from dashboard import ids
from dashboard.callbacks import explorer as cb
from dashboard.exports_filter import Filter
from dashboard.i18n import t
from test_exports_filter import expected_rows  # the independent pandas oracle


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
    assert len(grid.rowData) == n
    assert grid.dashGridOptions["localeText"]["noRowsToShow"] == t("explorer.grid_noRowsToShow", lang)
    assert [d["headerName"] for d in grid.columnDefs if not d["hide"]] == \
        [t(f"explorer.col_{c}", lang) for c in cb.DEFAULT_COLUMNS]
    assert find(tree, ids.EXPLORER_COUNT).children == t("explorer.row_count", lang, n=f"{n:,}".replace(",", "\u202f")
                                                          if lang == "ru" else f"{n:,}")


def test_the_url_state_sets_the_controls_and_filters_the_rows(page):
    tree = page.layout(lang="ru", country="KAZ,KGZ", year_from="2010", preferred="0", cols="country,year,value",
                       sort="year:desc")
    assert find(tree, ids.EXPLORER_COUNTRIES).value == ["KAZ", "KGZ"]
    assert find(tree, ids.EXPLORER_YEAR_FROM).value == 2010 and find(tree, ids.EXPLORER_PREFERRED).data is False
    grid = find(tree, ids.EXPLORER_GRID)
    want = expected_rows(Filter(country=("KAZ", "KGZ"), year_from=2010, preferred=False), "ru")
    assert [r["country"] for r in grid.rowData] == list(want["country"]) and "Казахстан" in set(want["country"])
    shown = [d for d in grid.columnDefs if not d["hide"]]
    assert [d["colId"] for d in shown] == ["country", "year", "value"]
    assert next(d for d in grid.columnDefs if d["colId"] == "year")["sort"] == "desc"


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
    rows = cb.grid_rows(Filter(country=("KAZ",), preferred=False), "ru")
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
    assert plain["count"] == t("explorer.row_count", "en", n=str(len(plain["rows"])))
