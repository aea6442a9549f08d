"""A share series (years, values, flags, sources) -> comparable stretches, k-year changes, a projection to 30%."""
from __future__ import annotations

import math
from dataclasses import dataclass

# Flags that say the point is not comparable with the one before it (declared by the publisher, or our check).
BREAK_FLAGS = frozenset({"break_in_series", "possible_break"})
MIN_POINTS = 3          # fewer points than this give no trend worth drawing


def flag_set(flags: str | None) -> set[str]:
    """'a;b' -> {'a', 'b'} (the warehouse joins flag codes with ';', '' = none)."""
    return {f for f in (flags or "").split(";") if f}


def break_starts(flags: list[str], sources: list[str]) -> list[bool]:
    """True where a point starts a new comparable stretch: a (possible) break, or another source than before.

    A change of source counts as a break because two publishers' figures need not share a definition.
    """
    starts = []
    for i, (f, s) in enumerate(zip(flags, sources, strict=True)):
        starts.append(i == 0 or bool(flag_set(f) & BREAK_FLAGS) or s != sources[i - 1])
    return starts


def membership_starts(members: list[set[str]], min_overlap: float = 0.5) -> list[bool]:
    """For an aggregate: True where most of the reporting States differ from the year before.

    An average of other States is not a continuation of the previous year's average (Central Asia's mean is
    Kazakhstan's figure in 2015 and Kyrgyzstan's in 2016), so the line must not join them.
    """
    starts = []
    for i, current in enumerate(members):
        previous = members[i - 1] if i else set()
        union = current | previous
        starts.append(i == 0 or not union or len(current & previous) / len(union) < min_overlap)
    return starts


def line_runs(years: list[int], starts: list[bool]) -> list[list[int]]:
    """Indexes of points a line may join: split at every break and every missing year (never bridged)."""
    runs: list[list[int]] = []
    for i, year in enumerate(years):
        if i == 0 or starts[i] or year != years[i - 1] + 1:
            runs.append([])
        runs[-1].append(i)
    return runs


def last_stretch(years: list[int], values: list[float], starts: list[bool]) -> tuple[list[int], list[float]]:
    """The points after the last break (missing years do not end a stretch: the fit copes with them)."""
    first = max((i for i, s in enumerate(starts) if s), default=0)
    return list(years[first:]), list(values[first:])


def least_squares(years: list[int], values: list[float]) -> tuple[float, float]:
    """Slope and intercept of the ordinary least-squares line value = slope * year + intercept."""
    n = len(years)
    mean_x, mean_y = sum(years) / n, sum(values) / n
    sxx = sum((x - mean_x) ** 2 for x in years)
    if sxx == 0:
        raise ValueError("least squares needs at least two different years")
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(years, values)) / sxx
    return slope, mean_y - slope * mean_x


@dataclass(frozen=True)
class Projection:
    """Where the recent trend leads. status: reached | too_few | not_on_track | beyond_horizon | projected."""

    status: str
    target: float
    n_points: int
    fit_from: int | None = None
    fit_to: int | None = None
    slope: float | None = None          # percentage points per year
    start_year: int | None = None       # the last observed point: the dashed line starts here
    start_value: float | None = None
    end_year: float | None = None       # where the dashed line ends (the target, or the horizon)
    end_value: float | None = None
    horizon: int | None = None          # the furthest year the trend is extended to
    year_reached: int | None = None     # first whole year at or above the target (projected only)

    @property
    def drawn(self) -> bool:
        return self.status in ("projected", "beyond_horizon")


def project(years: list[int], values: list[float], target: float = 30.0,
            min_points: int = MIN_POINTS, horizon: int | None = None) -> Projection:
    """Fit a line to one comparable stretch and extend it from the last point towards the target.

    The dashed line starts at the last observed value (where the country is now) and rises at the fitted
    slope (the pace of the whole stretch), so one noisy year does not tilt it. It is extended no further
    than `horizon`, by default as many years ahead as the stretch covers: a trend read from 9 years of
    figures says little about year 30.
    """
    if len(years) != len(values):
        raise ValueError("years and values differ in length")
    n = len(years)
    if n and values[-1] >= target:
        return Projection("reached", target, n, start_year=years[-1], start_value=values[-1])
    if n < min_points or len(set(years)) < 2:
        return Projection("too_few", target, n)
    slope, _ = least_squares(years, values)
    horizon = years[-1] + (years[-1] - years[0]) if horizon is None else horizon
    base = {"target": target, "n_points": n, "fit_from": years[0], "fit_to": years[-1], "slope": slope,
            "start_year": years[-1], "start_value": values[-1], "horizon": horizon}
    if slope <= 0:
        return Projection("not_on_track", **base)
    crossing = years[-1] + (target - values[-1]) / slope
    if crossing > horizon:
        return Projection("beyond_horizon", end_year=horizon,
                          end_value=values[-1] + slope * (horizon - years[-1]), **base)
    return Projection("projected", end_year=crossing, end_value=target, year_reached=math.ceil(crossing), **base)


@dataclass(frozen=True)
class Change:
    """Change over `span` years to the latest point. status: ok | no_figure | break | no_data."""

    status: str
    span: int
    end_year: int | None = None
    end_value: float | None = None
    start_year: int | None = None
    start_value: float | None = None
    break_year: int | None = None

    @property
    def delta(self) -> float | None:
        return None if self.status != "ok" else self.end_value - self.start_value


def change_over(years: list[int], values: list[float], starts: list[bool], span: int) -> Change:
    """Latest value minus the value exactly `span` years earlier, when both exist and no break lies between."""
    if not years:
        return Change("no_data", span)
    end_year, end_value = years[-1], values[-1]
    start_year = end_year - span
    known = dict(zip(years, values))
    if start_year not in known:
        return Change("no_figure", span, end_year, end_value, start_year)
    for year, starts_new in zip(years, starts):
        if start_year < year <= end_year and starts_new:
            return Change("break", span, end_year, end_value, start_year, known[start_year], break_year=year)
    return Change("ok", span, end_year, end_value, start_year, known[start_year])
