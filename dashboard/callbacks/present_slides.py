"""A deck slide (page, chart, view) + language -> what the slide shows: chart, takeaway, summary, table, links."""
from __future__ import annotations

from dataclasses import dataclass, field

import plotly.graph_objects as go
from dash import html

from dashboard import db, takeaways, urlstate
from dashboard.callbacks import country as country_cb
from dashboard.callbacks import coverage as coverage_cb
from dashboard.callbacks import overview as overview_cb
from dashboard.callbacks import trends as trends_cb
from dashboard.deck import Slide, page_of
from dashboard.figures import country as country_fig
from dashboard.figures import present as look
from dashboard.i18n import t


CHART_TITLES = {"map": "present.chart_title_map", "ranking": "present.chart_title_ranking",
                "lines": "present.chart_title_lines", "profile": "present.chart_title_profile",
                "matrix": "present.chart_title_matrix"}


@dataclass
class Rendered:
    """One slide in one language, before it is packed for the browser."""

    figure: go.Figure | None
    summary: str
    table: object
    view: dict[str, str]                                   # the view as shown, defaults resolved (for links)
    context: dict = field(default_factory=dict)            # what takeaway generators may use: year, scope, ...


def text(value: dict, lang: str, fallback: str = "") -> str:
    """A deck text field in `lang`: a catalog key, literal text, or the fallback when empty."""
    if "key" in value:
        return t(value["key"], lang)
    return value.get(lang) or fallback


def _empty(message: str, view: dict) -> Rendered:
    return Rendered(None, message, html.P(message), view)


def _memo(memo: dict, key: tuple, make):
    """Slides showing the same view (map and ranking of one year) share one rendering of the page."""
    if key not in memo:
        memo[key] = make()
    return memo[key]


def render_overview(slide: Slide, lang: str, memo: dict) -> Rendered:
    state = urlstate.read(overview_cb.FIELDS, slide.view)
    parts = _memo(memo, ("/", state["year"], state["scope"], lang),
                  lambda: overview_cb.view(state["year"], state["scope"], lang))
    if parts["year"] is None:
        return _empty(t("overview.no_years", lang), slide.view)
    year, scope = parts["year"], state["scope"]
    states = _memo(memo, ("states", year, scope), lambda: db.query("present_states", year=year, scope=scope))
    # A copy: restyling changes the figure, and the memo hands the same page to every slide of this view.
    figure = look.slide_figure(go.Figure(parts[slide.chart]), slide.chart, lang, states)
    view = {**slide.view, "year": str(year), "scope": scope}
    return Rendered(figure, parts[f"{slide.chart}_summary"], parts["table"], view,
                    {"year": year, "scope": scope, "scope_label": overview_cb.scope_label(scope, lang),
                     "states": states})


def render_trends(slide: Slide, lang: str, memo: dict) -> Rendered:
    state = urlstate.read(trends_cb.FIELDS, slide.view)
    parts = trends_cb.render(state, lang)
    figure = look.slide_figure(parts["figure"], slide.chart, lang)
    view = {**slide.view, **{k: ",".join(map(str, v)) if isinstance(v, list) else str(v) for k, v in state.items()}}
    context = {"scope": state["scope"], "scope_label": trends_cb.context(state["scope"], lang).scope_label,
               "countries": state["countries"]}
    return Rendered(figure, parts["summary"], parts["data"], view, context)


def render_country(slide: Slide, lang: str, memo: dict) -> Rendered:
    """The profile's chart, assembled as the country page assembles it; a State without a series says so."""
    code = slide.page.rsplit("/", 1)[-1].upper()
    data = country_cb.load(code)
    if data["info"].empty:
        return _empty(t("country.not_found_title", lang), slide.view)
    name, ctx, series = data["info"].iloc[0][f"name_{lang}"], country_cb.context(lang), data["series"]
    summary = country_fig.summary(name, series, ctx)
    shares = series[series["role"].isin(country_fig.SHARE_ROLES)]
    if shares.empty:
        return Rendered(None, summary, html.P(summary), slide.view, {"countries": [code]})
    used = sorted(set(shares["source_id"]))
    source = t("country.source_line", lang, sources="; ".join(ctx.source_names.get(s, s) for s in used))
    figure = country_fig.figure(series, data["neighbours"], data["targets"], ctx,
                                t("country.chart_title", lang, name=name), source)
    return Rendered(look.slide_figure(figure, slide.chart, lang), summary, share_table(shares, ctx), slide.view,
                    {"countries": [code], "scope": shares.sort_values("scope_sort").iloc[0]["scope"]})


