"""Country names and codes (ISO3/ISO2/Eurostat, English and Russian) -> ISO 3166-1 alpha-3."""
from __future__ import annotations

import csv
import difflib
import gettext
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from etl import paths

KOSOVO = {"iso3": "XKX", "iso2": "XK", "m49": "412", "name_en": "Kosovo"}
EUROSTAT_GEO = {"EL": "GRC", "UK": "GBR", "XK": "XKX"}


class UnknownCountry(ValueError):
    """A name or code that matches no country; carries the closest known names."""

    def __init__(self, text: str, suggestions: list[str]):
        self.text = text
        self.suggestions = suggestions
        hint = f"; closest matches: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"unknown country {text!r}{hint}")


class AmbiguousCountry(UnknownCountry):
    """A name that two or more States go by (data/reference/ambiguous_names.csv): never guessed."""

    def __init__(self, text: str, candidates: list[str]):
        self.text = text
        self.suggestions = candidates
        ValueError.__init__(self, f"ambiguous country {text!r}: could be {' or '.join(candidates)}")


def _key(text: str) -> str:
    """Case-, accent- and space-insensitive lookup key (keeps Cyrillic letters as they are)."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    return " ".join(text.replace(",", " ").split())


def _read(name: str) -> list[dict]:
    with open(paths.REFERENCE / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    m49: str
    name_en: str
    name_ru: str


class CountryResolver:
    """Resolves any spelling we know (ISO codes, English, Russian, aliases) to one ISO3 code."""

    def __init__(self):
        ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
        ru_override = {r["iso3"]: r["name_ru"] for r in _read("country_names_ru.csv")}
        osce_names = {r["iso3"]: r["name_en"] for r in _read("osce_states.csv")}
        self.countries: dict[str, Country] = {}
        self._names: dict[str, str] = {}
        for c in pycountry.countries:
            name_en = osce_names.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
            name_ru = ru_override.get(c.alpha_3) or ru.gettext(c.name)
            self.countries[c.alpha_3] = Country(c.alpha_3, c.alpha_2, c.numeric, name_en, name_ru)
            for name in {c.name, name_en, getattr(c, "official_name", c.name), name_ru, ru.gettext(c.name)}:
                self._names.setdefault(_key(name), c.alpha_3)
        k = KOSOVO
        self.countries["XKX"] = Country("XKX", "XK", "412", k["name_en"], ru_override.get("XKX", "Косово"))
        for row in _read("country_aliases.csv"):
            self._names[_key(row["alias"])] = row["iso3"]
        self._ambiguous = {_key(r["name"]): r["candidates"].split() for r in _read("ambiguous_names.csv")}
        self._by_iso2 = {c.iso2: c.iso3 for c in self.countries.values()}
        self._by_m49 = {int(c.m49): c.iso3 for c in self.countries.values()}

    def resolve(self, text) -> str:
        """ISO3 for a code or name; raises UnknownCountry with suggestions."""
        raw = "" if text is None else str(text).strip()
        if not raw:
            raise UnknownCountry(raw, [])
        upper = raw.upper()
        if len(raw) == 3 and upper in self.countries:
            return upper
        if len(raw) == 2 and (upper in EUROSTAT_GEO or upper in self._by_iso2):
            return EUROSTAT_GEO.get(upper) or self._by_iso2[upper]
        if _key(raw) in self._ambiguous:
            codes = self._ambiguous[_key(raw)]
            raise AmbiguousCountry(raw, [f"{self.countries[c].name_en} ({c})" for c in codes])
        found = self._names.get(_key(raw))
        if found:
            return found
        close = difflib.get_close_matches(_key(raw), list(self._names), n=3, cutoff=0.6)
        raise UnknownCountry(raw, [f"{self._display(k)} ({self._names[k]})" for k in close])

    def from_m49(self, code) -> str:
        return self._by_m49[int(code)]

    def _display(self, key: str) -> str:
        c = self.countries[self._names[key]]
        return c.name_ru if _key(c.name_ru) == key else c.name_en


@lru_cache(maxsize=1)
def resolver() -> CountryResolver:
    return CountryResolver()
