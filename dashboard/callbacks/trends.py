"""/trends view state (URL fields, whitelists) -> queries -> the chart, its summary sentence and its tables."""
from __future__ import annotations

from dash import Input, Output, State, callback, html

from dashboard import components, controls, db, ids, urlstate
from dashboard.figures import trends as fig
from dashboard.figures.wording import (
    Context,
    gap_text,
    projection_text,
    share_text,
    value_text,
)
from dashboard.i18n import lang_or_default, t
from dashboard.tables import folded, table

DEFAULT_SCOPE = "police_officers"
DEFAULT_REGIONS = ["osce"]
MODES = ("unweighted", "pooled")   # unweighted first: few States report the counts a pooled share needs
REFS = (30, 50)
MAX_SERIES = 12                    # more lines than this cannot be told apart


def default_countries() -> list[str]:
    """Central Asian States with data plus their best-covered neighbours, as the warehouse has it today."""
    return db.query("trends_default_countries", scope=DEFAULT_SCOPE)["iso3"].tolist()


class DataDefaultField(urlstate.Field):
    """A Field whose default is a function, called when read: the default selection depends on the data served."""

    def __getattribute__(self, name):
        value = super().__getattribute__(name)
        return value() if name == "default" and callable(value) else value


def _whitelisted(values, allowed: list[str], upper: bool = False) -> list[str]:
    kept = []
    for value in values or []:
        value = str(value).strip().upper() if upper else str(value).strip()
        if value in allowed and value not in kept:
            kept.append(value)
    return kept[:MAX_SERIES]


def clean_countries(values) -> list[str]:
    return _whitelisted(values, db.query("trends_countries")["iso3"].tolist(), upper=True)


def clean_regions(values) -> list[str]:
    return _whitelisted(values, db.query("trends_regions")["code"].tolist())


def clean_scope(value) -> str:
    return value if value in db.query("trends_scopes")["code"].tolist() else DEFAULT_SCOPE


def clean_mode(value) -> str:
    return value if value in MODES else MODES[0]


def clean_refs(values) -> list[int]:
    wanted = {str(v).strip() for v in values or []}
    return [ref for ref in REFS if str(ref) in wanted]


FIELDS = [
    DataDefaultField("countries", ids.TRENDS_COUNTRIES, default_countries, "list", clean=clean_countries),
    urlstate.Field("regions", ids.TRENDS_REGIONS, DEFAULT_REGIONS, "list", clean=clean_regions),
    urlstate.Field("scope", ids.TRENDS_SCOPE, DEFAULT_SCOPE, clean=clean_scope),
    urlstate.Field("mode", ids.TRENDS_MODE, MODES[0], prop="data", clean=clean_mode),
    urlstate.Field("ref", ids.TRENDS_REF, list(REFS), "list", prop="data", clean=clean_refs),
]
urlstate.register("trends", FIELDS)
controls.register_toggles(ids.TRENDS_MODE)
controls.register_toggles(ids.TRENDS_REF, multi=True)


@callback(
    Output(ids.TRENDS_GRAPH, "figure"), Output(ids.TRENDS_SUMMARY, "children"), Output(ids.TRENDS_LATEST, "children"),
    Output(ids.TRENDS_COVERAGE, "children"), Output(ids.TRENDS_DATA, "children"),
    [Input(f.component, f.prop) for f in FIELDS], State(ids.LANG, "data"),
    prevent_initial_call=True,  # the layout renders the first view itself
)
def update(countries, regions, scope, mode, refs, lang):
    state = {"countries": clean_countries(countries), "regions": clean_regions(regions), "scope": clean_scope(scope),
             "mode": clean_mode(mode), "ref": clean_refs(refs)}
    view = render(state, lang_or_default(lang))
    return (view["figure"], components.chart_summary(view["summary"]), view["latest"], view["coverage"],
            view["data"])


def context(scope: str, lang: str) -> Context:
    """Labels in the language: the scope's, every flag's and every source's (publisher, from the warehouse)."""
    flags, sources, scopes = db.query("trends_flags"), db.query("trends_sources"), db.query("trends_scopes")
    scope_label = scopes.loc[scopes["code"] == scope, f"label_{lang}"].iloc[0]
    return Context(lang, scope_label, dict(zip(flags["code"], flags[f"label_{lang}"])),
                   dict(zip(sources["id"], sources[f"publisher_{lang}"])))


