"""/associations: the association table and the OSCE States (warehouse) -> finding, entries grouped by region, table."""
from __future__ import annotations

from functools import lru_cache

import dash
import pandas as pd
from dash import html

from dashboard import db, ids
from dashboard.i18n import lang_or_default, number, t
from dashboard.pages.associations_parts import entry
from dashboard.tables import table

dash.register_page(__name__, path="/associations", title_key="associations.page_title")

CENTRAL_ASIA = "central_asia"
OUTSIDE = "outside"              # group of countries that are not OSCE participating States (e.g. Kosovo)
MULTINATIONAL = "multinational"  # group of regional and international bodies (no country)


def layout(lang: str = "en", **_query) -> html.Div:
    """No view state: the page depends only on the warehouse build and the language."""
    return page_tree(db.build_id(), lang_or_default(lang))


@lru_cache(maxsize=4)
def page_tree(build_id: str, lang: str) -> html.Div:
    """Built once per build and language (`build_id` is the cache key); nothing downstream mutates it."""
    items = db.query("associations_list", lang=lang)
    states = db.query("associations_states", lang=lang)
    groups = grouped(items, lang)
    return html.Div([
        html.H1(t("associations.heading", lang)),
        html.P(t("associations.lede", lang), className="lede"),
        finding(items, states, lang),
        contents(groups, lang),
        *[html.Section([html.H2(title), *intro, *body], id=f"{ids.ASSOCIATIONS_GROUP}-{code}",
                       className="sources-section association-group")
          for code, title, intro, body in groups],
        html.Section([html.H2(t("associations.states_heading", lang)), html.P(t("associations.states_intro", lang)),
                      states_table(states, lang)], id=ids.ASSOCIATIONS_STATES, className="sources-section"),
    ], className="page page-sources page-associations")


def names(states: pd.DataFrame, lang: str, counted: bool) -> str:
    """'Kyrgyzstan (2), Tajikistan (2)' or 'Kazakhstan, Turkmenistan' (', ' in both languages)."""
    return ", ".join(t("associations.state_count", lang, name=r.name, n=number(r.n_associations, lang))
                     if counted else r.name for r in states.itertuples())


def finding(items: pd.DataFrame, states: pd.DataFrame, lang: str) -> html.Section:
    """Which Central Asian States have organisations recorded and which none, and the totals, from the data."""
    ca = states[states["is_central_asia"]]
    recorded, none = ca[ca["n_associations"] > 0], ca[ca["n_associations"] == 0]
    lines = []
    if len(recorded):
        lines.append(html.P(t("associations.finding_ca_recorded", lang, states=names(recorded, lang, True))))
    if len(none):
        lines.append(html.P(html.Strong(t("associations.finding_ca_none", lang, states=names(none, lang, False)))))
    multi = items["reach"] == "multinational"
    lines += [
        html.P(t("associations.finding_totals", lang, n=number(len(items), lang),
                 n_country=number((~multi).sum(), lang), n_multi=number(multi.sum(), lang),
                 n_states=number((states["n_associations"] > 0).sum(), lang), n_osce=number(len(states), lang))),
        html.P(t("associations.finding_caveat", lang)),
    ]
    return html.Section([html.H2(t("associations.finding_heading", lang)), *lines], id=ids.ASSOCIATIONS_FINDING,
                        className="coverage-finding", role="note")


def group_of(row) -> str:
    if row["reach"] == "multinational":
        return MULTINATIONAL
    return row["region"] if isinstance(row["region"], str) else OUTSIDE


def grouped(items: pd.DataFrame, lang: str) -> list[tuple[str, str, list, list]]:
    """(code, heading, intro, entries) per group, in the query's order: Central Asia, our regions, outside, networks."""
    items = items.assign(group=[group_of(r) for r in items.to_dict("records")])
    out = []
    for code, rows in items.groupby("group", sort=False):
        if code == MULTINATIONAL:
            out.append((code, t("associations.group_multinational", lang),
                        [html.P(t("associations.group_multinational_intro", lang))],
                        [entry(r, lang, 3) for r in rows.to_dict("records")]))
            continue
        title = t("associations.group_outside", lang) if code == OUTSIDE else rows["region_name"].iloc[0]
        intro = [html.P(t("associations.group_outside_intro", lang))] if code == OUTSIDE else []
        body = [part for country, in_country in rows.groupby("country", sort=False)
                for part in (html.H3(country), *[entry(r, lang, 4, country) for r in in_country.to_dict("records")])]
        out.append((code, title, intro, body))
    return out


def contents(groups: list, lang: str) -> html.Nav:
    """In-page links to each group and the State table, for keyboard and screen-reader users."""
    links = [(f"#{ids.ASSOCIATIONS_GROUP}-{code}", title) for code, title, _, _ in groups]
    links.append((f"#{ids.ASSOCIATIONS_STATES}", t("associations.states_heading", lang)))
    return html.Nav(html.Ol([html.Li(html.A(text, href=href)) for href, text in links]), id=ids.ASSOCIATIONS_TOC,
                    className="sources-toc", **{"aria-label": t("associations.toc_label", lang)})


def states_table(states: pd.DataFrame, lang: str) -> html.Table:
    """Per region of our grouping (Central Asia first): States with organisations recorded, States with none."""
    rows = []
    for _, in_region in states.groupby("region", sort=False):
        recorded, none = in_region[in_region["n_associations"] > 0], in_region[in_region["n_associations"] == 0]
        rows.append([in_region["region_name"].iloc[0],
                     names(recorded, lang, True) or t("associations.cell_empty", lang),
                     names(none, lang, False) or t("associations.cell_empty", lang)])
    headers = [t(k, lang) for k in ("associations.col_region", "associations.col_recorded", "associations.col_none")]
    return table(t("associations.states_caption", lang), headers, rows, class_name="sources-table")
