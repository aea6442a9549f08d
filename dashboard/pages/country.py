"""/country/<ISO3>: one State's figures by source, release and scope, its rank, change, notes and gaps -> a profile."""
from __future__ import annotations

from collections import namedtuple
from urllib.parse import urlencode

import dash
import pandas as pd
from dash import dcc, html

from dashboard import components, ids, projection
from dashboard.callbacks import country as callbacks
from dashboard.controls import labelled
from dashboard.figures import country as fig
from dashboard.figures import style
from dashboard.figures.wording import Context, share_text
from dashboard.i18n import lang_or_default, number, t
from dashboard.pages import country_associations
from dashboard.tables import table

dash.register_page(__name__, path_template="/country/<iso3>", path="/country", title_key="country.page_title")

TEMPLATE_URL = "/download/template.xlsx"
TEMPLATE_COMMAND = "python -m etl template"
WOMEN_ROLES = ("women", "share", "share_avg3")
SPANS = (5, 10)
TABLE_LIMIT = 100   # rows of the data table rendered (the densest real State holds 40); the rest: CSV, explorer
BOUND_KEYS = {"lower": "country.bound_lower", "upper": "country.bound_upper"}
# A row of the data table: the series' columns it shows, then those read in the page's language (<name>_<lang>).
TableRow = namedtuple("TableRow", ["year", "value", "unit", "bound", "source_id", "vintage", "flags", "note", "url",
                                   "rank", "n_alternatives", "previous_vintage_value",
                                   "indicator", "scope", "citation"])


def layout(lang: str = "en", iso3: str = "", **_query) -> html.Div:
    """The profile, or an honest 'no such profile' with the picker when the code is not a participating State."""
    lang = lang_or_default(lang)
    code = (iso3 or "").strip().upper()[:12]
    data = callbacks.load(code)
    if data["info"].empty:
        return html.Div([html.H1(t("country.not_found_title", lang)),
                         html.P(t("country.not_found_body", lang, code=code or "—")), picker("", lang)],
                        className="page page-country")
    info, ctx = data["info"].iloc[0], callbacks.context(lang)
    name = info[f"name_{lang}"]
    has_women = data["series"]["role"].isin(WOMEN_ROLES).any()
    blocks = [
        ("country.data_heading", None, data["series"], lambda: data_table(data["series"], ctx, code)),
        ("country.undated_heading", "country.undated_intro", data["undated"],
         lambda: undated_table(data["undated"], ctx)),
        ("country.targets_heading", "country.targets_intro", data["targets"],
         lambda: targets_table(data["targets"], lang)),
        ("country.flags_heading", None, data["flags"], lambda: flags_list(data["flags"], lang)),
        ("country.sources_heading", None, data["sources"].query("n_values > 0"),
         lambda: sources_list(data["sources"], lang)),
    ]
    return html.Div([
        html.Div([html.Div([html.H1(name), html.P(t("country.region", lang, region=info[f"region_{lang}"]),
                                                  className="lede")]),
                  picker(code, lang)], className="country-head"),
        *(overview(name, data, ctx) if has_women else [empty_state(name, data, lang)]),
        *[section(heading, intro, build(), lang) for heading, intro, frame, build in blocks if not frame.empty],
        country_associations.section(code, name, lang),
    ], className="page page-country")


def section(heading_key: str, intro_key: str | None, body, lang: str) -> html.Section:
    intro = [html.P(t(intro_key, lang))] if intro_key else []
    return html.Section([html.H2(t(heading_key, lang)), *intro, body], className="country-section")


def picker(code: str, lang: str) -> html.Div:
    opts = callbacks.options().sort_values(f"name_{lang}")
    dropdown = dcc.Dropdown(id=ids.COUNTRY_SELECT, value=code or None, clearable=False,
                            placeholder=t("country.picker_placeholder", lang),
                            labels={"search": t("country.picker_search", lang),
                                    "no_options_found": t("country.picker_none", lang)},
                            options=[{"label": name, "value": iso3}   # columns, not a Series per row
                                     for name, iso3 in zip(opts[f"name_{lang}"].tolist(), opts["iso3"].tolist())])
    return labelled(t("country.picker_label", lang), dropdown, ids.COUNTRY_SELECT, "country-picker")


