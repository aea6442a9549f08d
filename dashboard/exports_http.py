"""Flask request details shared by the API and downloads: parameters, ETag and cache headers, JSON errors."""
from __future__ import annotations

import hashlib
import json
import logging

import duckdb
from flask import Blueprint, Response, g, request
from werkzeug.exceptions import HTTPException

from dashboard import db, exports
from dashboard.exports_filter import BadParameter, single
from dashboard.i18n import LANGS, t

log = logging.getLogger(__name__)
MAX_AGE = 600  # seconds a proxy may reuse an answer without asking; the ETag then revalidates until the next build
COMPRESSED = (":br", ":gzip", ":deflate", ":zstd")  # flask-compress appends the coding to our ETag


def lang_param() -> str:
    value = single(request.args, "lang")
    if value is None:
        return "en"
    if value not in LANGS:
        raise BadParameter("lang", value, list(LANGS))
    return value


def format_param(allowed: tuple[str, ...]) -> str:
    value = single(request.args, "format")
    if value is None:
        return "json"
    if value not in allowed:
        raise BadParameter("format", value, list(allowed))
    return value


def known_params(allowed: set[str]) -> None:
    """A misspelt parameter would silently return everything: refuse it and say what exists."""
    for name in request.args:
        if name not in allowed | {"format", "lang"}:
            raise BadParameter(name, request.args.get(name, ""), sorted(allowed | {"format", "lang"}),
                               "unknown_parameter")


def etag_for(build_id: str) -> str:
    """Same build and same query string -> same tag; any new build changes every tag.

    The raw query string, not a sorted one: the order of repeated codes shows in the answer (filter, file name).
    """
    key = request.path.encode() + b"?" + request.query_string
    return f"{build_id}-{hashlib.sha256(key).hexdigest()[:16]}"


def client_has(etag: str) -> bool:
    tags = request.if_none_match
    if tags.star_tag:
        return True
    held = {tag.removesuffix(s) for tag in tags.as_set(include_weak=True) for s in COMPRESSED if tag.endswith(s)}
    return etag in held or etag in tags.as_set(include_weak=True)


def cached(resp: Response, etag: str) -> Response:
    resp.set_etag(etag)
    resp.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return resp


def not_modified(etag: str) -> Response:
    return cached(Response(status=304), etag)


def file_response(data: bytes, fmt: str, filename: str | None) -> Response:
    resp = Response(data, mimetype=exports.FORMATS[fmt][0].split(";")[0])
    if fmt == "csv":
        resp.headers["Content-Type"] = exports.FORMATS["csv"][0]
    if filename:
        resp.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp


def error(status: int, code: str, lang: str, **detail) -> Response:
    """Every error as JSON: status, a code, a message in the request's language, and what was wrong."""
    message = t(f"api.error_{code}", lang, **{k: v for k, v in detail.items() if isinstance(v, (str, int))})
    body = {"error": {"status": status, "code": code, "message": message, **detail}}
    if getattr(g, "build_id", None):
        body["build_id"] = g.build_id
    return Response(json.dumps(body, ensure_ascii=False), status=status, mimetype="application/json")


def request_lang() -> str:
    value = request.args.get("lang")
    return value if value in LANGS else "en"


def bad_parameter(e: BadParameter) -> Response:
    return error(400, e.reason, request_lang(), parameter=e.param, value=e.value, allowed=e.allowed)


def unavailable(e: Exception) -> Response:
    """503: the file is missing, unreadable or being replaced (a DuckDB error is logged whole: it may be a bug)."""
    log.warning("warehouse unavailable: %s", e, exc_info=not isinstance(e, db.WarehouseUnavailable))
    lang = request_lang()
    reason = (t(f"app.maintenance_reason_{e.code}", lang) if isinstance(e, db.WarehouseUnavailable)
              else type(e).__name__)
    resp = error(503, "unavailable", lang, reason=reason)
    resp.headers["Retry-After"] = "60"
    return resp


def unexpected(e: Exception) -> Response:
    if isinstance(e, HTTPException):
        return http_error(e)
    log.exception("unexpected error on %s", request.full_path)  # the traceback goes to the log, never to the client
    return error(500, "internal", request_lang())


def http_error(e: HTTPException) -> Response:
    code = {404: "not_found", 405: "method_not_allowed"}.get(e.code, "http")
    resp = error(e.code or 500, code, request_lang(), status_text=e.name)
    allow = dict(e.get_headers()).get("Allow")
    if allow:
        resp.headers["Allow"] = allow
    return resp


def stamp(resp: Response) -> Response:
    """Every API and download answer says which build it comes from."""
    build_id = getattr(g, "build_id", None)
    if build_id:
        resp.headers["X-Build-Id"] = build_id
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers.setdefault("Access-Control-Allow-Origin", "*")  # open data: any web page may read it
    return resp


def remember_build() -> None:
    """Resolve the build first: an unreadable warehouse then answers 503, and every answer names its build."""
    g.build_id = exports.build().build_id


def install(blueprint: Blueprint) -> None:
    """JSON errors (never a traceback) and the build stamp on every answer of a blueprint."""
    blueprint.register_error_handler(BadParameter, bad_parameter)
    blueprint.register_error_handler(db.WarehouseUnavailable, unavailable)
    blueprint.register_error_handler(duckdb.Error, unavailable)
    blueprint.register_error_handler(Exception, unexpected)
    blueprint.after_request(stamp)


def unknown_route(rest: str = ""):
    """Dash answers every other path with its page: under /api an unknown path is a JSON 404 instead."""
    return error(404, "not_found", request_lang(), path=request.path)


def routing_error(e: HTTPException):
    """404/405 raised by routing (no view ran): JSON under /api and /download, Flask's own answer elsewhere."""
    if request.path.startswith(("/api", "/download")):
        return http_error(e)
    return e
