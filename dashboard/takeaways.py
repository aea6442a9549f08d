"""Query results (DataFrames) -> the one-line takeaway of a slide, in English or Russian, true for the data served."""
from __future__ import annotations

import math

import pandas as pd

from dashboard.i18n import number, percent, t

TARGET = 30.0
# "view" = the page's own chart summary; the others are the default deck's story, each read from the warehouse.
NAMES = ("view", "osce_standing", "reach_30", "ca_neighbours", "trend_30", "gaps")


def share(value: float, lang: str) -> str:
    """Whole percents stay whole (most sources publish whole numbers): never more precision than the source."""
    value = round(float(value), 1)
    return percent(value, lang, 0 if value.is_integer() else 1)


def points(value: float, lang: str) -> str:
    value = round(abs(float(value)), 1)
    return number(value, lang, 0 if value.is_integer() else 1)


def names(frame: pd.DataFrame, lang: str) -> str:
    return ", ".join(frame[f"name_{lang}"]) if len(frame) else t("present.nobody", lang)


def gap(value: float, lang: str) -> str:
    """'8 points below 30%' / 'at 30%' / '4 points above 30%'."""
    diff = round(TARGET - float(value), 1)
    if diff == 0:
        return t("present.gap_at", lang, target=share(TARGET, lang))
    key = "present.gap_below" if diff > 0 else "present.gap_above"
    return t(key, lang, points=points(diff, lang), target=share(TARGET, lang))


def best_covered(aggregate: pd.DataFrame) -> pd.DataFrame:
    """Years in which at least half the members report (the charts draw those means with filled markers);
    if no year has that many, the years with at least half as many as the best-covered year."""
    if aggregate.empty:
        return aggregate
    enough = 2 * aggregate["n_reporting"] >= aggregate["n_members"]
    if not enough.any():
        enough = aggregate["n_reporting"] >= math.ceil(aggregate["n_reporting"].max() / 2)
    return aggregate[enough].sort_values("year")


def osce_standing(year: int, scope: str, aggregate: pd.DataFrame, states: pd.DataFrame, lang: str) -> str:
    """Who reports in the map's year, the OSCE mean, and which Central Asian States report."""
    row = aggregate[(aggregate["region"] == "osce") & (aggregate["year"] == year)]
    ca = states[states["is_central_asia"]]
    reporting, missing = ca[ca["value"].notna()], ca[ca["value"].isna()]
    if row.empty:
        return t("present.standing_none", lang, year=year, scope=scope)
    row = row.iloc[0]
    return t("present.standing", lang, year=year, scope=scope, n=int(row["n_reporting"]),
             total=int(row["n_members"]), mean=share(row["mean_share"], lang),
             reporting=names(reporting, lang), missing=names(missing, lang))


def reach_30(year: int, scope: str, states: pd.DataFrame, lang: str) -> str:
    """How many reporting States reach 30 %, and each Central Asian figure (or its absence)."""
    rows = states[states["value"].notna()]
    if rows.empty:
        return t("present.reach_none", lang, year=year, scope=scope)
    ca = states[states["is_central_asia"]]
    figures = [f"{r[f'name_{lang}']} {share(r['value'], lang)}" for _, r in ca[ca["value"].notna()].iterrows()]
    absent = ca[ca["value"].isna()]
    central = "; ".join(filter(None, [", ".join(figures),
                                      t("present.no_figure_from", lang, names=names(absent, lang)) if len(absent) else ""]))
    return t("present.reach", lang, year=year, scope=scope, k=int((rows["value"] >= TARGET).sum()), n=len(rows),
             target=share(TARGET, lang), central=central)


def ca_neighbours(scope: str, latest: pd.DataFrame, countries: list[str], lang: str) -> str:
    """The latest figure of each State on the slide, with its year, and how many reach 30 %."""
    rows = latest.set_index("iso3")
    shown = [iso3 for iso3 in countries if iso3 in rows.index]
    if not shown:
        return t("present.neighbours_none", lang, scope=scope)
    clauses = [t("present.latest_clause", lang, name=rows.loc[i, f"name_{lang}"], value=share(rows.loc[i, "value"], lang),
                 year=int(rows.loc[i, "year"])) for i in shown]
    k = int(sum(rows.loc[i, "value"] >= TARGET for i in shown))
    verdict = (t("present.none_reach", lang, target=share(TARGET, lang)) if k == 0 else
               t("present.some_reach", lang, k=k, n=len(shown), target=share(TARGET, lang)))
    return t("present.neighbours", lang, scope=scope, clauses=", ".join(clauses), verdict=verdict)


def trend_30(scope: str, aggregate: pd.DataFrame, lang: str) -> str:
    """The OSCE mean at the start and end of its best-covered years, with coverage, against 30 %."""
    osce = best_covered(aggregate[aggregate["region"] == "osce"])
    if osce.empty:
        return t("present.trend_none", lang, scope=scope)
    first, last = osce.iloc[0], osce.iloc[-1]
    return t("present.trend", lang, scope=scope, y0=int(first["year"]), v0=share(first["mean_share"], lang),
             n0=int(first["n_reporting"]), y1=int(last["year"]), v1=share(last["mean_share"], lang),
             n1=int(last["n_reporting"]), total=int(last["n_members"]), gap=gap(last["mean_share"], lang))


def gaps(states: pd.DataFrame, since: int | None, lang: str) -> str:
    """States that never published a dated figure (Central Asia named), and how few have a recent one."""
    never = states[states["latest_year"].isna()]
    ca_never = never[never["is_central_asia"]]
    undated = ca_never[ca_never["n_undated"] > 0]
    text = t("present.gaps", lang, never=len(never), total=len(states), central=names(ca_never, lang))
    if len(undated):
        text += " " + t("present.gaps_undated", lang, names=names(undated, lang))
    if since is not None:
        recent = int((states["latest_year"] >= since).sum())
        text += " " + t("present.gaps_recent", lang, n=recent, total=len(states), year=since)
    return text
