"""The explorer's grid on a warehouse with many rows (SYNTHETIC, bench/synthetic.py): the browser's request for rows,
posted to Dash as the grid posts it, is answered with one block - never the filter's every row - and blocks read
at any depth, in any order the grid asks for, are the rows of the full sorted result at that place."""
from __future__ import annotations

import json

import pytest

from bench import synthetic
from dashboard import explorer_grid, ids
from dashboard.callbacks import explorer as cb
from dashboard.exports_filter import Filter

ROWS = 30_000


@pytest.fixture(scope="module")
def synthetic_warehouse(tmp_path_factory):
    return synthetic.generate(ROWS, tmp_path_factory.mktemp("synthetic") / "warehouse.duckdb")


@pytest.fixture()
def client(synthetic_warehouse, monkeypatch):
    monkeypatch.setenv("POLICE_DB", str(synthetic_warehouse))
    from dashboard.app import app
    return app.server.test_client()


def rows_body(start: int, end: int, sort: str = "", lang: str = "en", **query) -> dict:
    """The rows callback's request as the browser posts it: the grid's getRowsRequest, the filter controls' values."""
    state = cb.urlstate.read(cb.FIELDS, query)
    col, _, direction = sort.partition(":")
    request = {"startRow": start, "endRow": end, "filterModel": {},
               "sortModel": [{"colId": col, "sort": direction}] if sort else []}
    return {"output": f"{ids.EXPLORER_GRID}.getRowsResponse",
            "outputs": {"id": ids.EXPLORER_GRID, "property": "getRowsResponse"},
            "inputs": [{"id": ids.EXPLORER_GRID, "property": "getRowsRequest", "value": request}],
            "changedPropIds": [f"{ids.EXPLORER_GRID}.getRowsRequest"],
            "state": [{"id": f.component, "property": f.prop, "value": state[f.param]} for f in cb.FILTER_FIELDS]
                     + [{"id": ids.LANG, "property": "data", "value": lang}]}


def answer(client, body) -> tuple[dict, int]:
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.data[:300]
    return response.json["response"][ids.EXPLORER_GRID]["getRowsResponse"], len(response.data)


def test_a_broad_filter_gets_one_block_however_many_rows_it_matches(client):
    n = explorer_grid.row_count(Filter(preferred=False), "en")
    assert n > 20_000  # the filter matches every row of the warehouse
    block, size = answer(client, rows_body(0, 100, preferred="0"))
    assert len(block["rowData"]) == 100 and block["rowCount"] == n
    assert size < 100_000  # about 40 kB: a hundred rows, whatever the warehouse holds
    greedy, greedy_size = answer(client, rows_body(0, 10**9, preferred="0"))  # a hand-made request for all of it
    assert len(greedy["rowData"]) == explorer_grid.MAX_BLOCK and greedy["rowCount"] == n
    assert greedy_size < 8 * size
    every_row = len(json.dumps(block["rowData"])) / 100 * n  # what sending every row (as before) would weigh
    assert every_row > 100 * size


@pytest.mark.parametrize("sort, lang", [("", "en"), ("country:desc", "ru"), ("region:asc", "en"), ("year:desc", "ru"),
                                        ("indicator:asc", "ru"), ("unit:desc", "en"), ("scope:asc", "ru"),
                                        ("source:desc", "en"), ("value:asc", "en"), ("flags:desc", "ru")])
@pytest.mark.parametrize("direct_rows", [0, explorer_grid.DIRECT_ROWS])
def test_blocks_deep_in_the_order_are_the_full_orders_rows_at_that_place(client, monkeypatch, sort, lang,
                                                                        direct_rows):
    """The full order: the page query asked for every row at once (sorting every row, no run at a time). Blocks
    read by runs (as every filter larger than DIRECT_ROWS is), and sorted whole."""
    monkeypatch.setattr(explorer_grid, "DIRECT_ROWS", direct_rows)
    flt = Filter(preferred=False)
    n = explorer_grid.row_count(flt, lang)
    full = explorer_grid.ordered(flt, sort, lang, limit=n)
    assert len(full) == n
    want = cb.exports.records(full, [field for field, _ in cb.COLUMNS.values()])
    for start in (0, 99, n // 3 + 17, n - 150, n - 40):
        block, _size = answer(client, rows_body(start, start + 100, sort, lang, preferred="0"))
        assert block["rowData"] == want[start:start + 100] and block["rowCount"] == n
    if sort.split(":")[0] in explorer_grid.BUCKETS:  # read from the runs a block falls in, not from every row
        runs = explorer_grid.buckets(flt, lang, sort)
        assert runs["n"].sum() == n and len(runs) > 1
