"""The Dash app: pages from dashboard/pages, assets from assets/, routing with URL state; `server` for gunicorn."""
from __future__ import annotations

import json
import logging

from dash import Dash, Input, Output, State, dcc, html, no_update
from flask import request
from flask_compress import Compress

from dashboard import api, cache, components, config, ids, pdf, router, security
from dashboard.figures import prime as prime_figures
from dashboard.i18n import lang_or_default
from dashboard.urlstate import parse_search

ASSETS = config.ROOT / "assets"
# Dash's default page without <html lang>: screen readers need the language (set live on switching).
INDEX = """<!DOCTYPE html>
<html lang="en">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <div>
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""
PAGES = config.ROOT / "dashboard" / "pages"


class App(Dash):
    """Dash whose page HTML lists only the component scripts that page uses (AG Grid on /explorer only).
    plotly.js comes from assets/vendor/ (a bundle of the traces we draw): dcc.Graph finds window.Plotly and
    never fetches Dash's full copy."""

    def interpolate_index(self, **kwargs) -> str:
        kwargs["scripts"] = router.page_scripts(kwargs["scripts"], request.path)
        return super().interpolate_index(**kwargs)


def create_app() -> Dash:
    app = App(
        __name__,
        use_pages=True,
        pages_folder=str(PAGES),
        assets_folder=str(ASSETS),
        suppress_callback_exceptions=True,  # pages add their components after the first render
        serve_locally=True,
        title="Women in Police · OSCE",
        update_title=None,
    )
    app.index_string = INDEX
    app.layout = html.Div([
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.LANG),
        dcc.Store(id=ids.TITLE),
        html.Div(id=ids.PAGE, className="app"),
    ])
    config.public_url()  # a malformed PUBLIC_URL stops the app here, not on a slide's QR code
    _register_shell_callbacks(app)
    api.register(app.server)  # /api/v1/*, /healthz, /download/*
    pdf.register(app.server)  # /present/deck.pdf, /present/s/<deck>/<n>
    security.register(app.server)  # CSP and other headers, request size limit, error page without tracebacks
    cache.register(app.server)  # query results and callback answers per build; static-file caching
    _compress(app)
    prime_figures()  # each chart's layout frame in both languages, before the first request in either
    return app


def _compress(app: Dash) -> None:
    """Brotli (else gzip) for HTML, JSON and the JavaScript bundles (our plotly.js bundle is 1.4 MB raw)."""
    server = app.server
    server.config.update(
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_BR_LEVEL=5,
        COMPRESS_LEVEL=6,
        COMPRESS_MIN_SIZE=500,
        COMPRESS_MIMETYPES=["text/html", "text/css", "application/json", "application/javascript",
                            "text/javascript", "image/svg+xml"],
    )
    Compress(server)


def _register_shell_callbacks(app: Dash) -> None:
    @app.callback(Output(ids.LANG, "data"), Input(ids.URL, "search"), State(ids.LANG, "data"))
    def language(search, current):
        lang = lang_or_default(parse_search(search).get("lang"))
        return no_update if lang == current else lang

    @app.callback(Output(ids.PAGE, "children"), Output(ids.TITLE, "data"),
                  Input(ids.URL, "pathname"), Input(ids.LANG, "data"), State(ids.URL, "search"))
    def route(pathname, lang, search):
        lang = lang_or_default(lang)
        children, title = router.render(pathname, lang, parse_search(search))
        return children, {"title": title, "lang": lang}

    app.clientside_callback(
        """function(data) {
            if (data) { document.title = data.title; document.documentElement.lang = data.lang; }
            return window.dash_clientside.no_update;
        }""",
        Output(ids.TITLE, "id"), Input(ids.TITLE, "data"),
    )
    # A page with a library of its own reached without loading the page anew (links to it do load it anew):
    # load it now, with the library's script (router.page_scripts).
    app.clientside_callback(
        """function(pathname) {
            const library = OWN_LIBRARY[(pathname || '/').replace(/\\/$/, '')];
            const tag = 'script[src*="/_dash-component-suites/' + library + '/"]';
            if (library && !document.querySelector(tag)) { window.location.reload(); }
            return window.dash_clientside.no_update;
        }""".replace("OWN_LIBRARY", json.dumps(components.OWN_LIBRARY)),
        Output(ids.PAGE, "className"), Input(ids.URL, "pathname"),
    )
    # Language buttons rewrite only ?lang= and keep the rest of the view.
    app.clientside_callback(
        """function(en, ru, search) {
            // Fires when the header is rendered anew too: only a real click (n_clicks set) switches.
            const hit = dash_clientside.callback_context.triggered.filter(t => t.value);
            if (!hit.length) { return dash_clientside.no_update; }
            const lang = hit[0].prop_id.startsWith('%s.') ? 'ru' : 'en';
            // window.location, not the State: each page's own Location moves the URL without telling app-url.
            const params = new URLSearchParams(window.location.search);
            params.set('lang', lang);
            document.documentElement.lang = lang;
            return '?' + params.toString().replace(/%%2C/g, ',');
        }""" % ids.LANG_RU,
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.LANG_EN, "n_clicks"), Input(ids.LANG_RU, "n_clicks"), State(ids.URL, "search"),
        prevent_initial_call=True,
    )


logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
app = create_app()
server = app.server
