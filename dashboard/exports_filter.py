"""URL or API query parameters -> a validated observation filter (whitelisted codes), and back to queries."""
from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Mapping

from dashboard import db

# Query parameter -> the vocabulary its values come from (the same names in the explorer's URL and the API).
LISTS = {"country": "country", "region": "region", "indicator": "indicator", "source": "source",
         "scope": "scope", "flag": "flag"}
YEARS = ("year_from", "year_to")
YEAR_MIN, YEAR_MAX = 1900, 2100  # plausible reference years; anything else is a typo or an attack
TRUE, FALSE = ("true", "1"), ("false", "0")
MAX_VALUES = 500  # more values than any vocabulary holds: a longer list is not a real filter


class BadParameter(ValueError):
    """A parameter value outside what is allowed: names the parameter, the value and what is allowed."""

    def __init__(self, param: str, value: str, allowed: str | list[str], reason: str = "not_allowed"):
        super().__init__(f"{param}={value!r}: {reason}")
        self.param, self.value, self.allowed, self.reason = param, value, allowed, reason


@dataclass(frozen=True)
class Filter:
    """Which observations: empty tuples mean 'all'; countries and regions add up."""

    country: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    indicator: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    scope: tuple[str, ...] = ()
    flag: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    preferred: bool = True

    def params(self, lang: str) -> dict:
        """Named parameters for dashboard/queries/export_observations.sql."""
        return {"lang": lang, "countries": list(self.country), "regions": list(self.region),
                "indicators": list(self.indicator), "sources": list(self.source), "scopes": list(self.scope),
                "flags": list(self.flag), "year_from": self.year_from, "year_to": self.year_to,
                "preferred": self.preferred}

    def pairs(self) -> list[tuple[str, str]]:
        """The filter as API query pairs (lists repeated), only what differs from the defaults."""
        out = [(name, v) for name in LISTS for v in getattr(self, name)]
        out += [(name, str(getattr(self, name))) for name in YEARS if getattr(self, name) is not None]
        return out + ([] if self.preferred else [("preferred", "false")])

    def as_dict(self) -> dict:
        """The filter as plain data (JSON bodies, file metadata): every field, lists as lists."""
        return {f.name: (list(v) if isinstance(v, tuple) else v)
                for f in fields(self) for v in [getattr(self, f.name)]}


@lru_cache(maxsize=4)
def vocabulary(build_id: str) -> dict[str, list[str]]:
    """Allowed codes per kind for one build (the build id keys the cache, so a rebuild refreshes it)."""
    df = db.query("export_vocabulary")
    return {kind: list(group["code"]) for kind, group in df.groupby("kind", sort=False)}


def current_vocabulary() -> dict[str, list[str]]:
    from dashboard.exports import build  # imported here: exports imports this module

    return vocabulary(build().build_id)


def codes(param: str, raw: list[str], allowed: list[str]) -> tuple[str, ...]:
    """Validated codes of a repeatable parameter, exactly as the API document lists them (order kept, no repeats).

    No commas, no case folding, no blanks: what the OpenAPI document declares is exactly what is accepted.
    """
    if len(raw) > MAX_VALUES:
        raise BadParameter(param, f"{len(raw)} values", str(MAX_VALUES), "too_many")
    known = set(allowed)
    for v in raw:
        if v not in known:
            raise BadParameter(param, v, allowed)
    return tuple(dict.fromkeys(raw))


def year(param: str, text: str | None) -> int | None:
    if text is None:
        return None
    try:
        value = int(text)
    except ValueError:
        raise BadParameter(param, text, f"{YEAR_MIN}–{YEAR_MAX}", "not_a_year") from None
    if not YEAR_MIN <= value <= YEAR_MAX:
        raise BadParameter(param, text, f"{YEAR_MIN}–{YEAR_MAX}", "out_of_range")
    return value


def boolean(param: str, text: str | None, default: bool) -> bool:
    if text is None:
        return default
    if text in TRUE or text in FALSE:
        return text in TRUE
    raise BadParameter(param, text, ["true", "false"])


def single(args: Mapping, param: str) -> str | None:
    """The one value of a scalar parameter; given twice it is ambiguous, so it is refused."""
    values = args.getlist(param) if hasattr(args, "getlist") else ([args[param]] if param in args else [])
    if len(values) > 1:
        raise BadParameter(param, ", ".join(values), "one value", "repeated")
    return values[0] if values else None


def parse(args: Mapping, allowed: dict[str, list[str]]) -> Filter:
    """A filter from query parameters (a Werkzeug MultiDict, or a dict of single values); raises BadParameter."""
    lists = {}
    for param, kind in LISTS.items():
        raw = args.getlist(param) if hasattr(args, "getlist") else ([args[param]] if param in args else [])
        lists[param] = codes(param, raw, allowed.get(kind, []))
    years = {p: year(p, single(args, p)) for p in YEARS}  # year_from after year_to is allowed: it selects nothing
    return Filter(**lists, **years, preferred=boolean("preferred", single(args, "preferred"), True))