def overview(name: str, data: dict, ctx: Context) -> list:
    """Key figures per scope, then the chart of every share series with its one-sentence summary."""
    lang = ctx.lang
    series = data["series"]
    source = fig.source_line(series, data["neighbours"], ctx)
    parts = []
    if fig.headline(series) is not None:
        parts.append(html.Section([html.H2(t("country.key_heading", lang)), key_table(series, data["rank"], lang)],
                                  className="country-section"))
    n_series = fig.n_share_series(series)
    if not n_series:
        return parts + [html.P(t("country.no_share", lang), className="country-help")]
    figure = fig.figure(series, data["neighbours"], data["targets"], ctx, t("country.chart_title", lang, name=name),
                        source)
    return parts + [
        html.Figure([
            dcc.Graph(id=ids.COUNTRY_GRAPH, figure=figure, config=style.graph_config(lang, "women-police-country"),
                      className="country-graph", responsive=True),
            html.Figcaption(components.chart_summary(fig.summary(name, series, ctx))),
        ], className="country-figure"),
        html.P(t("country.how_to_read", lang), className="country-help"),
        *([html.P(t("country.bundled_note", lang, n=n_series), className="country-help")]
          if n_series > fig.LEGEND_LIMIT else []),
    ]


def key_table(series: pd.DataFrame, rank: pd.DataFrame, lang: str) -> html.Table:
    """Per scope: latest preferred share, rank among reporting OSCE States that year, change over 5 and 10 years."""
    prefer = (series["indicator"] == fig.MAIN_INDICATOR) & (series["rank"] == 1) & (series["bound"] == "")
    # Column lists, not pandas per scope (a synthetic State has ~300 series): one exact preferred value per year
    # and scope, so each scope's rows in year order are its series.
    cols = fig.masked_columns(series, prefer,
                              ["scope_sort", "scope", "year", "value", "flags", "source_id", f"scope_{lang}"])
    groups: dict[tuple, list[int]] = {}
    for i in sorted(range(len(cols["year"])), key=lambda i: (cols["scope_sort"][i], cols["scope"][i], cols["year"][i])):
        groups.setdefault((cols["scope_sort"][i], cols["scope"][i]), []).append(i)
    placed = {}
    for row in rank.itertuples():
        placed.setdefault(row.scope, row)   # the first row of each scope
    rows = []
    for (_, scope), members in groups.items():
        last = members[-1]
        years, values = [int(cols["year"][i]) for i in members], [cols["value"][i] for i in members]
        starts = projection.break_starts([cols["flags"][i] for i in members], [cols["source_id"][i] for i in members])
        rows.append([cols[f"scope_{lang}"][last], f"{share_text(values[-1], lang)} ({years[-1]})",
                     fig.rank_text(placed[scope], lang) if scope in placed else t("country.rank_none", lang)]
                    + [fig.change_text(projection.change_over(years, values, starts, span), lang) for span in SPANS])
    headers = texts(("country.col_scope", "country.col_latest", "country.col_rank", "country.col_change_5",
                     "country.col_change_10"), lang)
    return table(t("country.key_caption", lang), headers, rows, numeric=(1,), class_name="country-table")


def texts(keys: tuple[str, ...], lang: str) -> list[str]:
    return [t(key, lang) for key in keys]


def value_text(value: float, unit: str, bound: str, lang: str) -> str:
    text = share_text(value, lang) if unit == "percent" else number(value, lang, 0 if value == int(value) else 1)
    return t(BOUND_KEYS[bound], lang, value=text) if bound else text


def document(citation: str, url: str):
    return html.A(citation, href=url, target="_blank", rel="noopener") if url else citation


def source_note(note: str):
    """A note as the source files give it (English): marked lang="en" for screen readers and hyphenation."""
    return html.Span(note, lang="en") if note else ""


def status_text(row, lang: str) -> str:
    """Preferred or alternative figure for its year, and the previous release's value when it was revised."""
    parts = [t("country.status_alternative" if row.rank > 1 else "country.status_preferred", lang)] \
        if row.n_alternatives > 0 else []
    if pd.notna(row.previous_vintage_value) and row.previous_vintage_value != row.value:
        parts.append(t("country.status_revised", lang, old=value_text(row.previous_vintage_value, row.unit, "", lang)))
    return "; ".join(parts)


