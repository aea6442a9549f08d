"""Overview view state (year, scope) -> warehouse queries -> map, ranking, headline cards, missing list, table."""
from __future__ import annotations

import pandas as pd
from dash import Patch, dcc, html, no_update

from dashboard import components, db
from dashboard.figures import overview as fig
from dashboard.i18n import t
from dashboard.tables import folded, table


def default_year(years: pd.DataFrame) -> int | None:
    """The latest year in which most participating States report; else the best-covered (latest) year."""
    if years.empty:
        return None
    majority = years[years["n_reporting"] * 2 > years["n_members"]]
    if len(majority):
        return int(majority["year"].max())
    best = years[years["n_reporting"] == years["n_reporting"].max()]
    return int(best["year"].max())


def resolve_year(year: int | None, years: pd.DataFrame) -> int | None:
    return year if year in set(years["year"]) else default_year(years)


def scope_label(scope: str, lang: str) -> str:
    scopes = db.query("overview_scopes", lang=lang)
    match = scopes.loc[scopes["code"] == scope, "label"]
    return match.iloc[0] if len(match) else scope


def slider_props(years: list[int]) -> dict:
    """The slider runs over positions 0..n-1 of the years with data, labelled with the year.

    Positions, not years: Dash 4.4's slider ignores step=None on the keyboard (arrows give 2003.2);
    with step 1 over positions every key press lands on a year that has data.
    """
    return {"min": 0, "max": max(len(years) - 1, 0), "step": 1,
            "marks": {i: str(y) for i, y in enumerate(years)}, "disabled": len(years) < 2}


def position(year: int | None, years: list[int]):
    return years.index(year) if year in years else no_update


def year_note(years: pd.DataFrame, lang: str) -> str:
    """Why the page opens on its year, and which years in the range have no figure at all (a finding)."""
    if years.empty:
        return t("overview.no_years", lang)
    year = default_year(years)
    row = years.set_index("year").loc[year]
    key = "overview.year_note" if row["n_reporting"] * 2 > row["n_members"] else "overview.year_note_best"
    note = t(key, lang, year=year, n=int(row["n_reporting"]), total=int(row["n_members"]))
    held = set(years["year"])
    gaps = [str(y) for y in range(min(held), max(held) + 1) if y not in held]
    return note + (" " + t("overview.year_gaps", lang, years=", ".join(gaps)) if gaps else "")


def card(label: str, value: str, note: str, extra_class: str = "") -> html.Div:
    return html.Div([
        html.Div(label, className="card-label"),
        html.Div(value, className="card-value"),
        html.P(note, className="card-note"),
    ], className=f"card {extra_class}".strip())


def names(states: pd.DataFrame, lang: str) -> str:
    return ", ".join(states["name"]) if len(states) else t("overview.nobody", lang)


def cards(headline: pd.DataFrame, states: pd.DataFrame, years: pd.DataFrame, year: int, scope: str,
          lang: str) -> list:
    """Pooled and mean OSCE share, Central Asia coverage and the latest year, from region_aggregate."""
    osce = headline.set_index("region").loc["osce"]
    ca = headline.set_index("region").loc["central_asia"]
    if osce["n_pooled"] > 0:
        pooled = card(t("overview.card_pooled", lang), fig.share_text(osce["pooled_share"], lang),
                      t("overview.card_pooled_note", lang, n=int(osce["n_pooled"]), year=year))
    else:
        pooled = card(t("overview.card_pooled", lang), t("overview.unavailable", lang),
                      t("overview.card_pooled_none", lang, year=year), "card-unavailable")
    mean_value = fig.share_text(osce["mean_share"], lang) if osce["n_reporting"] else t("overview.unavailable", lang)
    mean = card(t("overview.card_mean", lang), mean_value,
                t("overview.card_mean_note", lang, n=int(osce["n_reporting"]), total=int(osce["n_members"]),
                  year=year, scope=scope))
    ca_states = states[states["is_central_asia"]]
    central = card(t("overview.card_central_asia", lang),
                   t("overview.n_of", lang, n=int(ca["n_reporting"]), total=int(ca["n_members"])),
                   t("overview.card_central_asia_note", lang, year=year,
                     reporting=names(ca_states[ca_states["value"].notna()], lang),
                     missing=names(ca_states[ca_states["value"].isna()], lang)), "card-central-asia")
    last = years.iloc[-1]
    by_iso3 = states.set_index("iso3")["name"]
    reporters = [by_iso3[i] for i in last["members_reporting"].split(";")]
    # A handful of names says who; beyond that the count says enough.
    note = (t("overview.card_latest_note", lang, n=len(reporters), scope=scope, names=", ".join(reporters))
            if len(reporters) <= 5 else t("overview.card_latest_note_many", lang, n=len(reporters), scope=scope))
    latest = card(t("overview.card_latest", lang), str(int(last["year"])), note)
    return [pooled, mean, central, latest]


