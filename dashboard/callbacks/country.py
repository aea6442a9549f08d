"""Country picker -> the profile's path; an ISO3 code -> every table a profile shows, read in one place."""
from __future__ import annotations

import pandas as pd
from dash import Input, Output, State, callback, no_update

from dashboard import db, ids
from dashboard.figures.wording import Context

QUERIES = ("info", "series", "neighbours", "rank", "sources", "flags", "undated", "targets")


@callback(Output(ids.URL, "pathname", allow_duplicate=True), Input(ids.COUNTRY_SELECT, "value"),
          State(ids.URL, "pathname"), prevent_initial_call=True)
def navigate(iso3, pathname):
    """Choosing a country opens its profile (a new history entry; the query, with ?lang=, is kept)."""
    if not iso3:
        return no_update
    target = f"/country/{iso3}"
    return no_update if target == pathname else target


def load(iso3: str) -> dict[str, pd.DataFrame]:
    """Every query of the profile for one ISO3 code (bound as a parameter: the code comes from the URL)."""
    return {name: db.query(f"country_{name}", iso3=iso3) for name in QUERIES}


def options() -> pd.DataFrame:
    return db.query("country_options")


def context(lang: str) -> Context:
    """Flag labels and source names in the language (the scope label is set per series)."""
    flags, sources = db.query("country_flag_labels"), db.query("country_source_names")
    return Context(lang, "", dict(zip(flags["code"], flags[f"label_{lang}"])),
                   dict(zip(sources["id"], sources[f"publisher_{lang}"])))
