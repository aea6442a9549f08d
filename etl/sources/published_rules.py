"""A published figure's raw indicator and note wording -> our indicator, scope and flag codes (small, tested rules)."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from etl import paths

OVERRIDES = paths.REFERENCE / "published_figures_overrides.csv"
FROM_NOTE = "from_note"  # the scope is read from the note (leadership posts, recruits: the base varies)
# Admissions to a police academy are not recruits to the service: we have no indicator for them.
ADMISSIONS = "academy admissions (no indicator of ours)"


@dataclass(frozen=True)
class Rule:
    """What a raw indicator becomes: indicator code, scope, flags, whether a target, or why it is skipped."""

    indicator: str
    scope: str
    flags: tuple[str, ...] = ()
    target: bool = False
    skip: str = ""


RAW_INDICATORS = {
    "share_women_police_pct": Rule("share_women_police", "police_officers"),
    "share_women_police_pct_3yr_avg": Rule("share_women_police_avg3", "police_officers"),
    "share_women_police_pct_upper_bound": Rule("share_women_police", "police_officers", ("upper_bound",)),
    "share_women_police_pct_lower_bound": Rule("share_women_police", "police_officers", ("lower_bound",)),
    "share_women_police_pct_range_low": Rule("share_women_police", "police_officers", ("lower_bound",)),
    "share_women_police_pct_range_high": Rule("share_women_police", "police_officers", ("upper_bound",)),
    "share_women_police_service_staff_pct": Rule("share_women_police", "police_service_staff"),
    "share_women_police_service_staff_pct_lower_bound":
        Rule("share_women_police", "police_service_staff", ("lower_bound",)),
    "share_women_mia_staff_pct": Rule("share_women_police", "interior_ministry_staff"),
    "share_women_mia_staff_pct_range_low": Rule("share_women_police", "interior_ministry_staff", ("lower_bound",)),
    "share_women_mia_staff_pct_range_high": Rule("share_women_police", "interior_ministry_staff", ("upper_bound",)),
    "share_women_patrol_police_pct": Rule("share_women_police", "patrol_police"),
    "share_women_senior_ranks_pct": Rule("share_women_senior", "police_officers"),
    "women_police_count": Rule("police_women", "police_officers"),
    "women_mia_staff_count": Rule("police_women", "interior_ministry_staff"),
    "women_mia_and_national_guard_count": Rule("police_women", "interior_ministry_and_national_guard"),
    "women_investigators_count": Rule("police_women", "specialised_investigation_units"),
    "women_senior_positions_count": Rule("police_women_senior", FROM_NOTE),
    "total_police_count": Rule("police_total", "police_officers"),
    "total_police_count_range_low": Rule("police_total", "police_officers", ("lower_bound",)),
    "total_mia_staff_count": Rule("police_total", "interior_ministry_staff"),
    "police_per_100k": Rule("police_per_100k", "police_officers"),
    "women_recruits_count": Rule("police_women_recruits", FROM_NOTE),
    "total_recruits_count": Rule("police_total_recruits", FROM_NOTE),
    "share_women_recruits_pct": Rule("share_women_recruits", FROM_NOTE),
    "women_academy_admissions_count": Rule("", "", skip=ADMISSIONS),
    "total_academy_admissions_count": Rule("", "", skip=ADMISSIONS),
    "target_share_women_police_pct": Rule("share_women_police", "police_officers", target=True),
    "target_share_women_patrol_police_pct": Rule("share_women_police", "patrol_police", target=True),
}

# First match wins, most specific first: "internal affairs bodies AND National Guard" is not the MIA alone.
NOTE_SCOPES = [
    (re.compile(r"national guard", re.I), "interior_ministry_and_national_guard"),
    (re.compile(r"\bMIA\b|internal affairs|ministry of (?:the )?interior", re.I), "interior_ministry_staff"),
    (re.compile(r"\bpolice\b", re.I), "police_officers"),
]

# Wording counts only where the note quotes the source ('about …'): unquoted words in a note describe other
# figures ("290 of 3,507 = about 8.3 %", "more than 4,000 women" next to a share).
FLAG_RULES = [
    (r"'(?:about|almost|approximately|roughly|around|около|почти|примерно)\b", "approximate"),
    (r"'(?:just )?(?:more than|over|более|свыше)\b|\blower bound\b", "lower_bound"),
    (r"'(?:under|less than|менее)\b|\bupper bound\b", "upper_bound"),
    (r"\bestimated\b", "estimated"),
    (r"\brounded\b", "rounded"),
    (r"\bsecondary\b|\bcit(?:es|ing|ed)\b|\bvia\b", "secondary_source"),
    (r"\bpress\b", "press_report"),
    (r"\binferred\b", "year_inferred"),
    (r"year = (?:publication|year of statement)|present tense|'today'|'currently'|\b(?:article|page) dated\b"
     r"|year taken from the article date", "year_of_publication"),
    (r"\bambiguous\b", "ambiguous"),
    (r"\binconsistent\b", "inconsistent"),
]
YEAR_FLAGS = {"year_inferred", "year_of_publication"}
PERIOD = re.compile(r"(\d{4})-(\d{4})")
YEAR = re.compile(r"\d{4}")


def year_of(text: str, note: str, indicator: str) -> tuple[int | None, str, str]:
    """(year, note, reason to skip): a three-year average is dated by its last year, other periods are skipped."""
    if not text:
        return None, note, ""
    if YEAR.fullmatch(text):
        return int(text), note, ""
    period = PERIOD.fullmatch(text)
    if not period:
        raise ValueError("expected YYYY, YYYY-YYYY or empty")
    first, last = int(period[1]), int(period[2])
    if indicator == "share_women_police_avg3" and last - first == 2:
        return last, note if text in note else f"three-year average {text}; {note}", ""
    return None, note, f"period total ({text} is not one year)"


def scope_of(rule: Rule, note: str, override: Override | None) -> str | None:
    """The override's scope, else the rule's, else (for bases that vary) the one the note names."""
    scope = override.scope if override and override.scope else rule.scope
    return scope_from_note(note) if scope == FROM_NOTE else scope


def flags_of(rule: Rule, note: str, override: Override | None, dated: bool) -> set[str]:
    """The rule's flags, the note's, and the override's extra ones."""
    found = set(rule.flags) | flags_from_note(note) | set(override.flags if override else ())
    # An undated figure has no year for 'inferred' or 'publication year' to qualify.
    return found if dated else found - YEAR_FLAGS


def flags_from_note(note: str) -> set[str]:
    """Flag codes the note's wording implies."""
    return {flag for pattern, flag in FLAG_RULES if re.search(pattern, note, re.I)}


def scope_from_note(note: str) -> str | None:
    return next((scope for pattern, scope in NOTE_SCOPES if pattern.search(note)), None)


@dataclass(frozen=True)
class Override:
    """A per-row correction the note demands: a different scope and/or extra flags, with the reason."""

    iso3: str
    year: str
    indicator: str
    value: float
    scope: str
    flags: tuple[str, ...]
    why: str

    def matches(self, rec: dict) -> bool:
        return (rec["iso3"], rec["year"], rec["indicator"]) == (self.iso3, self.year, self.indicator) \
            and float(rec["value"]) == self.value


def read_overrides(path: Path = OVERRIDES) -> list[Override]:
    with open(path, encoding="utf-8", newline="") as f:
        return [Override(r["iso3"], r["year"], r["indicator"], float(r["value"]), r["scope"],
                         tuple(filter(None, r["flags"].split(";"))), r["why"]) for r in csv.DictReader(f)]
