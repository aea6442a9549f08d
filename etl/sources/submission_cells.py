"""One cell of a submission (country, year, code, number, unit, flags, URL) -> a clean value, or the rule it breaks."""
from __future__ import annotations

import difflib
import re
from urllib.parse import urlparse

from etl import reference, tidy
from etl.countries import UnknownCountry, resolver

# Number rules (the same for CSV and XLSX text cells; typed XLSX numbers are taken as they are):
#   * digits may be grouped with spaces: '12 000', '1 234 567' (a space is never a decimal mark);
#   * ',' and '.' are decimal marks only, so '21,5' = '21.5';
#   * a count or rate written '1,234' or '1.234' is rejected as ambiguous (1234 or 1.234?); a share cannot be
#     above 100, so '12,345' in a share is read as 12.345;
#   * a share between 0 and 1 is rejected: it looks like a fraction (write 21 for 21 %).
SPACES = "\u00a0\u202f\u2009 "
GROUPED = re.compile(r"[+-]?\d{1,3}(?: \d{3})+(?:[.,]\d+)?")
PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
THOUSANDS_LOOKALIKE = re.compile(r"[+-]?\d{1,3}[.,]\d{3}")
YEAR = re.compile(r"\d{4}")
FRACTION = "looks like a fraction; write 21 for 21 %"
UNIT_NAMES = {
    "persons": "persons", "person": "persons", "человек": "persons", "чел.": "persons", "чел": "persons",
    "percent": "percent", "%": "percent", "процент": "percent", "процентов": "percent",
    "per_100k": "per_100k", "на 100 000": "per_100k", "на 100 000 жителей": "per_100k",
}


class CellError(ValueError):
    """The rule a cell breaks, in words the sender can act on."""


def text_of(raw) -> str:
    return "" if raw is None else str(raw).strip()


def country(raw) -> str:
    try:
        return resolver().resolve(text_of(raw))
    except UnknownCountry as e:
        raise CellError(f"{e}; write the ISO3 code (e.g. KAZ) or the English or Russian name") from e


def year(raw) -> int:
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    text = text_of(raw)
    if YEAR.fullmatch(text):
        return int(text)
    raise CellError("year must be one calendar year in four digits, e.g. 2015 "
                    "(not a range such as 2015-16 and not a fiscal year such as FY2015)")


def code(raw, table: str) -> str:
    """A code from data/reference/<table>.csv (indicators, scopes, flags), case and spaces forgiven."""
    allowed = reference.table(table)
    text = text_of(raw).lower().replace(" ", "_")
    if text in allowed:
        return text
    close = difflib.get_close_matches(text, list(allowed), n=1, cutoff=0.75)
    hint = f"did you mean {close[0]}? " if close else ""
    foreign = "".join(sorted({ch for ch in text if not ch.isascii()}))
    if foreign:  # a look-alike letter from another alphabet (Cyrillic 'о' for Latin 'o') reads the same to a person
        hint = f"codes are in Latin letters only, this one holds {foreign!r}; {hint}"
    raise CellError(f"unknown {table[:-1]} code; {hint}allowed: {', '.join(allowed)}")


def flags(raw) -> tuple[list[str], list[tuple[str, str]]]:
    """Codes separated by ';' or ',' -> (known codes, [(unknown code, rule)])."""
    known, bad = [], []
    for part in filter(None, (p.strip() for p in re.split(r"[;,]", text_of(raw)))):
        try:
            known.append(code(part, "flags"))
        except CellError as e:
            bad.append((part, str(e)))
    return known, bad


def unit(raw, expected: str | None) -> None:
    """An optional unit must name the indicator's own unit (not checked when the indicator is unknown)."""
    text = " ".join(text_of(raw).casefold().split())
    if not text:
        return
    found = UNIT_NAMES.get(text)
    if found is None:
        raise CellError("unknown unit; allowed: persons (человек), percent (%), per_100k")
    if expected and found != expected:
        raise CellError(f"unit {found} does not match the indicator, which is in {expected}")


def url(raw) -> str:
    text = text_of(raw)
    parts = urlparse(text)
    if text and (parts.scheme not in ("http", "https") or not parts.netloc):
        raise CellError("source_url must be a web address starting with http:// or https://")
    return text


def value(raw, unit_code: str | None) -> float:
    """A number in the indicator's unit (see the module docstring for what is accepted)."""
    if isinstance(raw, bool):
        raise CellError("not a number")
    if isinstance(raw, (int, float)):
        number = float(raw)
    else:
        number = _number_from_text(text_of(raw), unit_code)
    if unit_code == "percent" and 0 < number < 1:
        raise CellError(FRACTION)
    return tidy.clean_float(number)


def _number_from_text(text: str, unit_code: str | None) -> float:
    for space in SPACES:
        text = text.replace(space, " ")
    if unit_code == "percent" and text.endswith("%"):
        text = text[:-1].rstrip()
    if " " in text:
        if not GROUPED.fullmatch(text):
            raise _not_a_number()
        text = text.replace(" ", "")
    if text.count(",") + text.count(".") > 1:
        raise CellError("',' and '.' are decimal marks only; write 1234567 or 1 234 567, and 21.5 or 21,5")
    if unit_code != "percent" and THOUSANDS_LOOKALIKE.fullmatch(text):
        whole, decimal = text.replace(",", "").replace(".", ""), text.replace(",", ".")
        raise CellError(f"ambiguous: could mean {whole} or {decimal}; write {whole} (no separator) "
                        f"or {whole[:-3]} {whole[-3:]} (space), or {decimal} for a decimal")
    text = text.replace(",", ".")
    if not PLAIN.fullmatch(text):
        raise _not_a_number()
    return float(text)


def _not_a_number() -> CellError:
    return CellError("not a number; write the figure only (words such as 'about' or 'more than' "
                     "go into flags: approximate, lower_bound; explanations into note)")
