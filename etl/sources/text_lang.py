"""A short text as printed -> its language code (BCP 47) when the letters tell it for sure, else ''.

For the HTML `lang` attribute of quotes and names shown in their original language: a screen reader then
reads them with the right voice. A wrong code is worse than none, so only these cases are decided:
Cyrillic with a letter only Tajik, Ukrainian or Belarusian uses; Cyrillic with ы or э and no letter
foreign to Russian (Serbian, Bulgarian and Macedonian have neither ы nor э); Latin text made of English
letters only that uses at least two common English words. Anything else (Serbian Latin, French, German,
OCR noise) stays undecided.
"""
from __future__ import annotations

import re

# language: (letters only it uses among these alphabets, every letter it adds to the Russian alphabet)
MARKED = {"tg": (set("ӯҷӣ"), set("ғӣқӯҳҷ")), "uk": (set("їєґ"), set("іїєґ")), "be": (set("ў"), set("іў"))}
NOT_RUSSIAN = set("іїєґўәғқңөұүһӯҳҷӣјљњћђџѓќѕ")
RUSSIAN_MARKS = set("ыэ")
CYRILLIC_SHARE = 0.9
ENGLISH_WORDS = {"the", "of", "and", "was", "in", "to", "with", "for", "on", "by", "is", "at", "as", "its"}


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def text_lang(text: str) -> str:
    """'ru', 'uk', 'be', 'tg', 'en', or '' when the letters do not settle it."""
    letters = [ch for ch in (text or "").lower() if ch.isalpha()]
    if not letters:
        return ""
    in_cyrillic = [ch for ch in letters if _is_cyrillic(ch)]
    cyrillic = set(in_cyrillic)
    if len(in_cyrillic) >= CYRILLIC_SHARE * len(letters):  # a Latin abbreviation or numeral may stand in it
        for code, (marks, added) in MARKED.items():
            if cyrillic & marks and not cyrillic & (NOT_RUSSIAN - added):
                return code
        return "ru" if cyrillic & RUSSIAN_MARKS and not cyrillic & NOT_RUSSIAN else ""
    if all("a" <= ch <= "z" for ch in letters):
        words = set(re.findall(r"[a-z]+", text.lower()))
        return "en" if len(words & ENGLISH_WORDS) >= 2 else ""
    return ""