def share_table(shares, ctx) -> html.Table:
    """Every share figure of the profile's chart: year, scope, value, source, flags (the chart as a table)."""
    lang = ctx.lang
    heads = [t(k, lang) for k in ("present.col_year", "present.col_scope", "present.col_value", "present.col_source",
                                  "present.col_flags")]
    rows = [html.Tr([html.Th(str(r.year), scope="row"), html.Td(getattr(r, f"scope_{lang}")),
                     html.Td(takeaways.share(r.value, lang)), html.Td(ctx.source_text(r.source_id, r.vintage)),
                     html.Td(ctx.flags_text(r.flags))]) for r in shares.sort_values(["scope_sort", "year"]).itertuples()]
    return html.Table([html.Thead(html.Tr([html.Th(h, scope="col") for h in heads])), html.Tbody(rows)],
                      className="data")


def render_coverage(slide: Slide, lang: str, memo: dict) -> Rendered:
    state = urlstate.read(coverage_cb.FIELDS, slide.view)
    parts = coverage_cb.view(state["source"], lang)
    summary = parts["summary"].children if hasattr(parts["summary"], "children") else str(parts["summary"])
    return Rendered(look.slide_figure(parts["matrix"], slide.chart, lang), summary, parts["table"],
                    {**slide.view, "source": state["source"]}, {"scope": "police_officers"})


RENDERERS = {"/": render_overview, "/trends": render_trends, "/country/<iso3>": render_country,
             "/coverage": render_coverage}


def render(slide: Slide, lang: str, memo: dict | None = None) -> Rendered:
    """`memo` is shared by the slides of one deck: a view used twice is queried once."""
    return RENDERERS[page_of(slide.page)](slide, lang, {} if memo is None else memo)


def _since(scope: str) -> int | None:
    """The last of the best-covered years: 'recent' in the gaps takeaway means a figure from then or later."""
    covered = takeaways.best_covered(db.query("present_aggregate", scope=scope).query("region == 'osce'"))
    return int(covered["year"].max()) if len(covered) else None


def _standing(ctx: dict, lang: str) -> str:
    return takeaways.osce_standing(ctx["year"], ctx["scope_label"], db.query("present_aggregate", scope=ctx["scope"]),
                                   ctx["states"], lang)


def _reach(ctx: dict, lang: str) -> str:
    return takeaways.reach_30(ctx["year"], ctx["scope_label"], ctx["states"], lang)


def _neighbours(ctx: dict, lang: str) -> str:
    latest = db.query("present_latest", countries=ctx["countries"], scope=ctx["scope"])
    return takeaways.ca_neighbours(ctx["scope_label"], latest, ctx["countries"], lang)


def _trend(ctx: dict, lang: str) -> str:
    return takeaways.trend_30(ctx["scope_label"], db.query("present_aggregate", scope=ctx["scope"]), lang)


def _gaps(ctx: dict, lang: str) -> str:
    return takeaways.gaps(db.query("present_gaps"), _since(ctx.get("scope", "police_officers")), lang)


# Generated takeaways: the context keys each needs (a slide whose page lacks them falls back to its summary).
GENERATORS = {
    "osce_standing": (("year", "scope", "states"), _standing),
    "reach_30": (("year", "scope", "states"), _reach),
    "ca_neighbours": (("countries", "scope"), _neighbours),
    "trend_30": (("scope",), _trend),
    "gaps": ((), _gaps),
}


def takeaway(slide: Slide, rendered: Rendered, lang: str) -> str:
    """The slide's one line: its own text, or generated now from the warehouse being served."""
    name = slide.takeaway.get("auto")
    if name is None:
        return text(slide.takeaway, lang, rendered.summary)
    needs, generate = GENERATORS.get(name, ((None,), None))
    if generate is None or not all(k in rendered.context for k in needs):
        return rendered.summary
    return generate(rendered.context, lang)


def title(slide: Slide, lang: str) -> str:
    return text(slide.title, lang, t(CHART_TITLES[slide.chart], lang))
