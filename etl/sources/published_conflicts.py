"""Published figures that meet on one observation key -> kept, moved aside with the reason, or refused."""
from __future__ import annotations

from collections import defaultdict

from etl import reference, tidy
from etl.errors import InputError, Problem

# All published figures load as one source, so two rows with the same country, year, indicator, scope and
# bound would collide in the warehouse, and the share view replaces a printed share by the one computed from
# the women and total counts of the same key. Both cases are settled here, in the open.

# A printed share is rounded; more than half a point away from its own counts it is a different figure.
TOLERANCE = 0.5
SHARE_DISAGREES = "printed share disagrees with the counts for the same country, year and scope"


def _bound(flags: str) -> str:
    parts = tidy.split_flags(flags)
    return "lower" if "lower_bound" in parts else "upper" if "upper_bound" in parts else ""


def _key(figure: dict) -> tuple:
    return figure["iso3"], figure["year"], figure["indicator"], figure["scope"], _bound(figure["flags"])


def resolve_conflicts(outcomes: list) -> list:
    """Refuses two observations on one key; moves a share that its own counts contradict to 'skipped'."""
    observations = [o for o in outcomes if o.kind == "observation"]
    _refuse_shared_keys(observations)
    _skip_contradicted_shares(observations)
    return outcomes


def _refuse_shared_keys(observations: list) -> None:
    """No rule can tell which of two figures for one key is right: a person must, with an override."""
    seen, problems = {}, []
    for o in observations:
        first = seen.setdefault(_key(o.figure), o)
        if first is not o:
            problems.append(Problem("published_figures.csv", o.line, "value", o.raw["value"],
                                    f"same country, year, indicator, scope and bound as row {first.line}; "
                                    "add an override (scope or flags) that tells them apart"))
    if problems:
        raise InputError(problems)


def _skip_contradicted_shares(observations: list) -> None:
    """Exact counts are more specific than a printed share: the share goes, the counts carry the warning."""
    roles = {code: (row["grp"], row["role"]) for code, row in reference.indicators().items()}
    parts = defaultdict(dict)
    for o in observations:
        grp, role = roles[o.figure["indicator"]]
        if role in ("women", "total") and not _bound(o.figure["flags"]):
            parts[(o.figure["iso3"], o.figure["year"], o.figure["scope"], grp)][role] = o
    for o in observations:
        grp, role = roles[o.figure["indicator"]]
        pair = parts.get((o.figure["iso3"], o.figure["year"], o.figure["scope"], grp), {})
        if role != "share" or _bound(o.figure["flags"]) or len(pair) != 2 or not pair["total"].figure["value"]:
            continue
        computed = 100 * pair["women"].figure["value"] / pair["total"].figure["value"]
        if abs(o.figure["value"] - computed) > TOLERANCE:
            _move_aside(o, pair, computed)


def _move_aside(share, pair: dict, computed: float) -> None:
    printed = f"{share.figure['value']:g} %"
    share.kind, share.reason = "skipped", SHARE_DISAGREES
    share.detail = (f"{share.raw['iso3']} {share.figure['year']} {share.figure['indicator']}: printed {printed}, "
                    f"counts give {pair['women'].figure['value']:g} / {pair['total'].figure['value']:g} "
                    f"= {computed:.1f} %")
    for count in pair.values():
        figure = count.figure
        figure["flags"] = tidy.join_flags(tidy.split_flags(figure["flags"]) + ["inconsistent"])
        figure["note"] = (f"{figure['note']}; the same source prints a share of {printed}, "
                          f"which these counts do not give ({computed:.1f} %)")