def missing_list(states: pd.DataFrame, year: int, lang: str) -> list:
    """The States with no figure this year, each with what we do hold (another scope, a latest year)."""
    gaps = states[states["value"].isna()].sort_values(["is_central_asia", "name"], ascending=[False, True])
    items = []
    fields = ["iso3", "name", "other_scopes", "latest_year", "is_central_asia"]
    for iso3, name, other_scopes, latest_year, is_ca in zip(*(gaps[f].tolist() for f in fields)):  # not iterrows:
        if isinstance(other_scopes, str):                                                # a Series per row costs
            detail = t("overview.missing_other_scopes", lang, scopes=other_scopes)
        elif pd.notna(latest_year):
            detail = t("overview.missing_latest", lang, year=int(latest_year))
        else:
            detail = t("overview.missing_never", lang)
        link = dcc.Link(name, href=components.href(f"/country/{iso3}", lang))
        items.append(html.Li([link, f" — {detail}"], className="is-ca" if is_ca else None))
    heading = t("overview.missing_heading", lang, n=len(gaps), year=year)
    return [html.H3(heading), html.Ul(items, className="overview-missing-list")] if items else [html.H3(heading)]


def table_row(r, year: int, scope: str, lang: str) -> list:
    """One State: name, figure or "no data", scope, year, source (linked to the document) and flags."""
    if pd.isna(r.value):
        return [r.name, t("common.no_data", lang), scope, str(year), "", ""]
    source = html.A(r.publisher, href=r.url) if r.url else r.publisher
    return [r.name, fig.share_text(r.value, lang), scope, str(year), source, r.flag_labels if r.flags else ""]


def data_table(states: pd.DataFrame, year: int, scope: str, lang: str) -> html.Details:
    """Every State with its figure (or 'no data'), scope, year, source and flags: the chart as a table."""
    headers = [t(f"overview.col_{c}", lang) for c in ("state", "share", "scope", "year", "source", "flags")]
    return folded(t("overview.table_summary", lang, year=year),
                  table(t("overview.table_caption", lang, year=year, scope=scope), headers,
                        [table_row(r, year, scope, lang) for r in states.itertuples()], numeric=(1,)),
                  class_name="overview-table")


def view(year: int | None, scope: str, lang: str, patch_map: bool = False) -> dict:
    """Every output of the page for one view; `patch_map` sends only the map's year-dependent parts."""
    years = db.query("overview_years", scope=scope)
    year = resolve_year(year, years)
    if year is None:
        return empty_view(years, lang)
    label = scope_label(scope, lang)
    states = db.query("overview_states", lang=lang, year=year, scope=scope)
    headline = db.query("overview_headline", lang=lang, year=year, scope=scope)
    n_members = int(headline.set_index("region").loc["osce", "n_members"])
    figure = (fig.apply(Patch(), fig.map_updates(states, year, label, lang)) if patch_map
              else fig.map_figure(states, year, label, lang))
    return {
        "year": year, "years": years, "map": figure,
        "map_summary": fig.map_summary(states, year, label, n_members, lang),
        "missing": missing_list(states, year, lang),
        "ranking": fig.ranking_figure(states, year, label, n_members, lang),
        "ranking_summary": fig.ranking_summary(states, year, lang),
        "cards": cards(headline, states, years, year, label, lang),
        "table": data_table(states, year, label, lang),
    }


def empty_view(years: pd.DataFrame, lang: str) -> dict:
    """No State reports in this scope: every output exists but says so (the scope picker still works)."""
    blank = {"data": [], "layout": {"xaxis": {"visible": False}, "yaxis": {"visible": False}, "height": 120}}
    message = t("overview.no_years", lang)
    return {"year": None, "years": years, "map": blank, "ranking": blank, "map_summary": message,
            "ranking_summary": message, "missing": [], "cards": [], "table": []}


OUTPUTS = ["map", "map_summary", "missing", "ranking", "ranking_summary", "cards", "table"]
