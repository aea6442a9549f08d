"""HTTP requests under /api/v1 and /healthz -> validated filters -> warehouse rows -> JSON, CSV, XLSX or Parquet."""
from __future__ import annotations

import json

import duckdb
from flask import Blueprint, Flask, Response, g, jsonify, request

from dashboard import db, exports, exports_stream, openapi
from dashboard.exports_filter import YEARS, Filter, codes, current_vocabulary, parse, single, year
from dashboard.exports_http import (cached, client_has, etag_for, file_response, format_param, install, known_params,
                                    lang_param, not_modified, remember_build, routing_error, unknown_route)

bp = Blueprint("api", __name__, url_prefix="/api/v1")
FILTER_PARAMS = {"country", "region", "indicator", "source", "scope", "flag", "year_from", "year_to", "preferred"}
AGGREGATE_PARAMS = {"region", "indicator", "scope", "year_from", "year_to"}
TABLE_FORMATS = ("json", "csv")  # reference tables and aggregates; observations have every exports.FORMATS
REFERENCE = {"countries": "api_countries", "indicators": "api_indicators", "sources": "export_sources",
             "scopes": "api_scopes", "flags": "api_flags", "regions": "api_regions"}


def observations_response(flt: Filter, lang: str, fmt: str, attach: bool) -> Response:
    """The filtered rows in `fmt`, with ETag and cache headers (shared by the API and /download)."""
    b = exports.build()
    g.build_id = b.build_id
    etag = etag_for(b.build_id)
    if client_has(etag):
        return not_modified(etag)
    body, summary = exports_stream.files.get(flt, b, lang, fmt)
    name = exports.file_name(summary, flt, b, fmt) if attach or fmt in ("xlsx", "parquet") else None
    return cached(body_response(body, fmt, name), etag)


def body_response(body: exports_stream.Body, fmt: str, name: str | None) -> Response:
    """A small file from memory; a large one streamed from disk in blocks, with its length."""
    if body.in_memory:
        return file_response(body.read(), fmt, name)
    resp = file_response(body.stream(), fmt, name)
    resp.headers["Content-Length"] = str(body.size)
    return resp


def table_response(query: str, params: dict, fmt: str, lang: str, stem: str) -> Response:
    b = exports.build()
    g.build_id = b.build_id
    etag = etag_for(b.build_id)
    if client_has(etag):
        return not_modified(etag)
    df = db.query(query, **params)
    data = exports.to_csv(df, list(df.columns)) if fmt == "csv" else \
        exports.to_json(df, b, lang, columns=list(df.columns))
    name = f"{exports.STEM}_{stem}_{b.date}.csv" if fmt == "csv" else None
    return cached(file_response(data, fmt, name), etag)


@bp.get("/observations")
def observations():
    known_params(FILTER_PARAMS)
    lang, fmt = lang_param(), format_param(tuple(exports.FORMATS))
    return observations_response(parse(request.args, current_vocabulary()), lang, fmt, attach=False)


@bp.get("/aggregates")
def aggregates():
    known_params(AGGREGATE_PARAMS)
    lang, fmt = lang_param(), format_param(TABLE_FORMATS)
    vocab = current_vocabulary()
    lists = {f"{p}s": list(codes(p, request.args.getlist(p), vocab.get(p, [])))
             for p in ("region", "indicator", "scope")}
    years = {p: year(p, single(request.args, p)) for p in YEARS}
    return table_response("api_aggregates", {**lists, **years}, fmt, lang, "aggregates")


def _reference(name: str):
    def view():
        known_params(set())
        lang, fmt = lang_param(), format_param(TABLE_FORMATS)
        return table_response(REFERENCE[name], {}, fmt, lang, name)
    view.__name__ = name
    return view


for _name in REFERENCE:
    bp.add_url_rule(f"/{_name}", view_func=_reference(_name), methods=["GET"])


@bp.get("/openapi.json")
def openapi_document():
    known_params(set())
    g.build_id = exports.build().build_id
    return jsonify(openapi.document(current_vocabulary(), lang_param()))


@bp.get("/")
def index():
    return jsonify({"openapi": request.url_root + "api/v1/openapi.json",
                    "endpoints": sorted(f"/api/v1/{n}" for n in ["observations", "aggregates", *REFERENCE])})


def healthz():
    """200 with the build id when the warehouse answers; 503 with the reason when it does not."""
    try:
        b = exports.build()
    except (db.WarehouseUnavailable, duckdb.Error) as e:
        body = {"status": "unavailable", "reason": str(e) if isinstance(e, db.WarehouseUnavailable)
                else f"warehouse unreadable: {type(e).__name__}"}
        return Response(json.dumps(body), status=503, mimetype="application/json",
                        headers={"Cache-Control": "no-store", "Retry-After": "60"})
    body = {"status": "ok", "build_id": b.build_id, "release": b.release, "built_at": b.built_at}
    return Response(json.dumps(body), mimetype="application/json",
                    headers={"Cache-Control": "no-store", "X-Build-Id": b.build_id})


def register(server: Flask) -> None:
    """The API, /healthz and /download/* on the Flask server under Dash (one call in create_app)."""
    from dashboard import downloads

    server.register_blueprint(bp)
    server.register_blueprint(outside)
    server.register_error_handler(404, routing_error)
    server.register_error_handler(405, routing_error)
    downloads.register(server)


# /healthz and the catch-all for unknown /api paths live outside /api/v1 but answer like the API.
outside = Blueprint("api_outside", __name__)
outside.add_url_rule("/healthz", view_func=healthz, methods=["GET"])
for _rule in ("/api", "/api/", "/api/<path:rest>"):
    outside.add_url_rule(_rule, endpoint=f"unknown{_rule.count('/')}{'rest' in _rule}", view_func=unknown_route,
                         methods=["GET"])
bp.add_url_rule("/<path:rest>", view_func=unknown_route, methods=["GET"])
bp.before_request(remember_build)
install(bp)
install(outside)
