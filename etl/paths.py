"""Where the ETL reads and writes: every path once, overridable from the environment."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
REFERENCE = DATA / "reference"
BUNDLED = DATA / "bundled"
SUBMISSIONS = Path(os.environ.get("POLICE_SUBMISSIONS", DATA / "submissions"))
SNAPSHOTS = Path(os.environ.get("POLICE_SNAPSHOTS", DATA / "snapshots"))
SHARED_RAW = Path(os.environ.get("POLICE_SHARED_RAW", ROOT.parent / "shared" / "data" / "raw"))


def warehouse_path() -> Path:
    """The live warehouse file (POLICE_DB overrides data/warehouse.duckdb)."""
    return Path(os.environ.get("POLICE_DB", DATA / "warehouse.duckdb"))


def max_submission_bytes() -> int:
    """Submission files above POLICE_MAX_SUBMISSION_MB (default 180) are refused unread."""
    return int(float(os.environ.get("POLICE_MAX_SUBMISSION_MB", "180")) * 1_000_000)
