"""One State's ISO3 code -> the "Women police associations" section of its profile (or one honest line)."""
from __future__ import annotations

from dash import html

from dashboard import components, db, ids
from dashboard.i18n import t
from dashboard.pages.associations_parts import entry

PAGE = "/associations"


def section(iso3: str, name: str, lang: str) -> html.Section:
    """The organisations recorded for the State, or "none recorded in the sources read", with a link to all."""
    rows = db.query("associations_country", iso3=iso3)
    link = html.A(t("associations.country_link", lang), href=components.href(PAGE, lang))
    if rows.empty:
        body = [html.P([t("associations.country_none", lang, name=name), " ", link])]
    else:
        body = [html.P(t("associations.country_intro", lang, name=name)),
                *[entry(r, lang, 3) for r in rows.to_dict("records")], html.P(link)]
    return html.Section([html.H2(t("associations.country_heading", lang)), *body], id=ids.COUNTRY_ASSOCIATIONS,
                        className="country-section country-associations")
