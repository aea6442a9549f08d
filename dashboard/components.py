"""Layout pieces shared by every page: header with navigation and language switch, footer, page frame."""
from __future__ import annotations

from urllib.parse import urlencode

from dash import dcc, html

from dashboard import ids
from dashboard.callbacks import present_header
from dashboard.i18n import t

# (path, message key) in navigation order; pages register themselves, this only orders the menu.
NAV = [
    ("/", "nav.overview"),
    ("/trends", "nav.trends"),
    ("/country/KAZ", "nav.countries"),
    ("/coverage", "nav.coverage"),
    ("/associations", "associations.nav"),
    ("/sources", "nav.sources"),
    ("/explorer", "explorer.nav"),
    ("/present", "present.nav"),
]
# Pages with a component library of their own (AG Grid, 278 KB compressed): the other pages' HTML leaves its script
# out (router.page_scripts), so links to them load the page anew, with the script, instead of rendering in place.
OWN_LIBRARY = {"/explorer": "dash_ag_grid"}


def href(path: str, lang: str, **params) -> str:
    """A link inside the app that keeps the language."""
    query = {k: v for k, v in {**params, "lang": lang}.items() if v not in (None, "")}
    return path + ("?" + urlencode(query, safe=",") if query else "")


def header(lang: str, active: str) -> html.Header:
    section = (active.split("/") + ["", ""])[1]
    links = [
        dcc.Link(t(key, lang), href=href(path, lang), refresh=path in OWN_LIBRARY,
                 className="nav-link active" if path.split("/")[1] == section else "nav-link")
        for path, key in NAV
    ]
    switch = html.Div(
        [
            html.Button("EN", id=ids.LANG_EN, lang="en", className="lang-btn" + (" active" if lang == "en" else ""),
                        title=t("nav.switch_to_en", lang), **{"aria-pressed": "true" if lang == "en" else "false"}),
            html.Button("RU", id=ids.LANG_RU, lang="ru", className="lang-btn" + (" active" if lang == "ru" else ""),
                        title=t("nav.switch_to_ru", lang), **{"aria-pressed": "true" if lang == "ru" else "false"}),
        ],
        className="lang-switch", role="group", **{"aria-label": t("nav.language", lang)},
    )
    return html.Header(
        [
            html.A(t("nav.skip_to_content", lang), href="#" + ids.MAIN, className="skip-link", id=ids.SKIP_LINK),
            html.Div([
                html.Div(t("app.title", lang), className="brand"),
                html.Div(t("app.subtitle", lang), className="brand-sub"),
            ], className="brand-block"),
            html.Nav(links, className="nav", **{"aria-label": t("nav.main", lang)}),
            switch,
            present_header.widget(lang),
        ],
        className="site-header",
    )


def footer(lang: str, release: str | None) -> html.Footer:
    parts = [t("app.footer_grouping", lang)]
    if release:
        parts.append(t("app.footer_release", lang, release=release))
    return html.Footer([html.P(p) for p in parts], className="site-footer")


def frame(lang: str, path: str, body, release: str | None) -> list:
    return [header(lang, path), html.Main(body, id=ids.MAIN, tabIndex="-1", lang=lang), footer(lang, release)]


def chart_summary(text: str) -> html.P:
    """A one-sentence text equivalent of a chart, for screen readers and for everyone."""
    return html.P(text, className="chart-summary", **{"aria-live": "polite"})
