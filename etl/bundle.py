"""Raw files in ../shared/data/raw -> the normalized bundle committed in data/ (so builds work offline)."""
from __future__ import annotations

import json
from pathlib import Path

from etl import paths, snapshots
from etl.sources import associations, un_minset

UN_MINSET_CSV = "un_minset_iv4.csv"
MANIFEST = "manifest.json"
# When the copies in ../shared were taken from their repositories (see each PROVENANCE.md).
RETRIEVED = {un_minset.SOURCE_ID: "2021-09-30"}


def write(raw_dir: Path = paths.SHARED_RAW, out_dir: Path = paths.BUNDLED) -> dict:
    """Regenerate every bundled file from the raw files; returns {file name: rows written}."""
    from etl.sources import published_figures  # the submission seed lives in data/submissions

    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw data folder not found: {raw_dir} (set POLICE_SHARED_RAW)")
    out_dir.mkdir(parents=True, exist_ok=True)
    minset = un_minset.bundle(raw_dir)
    minset.to_csv(out_dir / UN_MINSET_CSV, index=False, lineterminator="\n")
    manifest = [
        snapshots.record(path, un_minset.SOURCE_ID, vintage, RETRIEVED[un_minset.SOURCE_ID])
        for path, vintage in un_minset.raw_files(raw_dir)
    ]
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    counts = {UN_MINSET_CSV: len(minset)}
    counts.update(published_figures.write_bundle(raw_dir, paths.SUBMISSIONS, out_dir))
    counts.update(associations.write_bundle(raw_dir, out_dir))
    return counts


def manifest(out_dir: Path = paths.BUNDLED) -> list[dict]:
    return json.loads((Path(out_dir) / MANIFEST).read_text(encoding="utf-8"))
