"""One association row (associations_list / associations_country queries) -> an entry card; shared by /associations
and the country profile. Texts in their original language carry a `lang` attribute when the ETL could tell it."""
from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.i18n import t

SCOPE_KEYS = {"national": "associations.scope_national", "subnational": "associations.scope_subnational",
              "regional": "associations.scope_regional", "international": "associations.scope_international"}
TYPE_KEYS = {"association": "associations.type_association", "network": "associations.type_network",
             "union": "associations.type_union", "council": "associations.type_council"}
HEADINGS = {3: html.H3, 4: html.H4}


def present(value) -> bool:
    """A value the warehouse holds (NULL arrives as None or NaN)."""
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value != ""


def lang_of(code) -> dict:
    """The `lang` attribute for a text whose language is known; nothing when it is not (never a guess)."""
    return {"lang": code} if present(code) else {}


def founded_text(year, lang: str) -> str:
    return str(int(year)) if present(year) else t("associations.founded_not_stated", lang)


def fields(pairs: list[tuple[str, object]]) -> html.Dl:
    return html.Dl([part for label, value in pairs for part in (html.Dt(label), html.Dd(value))],
                   className="sources-fields association-fields")


def entry(row: dict, lang: str, level: int = 3, country: str | None = None) -> html.Article:
    """Name (English and local as printed), country, scope, type, founding year, source, quote and note."""
    local = (html.Span(row["name_local"], **lang_of(row["name_local_lang"])) if present(row["name_local"])
             else html.Span(t("associations.name_local_none", lang), className="association-missing"))
    pairs = [(t("associations.field_name_local", lang), local)]
    if country:
        pairs.append((t("associations.field_country", lang), country))
    pairs += [
        (t("associations.field_scope", lang), t(SCOPE_KEYS[row["scope"]], lang)),
        (t("associations.field_type", lang), t(TYPE_KEYS[row["type"]], lang)),
        (t("associations.field_founded", lang),
         html.Span(founded_text(row["founded_year"], lang),
                   className=None if present(row["founded_year"]) else "association-missing")),
        (t("associations.field_source", lang),
         html.A(row["source_title"], href=row["source_url"], className="sources-url",
                **lang_of(row["source_title_lang"]))),
        (t("associations.field_quote", lang),
         html.Blockquote(row["quote"], cite=row["source_url"], className="association-quote",
                         **lang_of(row["quote_lang"]))),
    ]
    if present(row["note"]):
        pairs.append((t("associations.field_note", lang), html.Span(row["note"], lang="en")))
    return html.Article([HEADINGS[level](row["name_en"], lang="en"), fields(pairs)],
                        className="sources-card association-card")
