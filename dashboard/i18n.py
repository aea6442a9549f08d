"""Message catalogs (dashboard/locales/<lang>/<namespace>.json) and locale-aware number formatting."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from dashboard import config

LOCALES = Path(__file__).resolve().parent / "locales"
LANGS = ("en", "ru")


def lang_or_default(lang: str | None) -> str:
    return lang if lang in LANGS else (config.get("DEFAULT_LANG") if config.get("DEFAULT_LANG") in LANGS else "en")


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict[str, str]:
    """All messages of one language, keyed '<namespace>.<key>' (namespace = the JSON file's name)."""
    messages = {}
    for path in sorted((LOCALES / lang).glob("*.json")):
        for key, text in json.loads(path.read_text(encoding="utf-8")).items():
            messages[f"{path.stem}.{key}"] = text
    return messages


def t(key: str, lang: str, **values) -> str:
    """The message for `key` in `lang`, with {placeholders} filled. A missing key is a bug: it raises."""
    text = catalog(lang_or_default(lang))[key]
    return text.format(**values) if values else text


def number(value: float | None, lang: str, decimals: int = 0) -> str:
    """1234.5 -> '1,234.5' (en) or '1 234,5' (ru, with a narrow no-break space)."""
    if value is None or value != value:
        return t("common.no_data", lang)
    text = f"{value:,.{decimals}f}"
    if lang == "ru":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def percent(value: float | None, lang: str, decimals: int = 1) -> str:
    """21.0 -> '21.0%' (en) or '21,0 %' (ru)."""
    if value is None or value != value:
        return t("common.no_data", lang)
    return number(value, lang, decimals) + ("\u00a0%" if lang == "ru" else "%")


def plotly_separators(lang: str) -> str:
    """Plotly's `separators` layout attribute: decimal mark then thousands mark."""
    return ", " if lang == "ru" else ".,"
