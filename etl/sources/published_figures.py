"""Figures read in public pages (shared raw published_figures.csv) -> a submission file, targets and undated figures."""
from __future__ import annotations

import csv
import io
import os
import tempfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from etl import paths, reference, tidy
from etl.countries import UnknownCountry, resolver
from etl.errors import InputError, Problem
from etl.sources import published_rules as rules
from etl.sources import submissions
from etl.sources.published_conflicts import resolve_conflicts

RAW_NAME = "published_figures.csv"
SUBMISSION_NAME = "published-figures.csv"
TARGETS_NAME = "targets.csv"
UNDATED_NAME = "undated_figures.csv"
NON_COUNTRIES = {"EU": "EU aggregate, not a country", "WLD": "world aggregate, not a country"}
TARGET_COLUMNS = ["iso3", "year", "indicator", "value", "scope", "note", "citation", "url"]
UNDATED_COLUMNS = ["iso3", "indicator", "value", "scope", "flags", "note", "citation", "url"]


@dataclass
class Outcome:
    """What became of one raw row: an observation, a target, an undated figure, or skipped (with the reason)."""

    kind: str
    line: int
    raw: dict
    figure: dict = field(default_factory=dict)
    reason: str = ""
    detail: str = ""


@dataclass
class Summary(Mapping):
    """Rows read, rows per outcome, skipped rows per reason, conflicts settled; as a mapping: {file: rows written}."""

    rows_read: int
    outcomes: Counter
    skipped: Counter
    details: list[str]
    files: dict[str, int] = field(default_factory=dict)

    def __getitem__(self, name: str) -> int:
        return self.files[name]

    def __iter__(self):
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)

    def __str__(self) -> str:
        lines = [f"{RAW_NAME}: {self.rows_read} rows read"]
        lines += [f"  {kind}: {self.outcomes[kind]}" for kind in ("observation", "target", "undated", "skipped")]
        lines += [f"    skipped, {reason}: {n}" for reason, n in sorted(self.skipped.items())]
        lines += [f"      {detail}" for detail in self.details]
        lines += [f"wrote {name}: {n} rows" for name, n in self.files.items()]
        return "\n".join(lines)