def render(state: dict, lang: str) -> dict:
    """Everything the page shows for one view state: figure, summary sentence and three tables."""
    ctx = context(state["scope"], lang)
    countries = db.query("trends_countries")
    names = dict(zip(countries["iso3"], countries[f"name_{lang}"]))
    series = db.query("trends_series", countries=state["countries"], scope=state["scope"])
    regional = db.query("trends_regional", regions=state["regions"], scope=state["scope"])
    lines = fig.colour(fig.country_lines(series, state["countries"], names)
                       + fig.region_lines(regional, state["regions"], state["mode"], lang))
    drawn = [line for line in lines if line.points]
    source = t("trends.source_line", lang, sources=ctx.sources_text(p["source_id"] for line in drawn
                                                                      for p in line.points))
    figure = fig.figure(drawn, state["ref"], ctx, t("trends.chart_title", lang, scope=ctx.scope_label), source)
    return {"figure": figure, "summary": summary(lines, state["ref"], ctx),
            "latest": latest_section(lines, state["ref"], ctx),
            "coverage": coverage_section([line for line in lines if line.kind == "region"], names, ctx),
            "data": data_section(drawn, ctx)}


def summary(lines: list[fig.Line], refs: list[int], ctx: Context) -> str:
    """One sentence: each line's latest figure (with the gap to the lowest reference line), then what is missing."""
    lang = ctx.lang
    if not lines:
        return t("trends.summary_empty", lang)
    clauses = []
    for line in (line for line in lines if line.exact):
        last = line.exact[-1]
        clause = t("trends.summary_clause", lang, name=line.name, value=share_text(last["value"], lang),
                   year=last["year"])
        if line.kind == "region":
            clause += " (" + t(last["coverage_key"], lang, n=last["n"], total=last["n_of"]) + ")"
        if refs:
            clause += ", " + gap_text(last["value"], min(refs), lang)
        clauses.append(clause)
    missing = [line.name for line in lines if not line.exact]
    text = t("trends.summary_intro", lang, scope=ctx.scope_label, clauses="; ".join(clauses)) if clauses else ""
    if missing:
        text = " ".join(filter(None, [text, t("trends.summary_missing", lang, names=", ".join(missing))]))
    return text


def latest_section(lines: list[fig.Line], refs: list[int], ctx: Context) -> list:
    """The latest figure of every line, its gap to each reference line and where its trend leads."""
    lang = ctx.lang
    if not lines:
        return []
    rows = []
    for line in lines:
        if not line.exact:
            rows.append([line.name, t("trends.latest_none", lang)] + [""] * (len(refs) + 1))
            continue
        last = line.exact[-1]
        proj = line.projection()
        trend = projection_text(proj, lang) if proj else t("trends.proj_region", lang)
        rows.append([line.name, f"{share_text(last['value'], lang)} ({last['year']})"]
                    + [gap_text(last["value"], r, lang) for r in refs] + [trend])
    headers = ([t("trends.col_series", lang), t("trends.col_latest", lang)]
               + [t("trends.col_gap", lang, ref=share_text(r, lang)) for r in refs] + [t("trends.col_trend", lang)])
    return [html.H2(t("trends.latest_heading", lang)),
            table(t("trends.latest_caption", lang, scope=ctx.scope_label), headers, rows, numeric=(1,),
                  class_name="trends-table")]


def coverage_section(lines: list[fig.Line], names: dict[str, str], ctx: Context) -> list:
    """Per region and year: the aggregate, how many members it covers and which ones."""
    lang = ctx.lang
    if not lines:
        return []
    rows = [[line.name, p["year"], share_text(p["value"], lang), t("trends.n_of", lang, n=p["n"], total=p["n_of"]),
             ", ".join(names.get(iso3, iso3) for iso3 in p["members"].split(";") if iso3)]
            for line in lines for p in line.points]
    empty = [line.name for line in lines if not line.points]
    headers = [t(f"trends.col_{k}", lang) for k in ("series", "year", "value", "reporting", "members")]
    body = [table(t("trends.coverage_caption", lang, scope=ctx.scope_label), headers, rows, numeric=(1, 2, 3),
                  class_name="trends-table")]
    if empty:
        body.insert(0, html.P(t("trends.coverage_empty", lang, names=", ".join(empty))))
    return [folded(t("trends.coverage_heading", lang), *body, class_name="trends-details")]


def data_section(lines: list[fig.Line], ctx: Context) -> list:
    """Every point drawn, with its flags and source: the chart as a table."""
    lang = ctx.lang
    rows = [[line.name, p["year"], value_text(p, lang), ctx.flags_text(p["flags"]),
             t(p["coverage_key"], lang, n=p["n"], total=p["n_of"]) if "n" in p
             else ctx.source_text(p["source_id"], p["vintage"])]
            for line in lines for p in line.points]
    headers = [t(f"trends.col_{k}", lang) for k in ("series", "year", "value", "flags", "source")]
    return [folded(t("trends.data_heading", lang),
                   table(t("trends.data_caption", lang, scope=ctx.scope_label), headers, rows, numeric=(1, 2),
                         class_name="trends-table"),
                   class_name="trends-details")]
