"""Everything a build reads (bundle, submissions, fetched snapshots) -> staged tidy rows with their provenance."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from etl import bundle, paths, snapshots, stage, tidy
from etl.errors import InputError


@dataclass
class SourceInput:
    """One source's rows for this build (a batch of the staging table, etl/stage), its raw files, what was read."""

    source_id: str
    batch: int
    files: list[Path]
    snapshots: list[dict] = field(default_factory=list)
    rows_read: int = 0
    checked: bool = False           # the reader already ran etl.checks on these rows
    source_row: dict | None = None  # for sources not in data/reference/sources.csv (submissions)


def bundled_minset(con: duckdb.DuckDBPyConnection) -> SourceInput:
    from etl.sources import un_minset

    path = paths.BUNDLED / bundle.UN_MINSET_CSV
    rows = tidy.frame(pd.read_csv(path, dtype=str, keep_default_na=False).to_dict("records"))
    snaps = [s for s in bundle.manifest() if s["source_id"] == un_minset.SOURCE_ID]
    return SourceInput(un_minset.SOURCE_ID, stage.add_frame(con, rows, snaps[0]["id"]), [path], snaps, len(rows))


def submission_files(folder: Path = None) -> list[Path]:
    folder = Path(folder or paths.SUBMISSIONS)
    return sorted(p for p in folder.glob("*") if p.suffix.lower() in (".csv", ".xlsx") and not p.name.startswith("~$"))


def submission(con: duckdb.DuckDBPyConnection, path: Path) -> SourceInput:
    from etl.sources import submissions

    source_id = submissions.SOURCE_PREFIX + path.stem
    snap = snapshots.record(path, source_id, "")
    batch = submissions.stage_file(con, path, snap["id"])
    rows_read = con.execute("SELECT count(*) FROM staged WHERE batch = ?", [batch]).fetchall()[0][0]
    source_row = {
        "id": source_id, "precedence": 4, "kind": "national", "publisher": "National submission",
        "publisher_ru": "Национальные данные", "title": path.name, "title_ru": path.name, "url": "",
        "licence": "as stated by the submitting body",
        "citation": f"National submission file {path.name}; each figure cites its own document.",
        "citation_ru": f"Файл национальных данных {path.name}; у каждой цифры своя ссылка на документ.",
    }
    # An optional '<file>.meta.json' beside the file describes who sent it (publisher, title, in EN and RU).
    meta = path.with_suffix(".meta.json")
    if meta.exists():
        source_row.update(json.loads(meta.read_text(encoding="utf-8")))
    files = [path, meta] if meta.exists() else [path]
    return SourceInput(source_id, batch, files, [snap], rows_read, True, source_row)


def fetched(con: duckdb.DuckDBPyConnection, module) -> SourceInput | None:
    """The newest snapshot a `python -m etl fetch` left for this source, parsed (None when none was fetched)."""
    files = module.snapshots(paths.SNAPSHOTS)
    if not files:
        return None
    path = files[-1]
    meta = snapshots.read_meta(path)
    rows = module.parse(path)
    vintage = ";".join(sorted(set(rows["vintage"]))) if len(rows) else ""
    snap = snapshots.record(path, module.SOURCE_ID, vintage, meta.get("retrieved_at", ""))
    batch = stage.add_frame(con, rows, snap["id"])
    return SourceInput(module.SOURCE_ID, batch, [path], [snap], rows.attrs.get("rows_read", len(rows)))


def collect(con: duckdb.DuckDBPyConnection) -> list[SourceInput]:
    """All inputs of a build, staged in `con`; raises InputError with every problem of every file."""
    from etl.sources import eurostat, unodc

    inputs, problems = [], []
    loaders = [lambda: bundled_minset(con)] + [lambda p=p: submission(con, p) for p in submission_files()]
    loaders += [lambda m=m: fetched(con, m) for m in (eurostat, unodc)]
    for load in loaders:
        try:
            found = load()
        except InputError as e:
            problems += e.problems
            continue
        if found is not None:
            inputs.append(found)
    if problems:
        raise InputError(problems)
    return inputs
