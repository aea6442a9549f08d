"""Shared fixtures: a real warehouse built from the bundled data into a temp folder."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_RAW = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "raw"


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory) -> Path:
    """The warehouse exactly as `python -m etl build` makes it from the committed bundle (real DuckDB file)."""
    from etl.build import build

    path = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    build(live=path)
    return path


@pytest.fixture()
def served_warehouse(warehouse, monkeypatch) -> Path:
    """Point the dashboard (POLICE_DB) at the test warehouse."""
    monkeypatch.setenv("POLICE_DB", str(warehouse))
    return warehouse


@pytest.fixture(scope="session")
def shared_raw() -> Path:
    if not SHARED_RAW.is_dir():
        pytest.skip(f"../shared/data/raw not found at {SHARED_RAW}: tests against the real raw files skipped")
    return SHARED_RAW


def pytest_configure(config):
    os.environ.setdefault("DASH_DEBUG", "false")  # Dash reads it itself: only 'false' means off
