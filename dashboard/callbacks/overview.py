"""Overview controls (scope, year slider, play) and the URL -> callbacks that redraw the page via overview_view."""
from __future__ import annotations

from dash import Input, Output, State, callback, clientside_callback, ctx, no_update

from dashboard import db, ids, urlstate
from dashboard.callbacks.overview_view import (
    OUTPUTS,
    position,
    resolve_year,
    scope_label,
    slider_props,
    view,
    year_note,
)
from dashboard.i18n import lang_or_default, t

# What the page, /present and the chart exports read here: the URL fields and the view of one state.
__all__ = ["DEFAULT_SCOPE", "FIELDS", "PLAY_MS", "clean_scope", "scope_label", "view"]

DEFAULT_SCOPE = "police_officers"
PLAY_MS = 1500


def clean_scope(value: str) -> str:
    """Only scopes in which some OSCE State has a share (whitelist from the warehouse)."""
    return value if value in set(db.query("overview_scopes", lang="en")["code"]) else DEFAULT_SCOPE


def clean_year(value: int) -> int | None:
    """Any plausible year; `resolve_year` then picks the scope's default when it has no data that year."""
    return value if 1900 <= value <= 2100 else None


FIELDS = [
    urlstate.Field("scope", ids.OVERVIEW_SCOPE, DEFAULT_SCOPE, clean=clean_scope),
    urlstate.Field("year", ids.OVERVIEW_YEAR, None, kind="int", prop="data", clean=clean_year),
]
# While the years play, the URL waits: one history entry for the whole animation, not one per year.
urlstate.register("overview", FIELDS, hold=(ids.OVERVIEW_TICK, "disabled", False))


@callback(
    Output(ids.OVERVIEW_MAP, "figure"), Output(ids.OVERVIEW_MAP_SUMMARY, "children"),
    Output(ids.OVERVIEW_MISSING, "children"), Output(ids.OVERVIEW_RANKING, "figure"),
    Output(ids.OVERVIEW_RANKING_SUMMARY, "children"), Output(ids.OVERVIEW_CARDS, "children"),
    Output(ids.OVERVIEW_TABLE, "children"),
    Input(ids.OVERVIEW_YEAR, "data"), Input(ids.OVERVIEW_SCOPE, "value"), State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def render(year, scope, lang):
    # Only the year moved: the map keeps its layout and receives its new data as a Patch.
    year_only = {p.split(".")[0] for p in ctx.triggered_prop_ids} == {ids.OVERVIEW_YEAR}
    parts = view(year, clean_scope(scope), lang_or_default(lang), patch_map=year_only)
    return [parts[k] for k in OUTPUTS]


@callback(
    Output(ids.OVERVIEW_YEAR, "data", allow_duplicate=True),
    Output(ids.OVERVIEW_YEAR_SLIDER, "value", allow_duplicate=True),
    Input(ids.OVERVIEW_YEAR_SLIDER, "value"), Input(ids.OVERVIEW_YEAR, "data"), State(ids.OVERVIEW_YEARS, "data"),
    State(ids.OVERVIEW_SCOPE, "value"),
    prevent_initial_call=True,
)
def sync_year(pos, year, years, scope):
    """Slider position <-> year (the year is what the URL holds): one callback, so no circular chain.

    No year (back to an address without ?year=) means the scope's default year: the slider shows it, and
    the slider landing there writes nothing back, so going back adds no new history entry.
    """
    years = years or []
    shown = year if year is not None else resolve_year(None, db.query("overview_years", scope=clean_scope(scope)))
    if ctx.triggered_id == ids.OVERVIEW_YEAR_SLIDER:
        chosen = years[pos] if isinstance(pos, int) and 0 <= pos < len(years) else no_update
        return (no_update if chosen == shown else chosen), no_update
    return no_update, position(shown, years)


@callback(
    Output(ids.OVERVIEW_YEARS, "data"), Output(ids.OVERVIEW_YEAR_SLIDER, "max"),
    Output(ids.OVERVIEW_YEAR_SLIDER, "marks"), Output(ids.OVERVIEW_YEAR_SLIDER, "disabled"),
    Output(ids.OVERVIEW_YEAR_SLIDER, "value", allow_duplicate=True),
    Output(ids.OVERVIEW_YEAR, "data", allow_duplicate=True), Output(ids.OVERVIEW_YEAR_NOTE, "children"),
    Input(ids.OVERVIEW_SCOPE, "value"), State(ids.OVERVIEW_YEAR, "data"), State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def scope_years(scope, year, lang):
    """A new scope has its own years: keep the year if it has data there, else that scope's default."""
    frame = db.query("overview_years", scope=clean_scope(scope))
    years = [int(y) for y in frame["year"]]
    props = slider_props(years)
    new_year = resolve_year(year, frame)
    return (years, props["max"], props["marks"], props["disabled"], position(new_year, years),
            no_update if new_year == year else new_year, year_note(frame, lang_or_default(lang)))


@callback(
    Output(ids.OVERVIEW_TICK, "disabled"), Output(ids.OVERVIEW_PLAY, "children"),
    Output(ids.OVERVIEW_YEAR_SLIDER, "value", allow_duplicate=True),
    Input(ids.OVERVIEW_PLAY, "n_clicks"), Input(ids.OVERVIEW_TICK, "n_intervals"),
    State(ids.OVERVIEW_TICK, "disabled"), State(ids.OVERVIEW_YEAR_SLIDER, "value"),
    State(ids.OVERVIEW_YEAR_SLIDER, "max"), State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def play(_clicks, _ticks, stopped, pos, last, lang):
    """Play steps through the years with data and stops on the last; from the last year it starts over."""
    lang = lang_or_default(lang)
    pos = pos if isinstance(pos, int) else 0
    if ctx.triggered_id == ids.OVERVIEW_PLAY:
        if not stopped or not last:
            return True, t("overview.play", lang), no_update
        return False, t("overview.pause", lang), 0 if pos >= last else no_update
    if pos >= last:
        return True, t("overview.play", lang), no_update
    done = pos + 1 >= last
    return done, t("overview.play" if done else "overview.pause", lang), pos + 1


# The slider's thumb (role=slider) has neither a name nor a readable value (it runs over positions):
# point it at the visible "Year" label and give the year as its aria-valuetext. The slider loads
# asynchronously, so look for its thumb a few times.
clientside_callback(
    """function(marks, pos) {
        let tries = 0;
        const name = function() {
            const thumb = document.querySelector('#SLIDER [role="slider"]');
            if (thumb) {
                thumb.setAttribute('aria-labelledby', 'LABEL');
                if (marks && marks[pos] !== undefined) { thumb.setAttribute('aria-valuetext', marks[pos]); }
            } else if (++tries < 50) { setTimeout(name, 100); }
        };
        name();
        return window.dash_clientside.no_update;
    }""".replace("SLIDER", ids.OVERVIEW_YEAR_SLIDER).replace("LABEL", ids.OVERVIEW_YEAR_LABEL),
    Output(ids.OVERVIEW_YEAR_NOTE, "id"), Input(ids.OVERVIEW_YEAR_SLIDER, "marks"),
    Input(ids.OVERVIEW_YEAR_SLIDER, "value"),
)
