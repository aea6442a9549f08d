"""Size (rows) -> a SYNTHETIC warehouse in a temp folder: the real schema and views, observations generated in DuckDB.

Everything generated is marked: build.release = 'SYNTHETIC', source ids 'synthetic_*', entity codes 'X00001'...,
origins 'synthetic:<cell>:<slot>'. The file is written under the temp folder only; the default warehouse
(data/warehouse.duckdb or POLICE_DB) is refused as a target. Observations come from generate_series in SQL,
never through CSV or pandas, so 10 million rows fit in a few minutes and a few GB on two cores.

Run: `.venv/bin/python -m bench.synthetic --rows 1000000 [--out PATH]` (prints the path and the row count).
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from etl import load, paths

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"10k": 10_000, "1m": 1_000_000, "10m": 10_000_000}
REAL_GROUPS = ["all", "entry", "supervisory", "senior", "recruits"]
ROWS_PER_CELL = 1.9  # mean rows a kept cell emits (see OBSERVATIONS): used to size the sample
MAIN_KEEP = 0.25     # headline cells kept: most States then have the headline figure most years, per source
# One cell = entity x year x group x scope x source x vintage; its slots are the indicators it reports:
# 0 women, 1 total, 2 reported share, 3 rate per 100k ('all' only), 4 three-year average ('all' only).
# A cell reports counts (40 %), a share (40 %) or both (20 %): computed shares and reported ones both occur.
OBSERVATIONS = """
INSERT INTO observation
WITH cells AS (
    SELECT i AS cell, i % $e AS e, (i // $e) % $y AS y, (i // ($e * $y)) % $g AS g,
           (i // ($e * $y * $g)) % $sc AS sc, (i // ($e * $y * $g * $sc)) % $so AS so,
           i // ($e * $y * $g * $sc * $so) AS v, hash(i, 'cell') % 100 AS pattern
    FROM generate_series(0, $cells - 1) t(i)
    WHERE hash(i, 'keep') % 100000 < CASE WHEN i // $e % ($y * $g * $sc) < $y THEN $keep_main ELSE $keep END
),
slots AS (
    SELECT c.*, s.slot FROM cells c, (VALUES (0), (1), (2), (3), (4)) s(slot)
    WHERE (s.slot IN (0, 1) AND c.pattern < 60) OR (s.slot = 2 AND c.pattern >= 40)
       OR (s.slot = 3 AND c.g = 0 AND c.pattern % 5 = 0) OR (s.slot = 4 AND c.g = 0 AND c.pattern % 7 = 0)
),
picked AS (SELECT * FROM slots ORDER BY cell, slot LIMIT $rows),
valued AS (
    SELECT p.*, ent.iso3, grp.grp, scp.code AS scope, 'synthetic_' || (p.so + 1) AS source_id,
           CAST(2017 + 2 * p.v AS VARCHAR) AS vintage, $y0 + p.y AS year,
           500 + hash(p.e, p.g, p.sc, 'total') % 80000 AS total,
           least(95.0, 4 + hash(p.e, p.sc, 'level') % 2500 / 100.0 + p.y * 0.2
                       + hash(p.cell, 'noise') % 300 / 100.0 + 0.3 * p.v) AS share,
           hash(p.cell, p.slot, 'flag') % 1000 AS flag_draw
    FROM picked p
    JOIN syn_entity ent ON ent.n = p.e
    JOIN syn_group grp ON grp.n = p.g
    JOIN syn_scope scp ON scp.n = p.sc
)
SELECT iso3, year,
       CASE slot WHEN 0 THEN ind_women WHEN 1 THEN ind_total WHEN 2 THEN ind_share
                 WHEN 3 THEN 'police_per_100k' ELSE 'share_women_police_avg3' END AS indicator,
       CASE slot WHEN 0 THEN round(total * share / 100) WHEN 1 THEN total WHEN 3 THEN 150 + flag_draw % 350
                 ELSE round(share, 1) END AS value,
       scope,
       CASE WHEN slot = 2 AND flag_draw < 5 THEN 'lower_bound' WHEN flag_draw < 50 THEN 'estimated'
            WHEN flag_draw < 70 THEN 'provisional' WHEN flag_draw < 80 THEN 'break_in_series' ELSE '' END AS flags,
       CASE WHEN slot = 2 AND flag_draw < 5 THEN 'lower' ELSE '' END AS bound,
       '' AS note, source_id, vintage, '' AS citation, '' AS url, 'synthetic_snapshot_' || (so + 1) AS snapshot_id,
       'synthetic:' || cell || ':' || slot AS origin
FROM valued JOIN syn_group_ind gi ON gi.grp = valued.grp
ORDER BY iso3, year, indicator, scope, source_id, vintage, bound
"""


@dataclass(frozen=True)
class Shape:
    """How many of each dimension a size has: more entities, years, groups, scopes, sources and releases."""
    rows: int
    entities: int      # the 57 participating States plus synthetic non-OSCE entities 'X00001'...
    years: int         # ending in 2025
    groups: int        # indicator groups (women, total, share each): the 5 real ones, then synthetic ones
    scopes: int        # the 6 real scopes, then synthetic ones
    sources: int
    vintages: int

    @property
    def cells(self) -> int:
        return self.entities * self.years * self.groups * self.scopes * self.sources * self.vintages

    @property
    def main_cells(self) -> int:
        """Cells of the headline series (group 'all', scope police_officers): kept more often, as in real data."""
        return self.entities * self.years * self.sources * self.vintages

    def keep(self) -> tuple[int, int]:
        """Per 100 000: the share of headline cells and of other cells kept, so the rows come out just above
        `rows` (then cut exactly)."""
        needed = 1.08 * self.rows / ROWS_PER_CELL
        if needed >= MAIN_KEEP * self.cells:
            uniform = min(100_000, int(100_000 * needed / self.cells) + 1)
            return uniform, uniform
        rest = (needed - MAIN_KEEP * self.main_cells) / (self.cells - self.main_cells)
        return int(100_000 * MAIN_KEEP), int(100_000 * rest) + 1


def shape(rows: int) -> Shape:
    """Growth in entities (as a warehouse of every police force, or of sub-national units, would grow): each
    State holds about a thousand values at every size, and the warehouse grows around it."""
    if rows <= 100_000:
        return Shape(rows, 60, 20, 2, 2, 2, 1)
    if rows <= 2_000_000:
        return Shape(rows, 1_000, 46, 8, 8, 4, 2)
    return Shape(rows, 10_000, 46, 8, 8, 4, 2)


def entity_rows(n: int) -> pd.DataFrame:
    """The 57 participating States (real reference data) then synthetic entities X00001, X00002, ... (not OSCE)."""
    osce = load.country_rows(set())
    codes = (f"X{n:05d}" for n in itertools.count(1))
    extra = [{"iso3": code, "iso2": "XX", "m49": None, "eurostat_geo": None,
              "name_en": f"SYNTHETIC entity {code}", "name_ru": f"СИНТЕТИЧЕСКАЯ территория {code}", "region": None,
              "un_subregion": None, "osce_participating": False, "is_central_asia": False, "eu_member": False}
             for code in itertools.islice(codes, max(0, n - len(osce)))]
    return pd.concat([osce, pd.DataFrame(extra, columns=osce.columns)], ignore_index=True)


def indicator_rows(groups: int) -> pd.DataFrame:
    real = load.reference_tables()["indicator"]
    extra = []
    for k in range(1, groups - len(REAL_GROUPS) + 1):
        for n, (role, unit) in enumerate((("share", "percent"), ("women", "persons"), ("total", "persons"))):
            extra.append({"code": f"synthetic_{role}_{k}", "unit": unit, "grp": f"synthetic_{k}", "role": role,
                          "label_en": f"SYNTHETIC indicator {k} ({role})",
                          "label_ru": f"СИНТЕТИЧЕСКИЙ показатель {k} ({role})",
                          "definition_en": "Generated for benchmarks: not a real figure.",
                          "definition_ru": "Создано для замеров: не реальные данные.", "sort": 100 + 3 * k + n})
    return pd.concat([real, pd.DataFrame(extra, columns=real.columns)], ignore_index=True)


def scope_rows(scopes: int) -> pd.DataFrame:
    real = load.reference_tables()["scope"].sort_values("sort", ignore_index=True)
    extra = [{"code": f"synthetic_scope_{k}", "label_en": f"SYNTHETIC scope {k}", "label_ru": f"СИНТЕТИЧЕСКИЙ охват {k}",
              "definition_en": "Generated for benchmarks.", "definition_ru": "Создано для замеров.", "sort": 100 + k}
             for k in range(1, scopes - len(real) + 1)]
    return pd.concat([real, pd.DataFrame(extra, columns=real.columns)], ignore_index=True)


def source_rows(sources: int) -> pd.DataFrame:
    return pd.DataFrame([{
        "id": f"synthetic_{k}", "precedence": k, "kind": "international" if k % 2 else "national",
        "publisher": f"SYNTHETIC publisher {k}", "publisher_ru": f"СИНТЕТИЧЕСКИЙ издатель {k}",
        "title": "SYNTHETIC benchmark data (not real figures)", "title_ru": "СИНТЕТИЧЕСКИЕ данные для замеров",
        "url": None, "licence": None, "citation": "Generated by bench/synthetic.py", "citation_ru": "bench/synthetic.py",
    } for k in range(1, sources + 1)])


def build_id(s: Shape) -> str:
    """Different shape or different schema/views/generator -> different id (caches key on it)."""
    h = hashlib.sha256(repr(s).encode())
    for path in sorted(load.ETL_DIR.rglob("*.sql")) + [Path(__file__)]:
        h.update(path.read_bytes())
    return "synthetic-" + h.hexdigest()[:12]


def tables(s: Shape) -> dict[str, pd.DataFrame]:
    ref = load.reference_tables()
    sources = source_rows(s.sources)
    return {
        "region": ref["region"], "indicator": indicator_rows(s.groups), "scope": scope_rows(s.scopes),
        "flag": ref["flag"], "country": entity_rows(s.entities), "source": sources,
        "snapshot": pd.DataFrame({"id": [f"synthetic_snapshot_{k}" for k in range(1, s.sources + 1)],
                                  "source_id": sources["id"], "path": "generated", "sha256": "",
                                  "bytes": 0, "retrieved_at": None, "vintage": ""}),
        "build": pd.DataFrame([{"build_id": build_id(s), "built_at": pd.Timestamp.now(tz="UTC").tz_localize(None),
                                "git_commit": None, "release": "SYNTHETIC"}]),
    }


def dimensions(con, s: Shape, frames: dict[str, pd.DataFrame]) -> None:
    """Small numbered lookup tables the generator joins to (dropped before the views are made)."""
    ind = frames["indicator"]
    groups = REAL_GROUPS + [f"synthetic_{k}" for k in range(1, s.groups - len(REAL_GROUPS) + 1)]
    by_role = ind[ind["role"].isin(["women", "total", "share"])].pivot(index="grp", columns="role", values="code")
    con.register("g", pd.DataFrame({"n": range(len(groups)), "grp": groups}))
    con.register("gi", by_role.rename(columns=lambda r: f"ind_{r}").reset_index())
    con.register("e", frames["country"][["iso3"]].reset_index(names="n"))
    con.register("sc", frames["scope"][["code"]].reset_index(names="n"))
    for name, view in (("syn_group", "g"), ("syn_group_ind", "gi"), ("syn_entity", "e"), ("syn_scope", "sc")):
        con.execute(f"CREATE TEMP TABLE {name} AS SELECT * FROM {view}")  # names are ours, not input


def refuse_live(out: Path) -> None:
    live = {paths.warehouse_path().resolve(), (paths.DATA / "warehouse.duckdb").resolve()}
    if out.resolve() in live or paths.DATA.resolve() in out.resolve().parents:
        raise SystemExit(f"refusing to write synthetic data to {out}: only temp paths are allowed")


def default_path(rows: int) -> Path:
    return Path(tempfile.gettempdir()) / "women-police-synthetic" / f"warehouse-{rows}.duckdb"


def generate(rows: int, out: Path | None = None) -> Path:
    """Write a SYNTHETIC warehouse of exactly `rows` observations (the same schema, views and checks)."""
    s = shape(rows)
    out = Path(out or default_path(rows))
    refuse_live(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    frames = tables(s)
    con = duckdb.connect(str(out))
    try:
        con.execute((load.ETL_DIR / "schema.sql").read_text(encoding="utf-8"))
        for table, df in frames.items():
            load._insert(con, table, df)
        dimensions(con, s, frames)
        keep_main, keep = s.keep()
        params = {"e": s.entities, "y": s.years, "g": s.groups, "sc": s.scopes, "so": s.sources, "cells": s.cells,
                  "keep_main": keep_main, "keep": keep, "rows": rows, "y0": 2025 - s.years + 1}
        con.execute(OBSERVATIONS, params)
        con.execute("INSERT INTO etl_run SELECT (SELECT build_id FROM build), source_id, now(), now(), NULL, "
                    "count(*), count(*), 0 FROM observation GROUP BY source_id")
        violations = con.execute((load.ETL_DIR / "integrity.sql").read_text(encoding="utf-8")).fetchall()
        if violations:
            raise load.IntegrityError(str(violations))
        for view in sorted((load.ETL_DIR / "views").glob("*.sql")):
            con.execute(view.read_text(encoding="utf-8"))
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=SIZES["1m"], help="observations to generate (exact)")
    parser.add_argument("--out", type=Path, help="target file (default: under the temp folder)")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    out = generate(args.rows, args.out)
    with duckdb.connect(str(out), read_only=True) as con:
        n = con.execute("SELECT count(*) FROM observation").fetchone()[0]
    print(f"{out}  {n} observations  {out.stat().st_size / 1e6:.0f} MB  {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
