"""URL path -> the registered Dash page and its path variables; the page frame around its layout."""
from __future__ import annotations

import logging
import re

import dash
from dash import dcc, html

from dashboard import components, db, urlstate
from dashboard.i18n import t

log = logging.getLogger(__name__)


def match(pathname: str) -> tuple[dict | None, dict]:
    """The page whose path (or template like /country/<iso3>) matches, with the captured variables."""
    parts = [p for p in (pathname or "/").split("/") if p]
    for page in dash.page_registry.values():
        if "layout" not in page:  # a page module imported a second time under another name
            continue
        template = [p for p in (page.get("path_template") or page["path"]).split("/") if p]
        if len(template) != len(parts):
            continue
        variables = {}
        for want, got in zip(template, parts):
            if want.startswith("<") and want.endswith(">"):
                variables[want[1:-1]] = got
            elif want != got:
                break
        else:
            return page, variables
    return None, {}


def page_scripts(scripts: str, pathname: str) -> str:
    """The <script> tags of Dash's page for `pathname`, without the component libraries of other pages."""
    for path, library in components.OWN_LIBRARY.items():
        if (pathname or "/").rstrip("/") != path:
            scripts = re.sub(rf'<script src="[^"]*/_dash-component-suites/{library}/[^"]*"></script>\n?', "", scripts)
    return scripts


def not_found(lang: str) -> html.Div:
    return html.Div([
        html.H1(t("app.not_found_title", lang)),
        html.P(t("app.not_found_body", lang)),
        html.A(t("app.not_found_home", lang), href=components.href("/", lang)),
    ], className="page page-404")


def maintenance(lang: str, code: str) -> html.Div:
    return html.Div([
        html.H1(t("app.maintenance_title", lang)),
        html.P(t("app.maintenance_body", lang, reason=t(f"app.maintenance_reason_{code}", lang))),
    ], className="page page-maintenance", role="alert")


def render(pathname: str, lang: str, query: dict[str, str]) -> tuple[list, str]:
    """The whole page (header, main, footer) and the document title for a URL."""
    page, variables = match(pathname)
    try:
        release = db.query("build_info")["release"].iloc[0]
        if page is None:
            body, title = not_found(lang), t("app.not_found_title", lang)
        else:
            params = {k: v for k, v in query.items() if k != "lang"}
            name = page["module"].split(".")[-1]
            body = [dcc.Location(id=urlstate.location_id(name), refresh=False),
                    page["layout"](lang=lang, **{**params, **variables})]
            title = t(page["title_key"], lang)
    except db.WarehouseUnavailable as e:
        log.warning("warehouse unavailable: %s", e)
        return components.frame(lang, pathname, maintenance(lang, e.code), None), t("app.maintenance_title", lang)
    return components.frame(lang, pathname or "/", body, release), f"{title} · {t('app.title', lang)}"
