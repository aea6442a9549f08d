"""The explorer's grid at scale: server time and bytes of one block of rows (the grid's request, posted to Dash as the
browser posts it), for a filter that matches every row, against what the grid's old answer (every row as rowData)
weighed and cost.

Run: `.venv/bin/python -m bench.explorer_grid --db PATH [--calls 20] [--old]` (PATH: a warehouse, e.g. a SYNTHETIC
one from bench.synthetic; never written). Each case is asked first with an empty query cache (`first`), then again
(`again`, remembered per build), and at `--calls` other depths of the same order (each a new block: `p50/p95`).
`--old` also times the old answer (exports.rows for the whole filter, labelled, as JSON) in this process: at 1M rows
that is several GB of memory, so it is off by default. Prints tables; never fails on a slow result.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import time
from pathlib import Path

import brotli
from rich.console import Console
from rich.table import Table

CONSOLE = Console(width=150)
CASES = [  # (label, sort, query): a filter matching every row of the warehouse (all sources and releases)
    ("default order", "", {"preferred": "0"}),
    ("default order, preferred only", "", {}),
    ("country, descending (RU)", "country:desc", {"preferred": "0"}),
    ("region (RU)", "region:asc", {"preferred": "0"}),
    ("year, descending", "year:desc", {"preferred": "0"}),
    ("indicator (RU labels)", "indicator:asc", {"preferred": "0"}),
    ("value", "value:asc", {"preferred": "0"}),
]
BLOCK = 100


def body(start: int, sort: str, lang: str, query: dict) -> dict:
    from dashboard import ids
    from dashboard.callbacks import explorer as cb

    state = cb.urlstate.read(cb.FIELDS, query)
    col, _, direction = sort.partition(":")
    request = {"startRow": start, "endRow": start + BLOCK, "filterModel": {},
               "sortModel": [{"colId": col, "sort": direction}] if sort else []}
    return {"output": f"{ids.EXPLORER_GRID}.getRowsResponse",
            "outputs": {"id": ids.EXPLORER_GRID, "property": "getRowsResponse"},
            "inputs": [{"id": ids.EXPLORER_GRID, "property": "getRowsRequest", "value": request}],
            "changedPropIds": [f"{ids.EXPLORER_GRID}.getRowsRequest"],
            "state": [{"id": f.component, "property": f.prop, "value": state[f.param]} for f in cb.FILTER_FIELDS]
                     + [{"id": ids.LANG, "property": "data", "value": lang}]}


def post(client, payload: dict) -> tuple[float, int, int]:
    """One request: ms, bytes of the JSON answer, bytes after brotli (quality 5, as the app sends it)."""
    t0 = time.perf_counter()
    response = client.post("/_dash-update-component", json=payload)
    ms = (time.perf_counter() - t0) * 1000
    assert response.status_code == 200, response.data[:300]
    return ms, len(response.data), len(brotli.compress(response.data, quality=5))


def blocks_table(client, n_calls: int) -> Table:
    from dashboard import explorer_grid
    from dashboard.callbacks import explorer as cb

    table = Table(title=f"One block of {BLOCK} rows (in-process, Flask test client)")
    for col in ("case", "rows matched", "first ms", "again ms", f"{n_calls} depths p50 / p95 ms", "bytes (br)"):
        table.add_column(col, justify="left" if col == "case" else "right")
    rng = random.Random(6)
    for label, sort, query in CASES:
        lang = "ru" if "RU" in label else "en"
        n = explorer_grid.row_count(cb.to_filter(cb.urlstate.read(cb.FIELDS, query)), lang)
        first, size, br = post(client, body(0, sort, lang, query))
        again, _, _ = post(client, body(0, sort, lang, query))
        deep = [post(client, body(rng.randrange(BLOCK, max(BLOCK + 1, n - BLOCK)), sort, lang, query))[0]
                for _ in range(n_calls)]
        p95 = statistics.quantiles(deep, n=20)[-1] if len(deep) > 1 else deep[0]
        table.add_row(label, f"{n:,}", f"{first:.0f}", f"{again:.1f}",
                      f"{statistics.median(deep):.0f} / {p95:.0f}", f"{size:,} ({br:,})")
    return table


def old_table() -> Table:
    """What the old grid answer held for the broad filter: every row, labelled, as JSON (rowData)."""
    from dashboard import exports
    from dashboard.callbacks import explorer as cb
    from dashboard.exports_filter import Filter
    from dashboard.i18n import t

    table = Table(title="Before: the grid's rowData for the same filter (every row)")
    for col in ("filter", "rows", "query + labels + JSON s", "JSON bytes", "bytes (br)", "peak RSS MB"):
        table.add_column(col, justify="right")
    for label, flt in (("all sources and releases", Filter(preferred=False)), ("preferred only", Filter())):
        t0 = time.perf_counter()
        df = exports.rows(flt, "en")
        units = {u: t(f"explorer.unit_{u}", "en") for u in ("persons", "percent", "per_100k")}
        shown = df.assign(unit_label=df["unit"].map(units),
                          preferred_label=df["is_preferred"].map({True: "yes", False: "no"}))
        rows = exports.records(shown, [field for field, _ in cb.COLUMNS.values()])
        text = json.dumps(rows, ensure_ascii=False).encode()
        seconds = time.perf_counter() - t0
        br = len(brotli.compress(text, quality=5))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        table.add_row(label, f"{len(rows):,}", f"{seconds:.1f}", f"{len(text):,}", f"{br:,}", f"{peak:,.0f}")
        del df, shown, rows, text
    return table


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="warehouse file to read (never written)")
    parser.add_argument("--calls", type=int, default=20, help="blocks at other depths per case")
    parser.add_argument("--old", action="store_true", help="also build the old answer (every row; memory-hungry)")
    args = parser.parse_args(argv)
    os.environ["POLICE_DB"] = str(args.db.resolve())
    from dashboard.app import app

    client = app.server.test_client()
    CONSOLE.print(f"{args.db}  load average {os.getloadavg()[0]:.1f} / {os.getloadavg()[1]:.1f} (1 / 5 min)")
    CONSOLE.print(blocks_table(client, args.calls))
    if args.old:
        CONSOLE.print(old_table())
    CONSOLE.print(f"load average {os.getloadavg()[0]:.1f} / {os.getloadavg()[1]:.1f} (1 / 5 min)")


if __name__ == "__main__":
    main()