def data_table(series: pd.DataFrame, ctx: Context, iso3: str):
    """Every figure held, or the first TABLE_LIMIT of them with a line saying so and links to all of them."""
    lang = ctx.lang
    shown = series.head(TABLE_LIMIT)
    columns = [shown[c].tolist() for c in TableRow._fields[:-3]] + \
        [shown[f"{c}_{lang}"].tolist() for c in TableRow._fields[-3:]]   # lists, not itertuples (per item)
    rows = [[r.year, r.indicator, r.scope, value_text(r.value, r.unit, r.bound, lang),
             ctx.source_text(r.source_id, r.vintage), ctx.flags_text(r.flags), source_note(r.note),
             document(r.citation, r.url), status_text(r, lang)]
            for r in map(TableRow._make, zip(*columns))]
    headers = texts(("country.col_year", "country.col_indicator", "country.col_scope", "country.col_value",
                     "country.col_source", "country.col_flags", "country.col_note", "country.col_document",
                     "country.col_status"), lang)
    body = table(t("country.data_caption", lang), headers, rows, numeric=(3,), class_name="country-table")
    if len(series) <= TABLE_LIMIT:
        return body
    extra = [("lang", lang)] if lang != "en" else []
    csv = urlencode([("country", iso3), ("preferred", "false"), *extra])
    explorer = urlencode([("country", iso3), ("preferred", "0"), *extra])
    line = html.P([t("country.table_capped", lang, shown=number(TABLE_LIMIT, lang), total=number(len(series), lang)),
                   " ", html.A(t("country.table_download", lang), href=f"/download/observations.csv?{csv}",
                               download=""),
                   " · ", dcc.Link(t("country.table_explorer", lang), href=f"/explorer?{explorer}")],
                  className="country-help country-table-capped")
    return html.Div([line, body])


def undated_table(undated: pd.DataFrame, ctx: Context) -> html.Table:
    lang = ctx.lang
    rows = [[getattr(r, f"indicator_{lang}"), getattr(r, f"scope_{lang}"), value_text(r.value, r.unit, "", lang),
             ctx.flags_text(r.flags), source_note(r.note), document(r.citation, r.url)] for r in undated.itertuples()]
    headers = texts(("country.col_indicator", "country.col_scope", "country.col_value", "country.col_flags",
                     "country.col_note", "country.col_document"), lang)
    return table(t("country.undated_caption", lang), headers, rows, numeric=(2,), class_name="country-table")


def targets_table(targets: pd.DataFrame, lang: str) -> html.Table:
    rows = [[r.year, getattr(r, f"indicator_{lang}"), getattr(r, f"scope_{lang}"),
             value_text(r.value, r.unit, "", lang), source_note(r.note), document(r.citation, r.url)]
            for r in targets.itertuples()]
    headers = texts(("country.col_target_year", "country.col_indicator", "country.col_scope", "country.col_target",
                     "country.col_note", "country.col_document"), lang)
    return table(t("country.targets_caption", lang), headers, rows, numeric=(3,), class_name="country-table")


def flags_list(flags: pd.DataFrame, lang: str) -> html.Dl:
    return html.Dl([part for _, r in flags.iterrows()
                    for part in (html.Dt(r[f"label_{lang}"]), html.Dd(r[f"definition_{lang}"]))],
                   className="country-flags")


def sources_list(sources: pd.DataFrame, lang: str) -> html.Ul:
    """The sources holding figures for the country, with citation, link and licence."""
    items = [html.Li([html.Strong(getattr(r, f"publisher_{lang}")), f" — {getattr(r, f'title_{lang}')}. ",
                      getattr(r, f"citation_{lang}"), " ",
                      *([html.A(t("country.source_link", lang), href=r.url, target="_blank", rel="noopener")]
                        if r.url else []),
                      html.Span(t("country.source_count", lang, n=r.n_values), className="country-source-count")])
             for r in sources[sources["n_values"] > 0].itertuples()]
    return html.Ul(items, className="country-sources")


def empty_state(name: str, data: dict, lang: str) -> html.Section:
    """No dated figure on women: say which sources were searched, what they hold, and how to send figures."""
    labels = dict(zip(data["series"]["indicator"], data["series"][f"indicator_{lang}"]))
    found = [html.Li(t("country.empty_source_nothing", lang, source=getattr(r, f"publisher_{lang}"))
                     if r.n_values == 0 else
                     t("country.empty_source_other", lang, source=getattr(r, f"publisher_{lang}"), n=r.n_values,
                       indicators=", ".join(labels.get(i, i) for i in r.indicators.split(";") if i)))
             for r in data["sources"].itertuples()]
    return html.Section([
        html.H2(t("country.empty_title", lang, name=name)),
        html.P(t("country.empty_body", lang, name=name)),
        html.Ul(found),
        html.P(t("country.empty_missing", lang)),
        *([html.P(t("country.empty_undated", lang, n=len(data["undated"])))] if len(data["undated"]) else []),
        html.H3(t("country.submit_heading", lang)),
        html.P([t("country.submit_body", lang), " ", html.A(t("country.submit_link", lang), href=TEMPLATE_URL)]),
        html.P([t("country.submit_command", lang), " ", html.Code(TEMPLATE_COMMAND)]),
    ], className="empty-state country-empty", role="status")
