"""`python -m etl build | fetch SOURCE | validate FILE | template [DIR] | sources | status | bundle`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb
from rich.console import Console
from rich.table import Table

from etl import paths
from etl.errors import FetchError, InputError

# soft_wrap: one problem per line even when the output is a file or a pipe (rich wraps at 80 otherwise).
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def cmd_build(args) -> int:
    from etl.build import build

    with out.status("building…") as status:
        report = build(on_step=lambda step: status.update(f"build: {step}…"))
    table = Table(title=f"Build {report.build_id} → {report.path}")
    for col in ("source", "read", "loaded", "rejected"):
        table.add_column(col, justify="left" if col == "source" else "right")
    for r in report.per_source.itertuples():
        table.add_row(r.source_id, str(r.rows_read), str(r.rows_loaded), str(r.rows_rejected))
    out.print(table)
    out.print(f"countries with data: {report.countries}; years {report.years[0]}–{report.years[1]}")
    if report.changes is None:
        out.print("changes since the previous build: none (first build)")
    elif not len(report.changes) or not report.changes[["added", "removed", "changed"]].to_numpy().any():
        out.print("changes since the previous build: none")
    else:
        for r in report.changes.itertuples():
            out.print(f"changes in {r.source_id}: +{r.added} added, −{r.removed} removed, {r.changed} changed")
    return 0


def cmd_fetch(args) -> int:
    from etl.sources import eurostat, unodc

    module = {"eurostat": eurostat, "unodc": unodc}[args.source]
    path = module.fetch(paths.SNAPSHOTS)
    out.print(f"saved {path}; run `python -m etl build` to load it")
    return 0


def cmd_validate(args) -> int:
    from etl.sources import submissions

    problems = submissions.validate(Path(args.file))
    for p in problems:
        out.print(str(p), markup=False, highlight=False)
    if problems:
        err.print(f"{len(problems)} problem(s) in {args.file}; nothing was loaded")
        return 1
    out.print(f"{args.file}: no problems found")
    return 0


def cmd_template(args) -> int:
    from etl.sources import submissions

    for path in submissions.write_template(Path(args.dir)):
        out.print(f"wrote {path}")
    return 0


def cmd_sources(args) -> int:
    from etl import reference

    table = Table(title="Sources (lower precedence wins)")
    for col in ("id", "precedence", "publisher", "licence"):
        table.add_column(col)
    for s in reference.sources().values():
        table.add_row(s["id"], s["precedence"], s["publisher"], s["licence"])
    out.print(table)
    out.print("plus one source per national submission file in data/submissions/ (precedence 4)")
    return 0


def cmd_status(args) -> int:
    path = paths.warehouse_path()
    if not path.exists():
        err.print(f"no warehouse at {path}: run `python -m etl build`")
        return 1
    con = duckdb.connect(str(path), read_only=True)
    try:
        build_id, built_at, release = con.execute("SELECT build_id, built_at, release FROM build").fetchone()
        out.print(f"{path}: build {build_id}, built {built_at:%Y-%m-%d %H:%M} UTC, release {release}")
        rows = con.execute("SELECT source_id, rows_loaded FROM etl_run ORDER BY source_id").fetchall()
    finally:
        con.close()
    for source_id, n in rows:
        out.print(f"  {source_id}: {n} observations")
    return 0


def cmd_bundle(args) -> int:
    from etl import bundle

    for name, n in bundle.write().items():
        out.print(f"wrote {name}: {n} rows")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="build the warehouse from bundled data, submissions and fetched snapshots")
    f = sub.add_parser("fetch", help="download a source's newest release into data/snapshots/")
    f.add_argument("source", choices=["eurostat", "unodc"])
    v = sub.add_parser("validate", help="check one national submission file without loading it")
    v.add_argument("file")
    t = sub.add_parser("template", help="write the blank national submission template (CSV and XLSX)")
    t.add_argument("dir", nargs="?", default=str(paths.DATA / "template"))
    sub.add_parser("sources", help="list the sources and their precedence")
    sub.add_parser("status", help="show what the live warehouse holds")
    sub.add_parser("bundle", help="regenerate data/bundled and the published-figures submission from ../shared")
    return p


COMMANDS = {"build": cmd_build, "fetch": cmd_fetch, "validate": cmd_validate, "template": cmd_template,
            "sources": cmd_sources, "status": cmd_status, "bundle": cmd_bundle}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except InputError as e:
        for p in e.problems:
            err.print(str(p), markup=False, highlight=False)
        err.print(f"{len(e.problems)} problem(s); nothing was changed", markup=False)
        return 1
    except (FetchError, FileNotFoundError) as e:
        err.print(f"error: {e}; nothing was changed", markup=False)
        return 1