def read_raw(raw_dir: Path) -> list[tuple[int, dict]]:
    """(line number, row) for each raw row; the `quote` column is dropped here so it cannot travel further."""
    with open(Path(raw_dir) / RAW_NAME, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        rows = []
        for rec in reader:
            rec.pop("quote", None)
            rows.append((reader.line_num, {k: (v or "").strip() for k, v in rec.items()}))
    return rows


def classify(raw_dir: Path, overrides_path: Path = rules.OVERRIDES) -> list[Outcome]:
    """Every raw row's outcome, with the per-row overrides applied and same-key conflicts resolved."""
    overrides = rules.read_overrides(overrides_path)
    raw = read_raw(raw_dir)
    used = Counter()
    outcomes = [_classify(line, rec, overrides, used) for line, rec in raw]
    # An override that matches nothing is stale, one that matches several is too loose: both need a person.
    problems = [Problem(Path(overrides_path).name, i + 2, "value", f"{o.value:g}",
                        f"override must match exactly one raw row; it matches {used[o]}")
                for i, o in enumerate(overrides) if used[o] != 1]
    if problems:
        raise InputError(problems)
    return resolve_conflicts(outcomes)


def _classify(line: int, rec: dict, overrides: list, used: Counter) -> Outcome:
    if rec["iso3"] in NON_COUNTRIES:
        return Outcome("skipped", line, rec, reason=NON_COUNTRIES[rec["iso3"]])
    rule = rules.RAW_INDICATORS.get(rec["indicator"])
    if rule is None:
        raise _raw_problem(line, "indicator", rec["indicator"],
                           "no rule for this raw indicator in published_rules.py")
    try:
        year, note, why_not = rules.year_of(rec["year"], rec["note"], rule.indicator)
    except ValueError as e:
        raise _raw_problem(line, "year", rec["year"], str(e)) from e
    if why_not or rule.skip:
        return Outcome("skipped", line, rec, reason=why_not or rule.skip)
    iso3, value = _country(rec, line), _value(rec, line)
    matching = [o for o in overrides if o.matches(rec)]
    used.update(matching)
    override = matching[0] if matching else None
    scope = rules.scope_of(rule, rec["note"], override)
    if scope is None:
        raise _raw_problem(line, "note", rec["note"],
                           "the note names no base (police, MIA, National Guard); add an override")
    flags = rules.flags_of(rule, rec["note"], override, dated=year is not None)
    if {"lower_bound", "upper_bound"} <= flags:
        raise _raw_problem(line, "note", rec["note"], "both a lower and an upper bound")
    figure = {"iso3": iso3, "year": year, "indicator": rule.indicator, "value": value,
              "scope": scope, "flags": tidy.join_flags(flags), "note": note, "citation": rec["source_title"],
              "url": rec["source_url"]}
    if rule.target:
        if year is None:
            return Outcome("skipped", line, rec, reason="policy target without a target year")
        return Outcome("target", line, rec, figure)
    return Outcome("undated" if year is None else "observation", line, rec, figure)


def _raw_problem(line: int, column: str, value: str, rule: str) -> InputError:
    return InputError([Problem(RAW_NAME, line, column, value, rule)])


def _country(rec: dict, line: int) -> str:
    try:
        return resolver().resolve(rec["iso3"])
    except UnknownCountry as e:
        raise _raw_problem(line, "iso3", rec["iso3"], str(e)) from e


def _value(rec: dict, line: int) -> float:
    try:
        return float(rec["value"])
    except ValueError as e:
        raise _raw_problem(line, "value", rec["value"], "not a number") from e


def bundle(raw_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(rows in the submission format, policy targets, undated figures), each sorted deterministically."""
    return frames(classify(raw_dir))


def frames(outcomes: list[Outcome]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Outcomes -> the three tables, sorted on the numbers, values then written as printed ('16000', '16.38')."""
    units = {code: row["unit"] for code, row in reference.indicators().items()}
    figures = {kind: [o.figure for o in outcomes if o.kind == kind] for kind in ("observation", "target", "undated")}
    rows = [{"country": f["iso3"], "year": f["year"], "indicator": f["indicator"], "value": f["value"],
             "unit": units[f["indicator"]], "scope": f["scope"], "flags": f["flags"], "source_title": f["citation"],
             "source_url": f["url"], "note": f["note"]} for f in figures["observation"]]
    subs = pd.DataFrame(rows, columns=submissions.COLUMNS).sort_values(
        ["country", "year", "indicator", "scope", "flags", "value"], ignore_index=True)
    targets = pd.DataFrame(figures["target"], columns=TARGET_COLUMNS).sort_values(
        ["iso3", "year", "indicator", "scope", "value"], ignore_index=True)
    undated = pd.DataFrame(figures["undated"], columns=UNDATED_COLUMNS).sort_values(
        ["iso3", "indicator", "scope", "value", "flags", "citation"], ignore_index=True)
    return tuple(df.assign(value=df["value"].map(_number)) for df in (subs, targets, undated))


def _number(value: float) -> str:
    """16000.0 -> '16000', 16.38 -> '16.38': as printed, without float noise."""
    value = tidy.clean_float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def summarize(outcomes: list[Outcome]) -> Summary:
    return Summary(len(outcomes), Counter(o.kind for o in outcomes),
                   Counter(o.reason for o in outcomes if o.kind == "skipped"),
                   [o.detail for o in outcomes if o.detail])


def write_bundle(raw_dir: Path, submissions_dir: Path, bundled_dir: Path) -> Summary:
    """Writes the submission file, targets.csv and undated_figures.csv (all or none: the submission file must
    pass submissions.validate() first); returns the summary, which maps each file written to its rows."""
    outcomes = classify(raw_dir)
    subs, targets, undated = frames(outcomes)
    problems = _submission_problems(subs) + _code_problems(targets, TARGETS_NAME) \
        + _code_problems(undated, UNDATED_NAME)
    if problems:
        raise InputError(problems)
    summary = summarize(outcomes)
    for path, df in ((Path(submissions_dir) / SUBMISSION_NAME, subs), (Path(bundled_dir) / TARGETS_NAME, targets),
                     (Path(bundled_dir) / UNDATED_NAME, undated)):
        _replace(path, df)
        summary.files[path.name] = len(df)
    return summary


def _csv_text(df: pd.DataFrame) -> str:
    out = io.StringIO()
    df.to_csv(out, index=False, lineterminator="\n")
    return out.getvalue()


def _submission_problems(subs: pd.DataFrame) -> list[Problem]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / SUBMISSION_NAME
        path.write_text(_csv_text(subs), encoding="utf-8")
        return submissions.validate(path)


def _code_problems(df: pd.DataFrame, name: str) -> list[Problem]:
    """Targets and undated figures skip submissions.read(), so their codes are checked here."""
    allowed = {"indicator": reference.indicators(), "scope": reference.scopes(), "flags": reference.flags()}
    out = []
    for i, rec in enumerate(df.to_dict("records"), start=2):
        for column, table in allowed.items():
            codes = tidy.split_flags(rec.get(column, "")) if column == "flags" else [rec[column]]
            out += [Problem(name, i, column, code, "unknown code") for code in codes if code not in table]
    return out


def _replace(path: Path, df: pd.DataFrame) -> None:
    """Write next to the target, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    part.write_text(_csv_text(df), encoding="utf-8")
    os.replace(part, path)


def main() -> int:
    """`python -m etl.sources.published_figures`: regenerate the offline bundle from ../shared and print the summary."""
    print(write_bundle(paths.SHARED_RAW, paths.SUBMISSIONS, paths.BUNDLED))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
