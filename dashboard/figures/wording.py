"""Share values, gaps, bounds, projections and points -> the words that charts, hovers and tables use (per language)."""
from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import lru_cache

from dashboard import projection
from dashboard.i18n import number, percent, t

# Flags that describe precision or method rather than a doubt about the figure: no special marker for them.
QUIET_FLAGS = frozenset({"rounded", "computed"})


@dataclass(frozen=True)
class Context:
    """What every label needs: the language, the scope's label, flag labels and source names in that language."""

    lang: str
    scope_label: str
    flag_labels: dict[str, str]
    source_names: dict[str, str]

    def notable(self, flags: str) -> bool:
        return bool(projection.flag_set(flags) - QUIET_FLAGS)

    def flags_text(self, flags: str) -> str:
        return ", ".join(self.flag_labels.get(f, f) for f in sorted(projection.flag_set(flags)))

    def source_text(self, source_id: str, vintage: str) -> str:
        name = self.source_names.get(source_id, source_id)
        return t("trends.source_release", self.lang, source=name, vintage=vintage) if vintage else name

    def sources_text(self, source_ids) -> str:
        """'A; B' for the line under a chart: every source drawn, named in the language, once each."""
        return "; ".join(self.source_names.get(s, s) for s in sorted(set(source_ids)) if s) or "—"

    def for_scope(self, scope_label: str) -> Context:
        return Context(self.lang, scope_label, self.flag_labels, self.source_names)


@lru_cache(maxsize=4096)   # the same legend names and source lines come back on every call
def wrapped(text: str, width: int) -> str:
    """Text broken into lines of at most `width` characters with <br> (plotly annotations do not wrap)."""
    return "<br>".join(textwrap.wrap(text, width))


def _decimals(value: float) -> int:
    """Whole numbers stay whole (most sources publish whole percentages); others get one decimal."""
    return 0 if abs(value - round(value)) < 1e-9 else 1


def share_text(value: float, lang: str) -> str:
    return percent(value, lang, _decimals(round(value, 1)))


def points_text(value: float, lang: str) -> str:
    return number(value, lang, _decimals(round(value, 1)))


def gap_text(value: float, ref: float, lang: str) -> str:
    """'9 points below 30%' / '4 points above 30%' / 'at 30%' (rounded to one decimal first)."""
    gap = round(ref - value, 1)
    if gap == 0:
        return t("trends.gap_at", lang, ref=share_text(ref, lang))
    key = "trends.gap_below" if gap > 0 else "trends.gap_above"
    return t(key, lang, gap=points_text(abs(gap), lang), ref=share_text(ref, lang))


def slope_text(slope: float, lang: str) -> str:
    """A signed change in points: '+0.4', '−1.2' (a true minus sign), '0'."""
    text = points_text(abs(slope), lang)
    return ("+" if slope > 0 else "\u2212" if slope < 0 else "") + text


def value_text(point: dict, lang: str) -> str:
    """The value, said as a bound when the source gave one ('at least 12%')."""
    text = share_text(point["value"], lang)
    return t(f"trends.bound_{point['bound']}", lang, value=text) if point["bound"] else text


def point_hover(name: str, point: dict, ctx: Context, note: str = "") -> str:
    """Hover text of one point: series, year and value, scope, source or coverage, flags, and a closing note."""
    parts = [f"<b>{name}</b>", f"{point['year']}: {value_text(point, ctx.lang)}",
             t("trends.hover_scope", ctx.lang, scope=ctx.scope_label)]
    if "n" in point:
        parts.append(t(point["coverage_key"], ctx.lang, n=point["n"], total=point["n_of"]))
    else:
        parts.append(t("trends.hover_source", ctx.lang, source=ctx.source_text(point["source_id"], point["vintage"])))
    if point["flags"]:
        parts.append(t("trends.hover_flags", ctx.lang, flags=ctx.flags_text(point["flags"])))
    return "<br>".join(parts + ([note] if note else []))


def projection_text(proj: projection.Projection, lang: str) -> str:
    """The projection in words: reached / too few points / not on track / the year 30% is reached."""
    values = {"target": share_text(proj.target, lang), "n": proj.n_points, "min": projection.MIN_POINTS,
              "start": proj.fit_from, "end": proj.fit_to, "year": proj.year_reached, "horizon": proj.horizon,
              "slope": slope_text(proj.slope, lang) if proj.slope is not None else ""}
    return t(f"trends.proj_{proj.status}", lang, **values)
