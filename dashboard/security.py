"""Every HTTP answer -> with security headers (a CSP built from Dash's script hashes, frame-ancestors from
FRAME_ANCESTORS); an unexpected error -> a short bilingual page, its traceback only in the log."""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from html import escape

import dash
import dash.exceptions
from flask import Flask, Response, request
from werkzeug.exceptions import InternalServerError

from dashboard import config
from dashboard.i18n import LANGS, t

log = logging.getLogger(__name__)
# A Dash callback request is a few kB (the deck upload, the largest, is capped at 64 kB before base64).
MAX_REQUEST_BYTES = 2_000_000
# One frame-ancestors source: a keyword, or a scheme/host with an optional '*.' and port (no ';' or ',' that
# could end the directive and smuggle in another).
SOURCE = re.compile(r"'self'|'none'|https?:|(https?://)?(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:(\d{1,5}|\*))?")
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def frame_ancestors(value: str) -> str:
    """The FRAME_ANCESTORS setting, checked source by source (a bad value stops the app at start, loudly)."""
    sources = value.split()
    bad = [s for s in sources if not SOURCE.fullmatch(s)]
    if not sources or bad:
        raise ValueError(f"FRAME_ANCESTORS={value!r}: {bad or 'empty'} is not a CSP source list "
                         "('self', 'none', https://host or https://*.host, separated by spaces)")
    return " ".join(sources)


@lru_cache(maxsize=8)
def policy(script_hashes: tuple[str, ...], ancestors: str) -> str:
    """The Content-Security-Policy: scripts only from this server or inline ones whose hash Dash knows;
    inline styles allowed because plotly.js and React set style attributes."""
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(("'self'", *script_hashes)),
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": ancestors,
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def script_hashes(server: Flask) -> tuple[str, ...]:
    """Hashes of the inline scripts (clientside callbacks, the renderer) of the Dash app on this server; none
    for a server without one. Asked at each answer: pages add clientside callbacks after create_app returns."""
    try:
        app = dash.get_app()
    except dash.exceptions.AppNotFoundError:
        return ()
    return tuple(app.csp_hashes()) if app.server is server else ()


def frame_option(ancestors: str) -> str | None:
    """X-Frame-Options for browsers without frame-ancestors, where it can say the same thing."""
    return {"'none'": "DENY", "'self'": "SAMEORIGIN"}.get(ancestors)


def error_page(lang: str) -> str:
    title, body, home = (escape(t(key, lang)) for key in ("security.error_title", "security.error_body",
                                                          "security.error_home"))
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
            '<link rel="stylesheet" href="/assets/app.css"></head><body><main class="page" role="alert">'
            f'<h1>{title}</h1><p>{body}</p><p><a href="/?lang={lang}">{home}</a></p></main></body></html>')


def internal_error(e: InternalServerError) -> Response:
    """Flask has already logged the traceback; the visitor gets a plain page in their language, no detail."""
    lang = request.args.get("lang")
    lang = lang if lang in LANGS else "en"
    log.error("500 on %s %s (%s)", request.method, request.path, type(e.original_exception).__name__)
    return Response(error_page(lang), status=500, mimetype="text/html")


def register(server: Flask) -> None:
    """Headers on every answer, a size limit on requests, and the error page (one call in create_app)."""
    ancestors = frame_ancestors(config.get("FRAME_ANCESTORS"))
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    server.register_error_handler(InternalServerError, internal_error)

    @server.after_request
    def secure(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", policy(script_hashes(server), ancestors))
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if frame_option(ancestors):
            response.headers.setdefault("X-Frame-Options", frame_option(ancestors))
        return response
