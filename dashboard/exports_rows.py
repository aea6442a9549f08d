"""A validated filter's parameters -> the warehouse's observation rows (dashboard/queries/export_filter.sql).

The filter runs on the warehouse file itself, through db.py's read-only connection, with bound parameters:
`ranked` is a table sorted by country, so a filter on places reads only their row groups, and the labels in the
language asked for are joined to the rows kept. Cost follows the rows returned, not the size of the warehouse,
and nothing is copied per process (the copy of `ranked` this replaced outgrew the memory at 10M observations).
"""
from __future__ import annotations

from typing import Iterator

import pandas as pd

from dashboard import db

QUERY = "export_filter"  # download columns and display labels (pages)
FILE_QUERY = "export_file"  # download columns only, the same rows in the same order (files, API answers)
CHUNK_VECTORS = 32  # 65,536 rows per chunk when rows are read for a file


def filtered(params: dict) -> pd.DataFrame:
    """All rows matching export_filter.sql's parameters (see exports_filter.Filter.params), at once, remembered
    per build by db.query when small. For pages and API answers; files of any size read `chunks`."""
    return db.query(QUERY, **params)


def chunks(params: dict) -> tuple[str | None, Iterator[pd.DataFrame]]:
    """The same rows in order, download columns only, a chunk at a time (never all in memory), with the build id
    that answers."""
    return db.chunks(FILE_QUERY, params, CHUNK_VECTORS)
