"""/download/* requests -> files: filtered rows, the whole data package, chart images, the submission template."""
from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from flask import Blueprint, Flask, Response, request

from dashboard import api, exports, exports_charts, exports_package
from dashboard import exports_http as http
from dashboard.exports_filter import current_vocabulary, parse
from dashboard.urlstate import parse_search

bp = Blueprint("downloads", __name__, url_prefix="/download")
TEMPLATE_TYPES = {"csv": "text/csv; charset=utf-8",
                  "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def attachment(data, media_type: str, filename: str) -> Response:
    """`data`: bytes, or an iterator of bytes (a large file sent in blocks)."""
    resp = Response(data, mimetype=media_type.split(";")[0])
    resp.headers["Content-Type"] = media_type
    resp.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp


@bp.get("/observations.<fmt>")
def observations(fmt: str):
    """Exactly the rows the explorer shows for the same query (its links carry the filter, nothing else)."""
    if fmt not in exports.FORMATS:
        return http.unknown_route()
    http.known_params(api.FILTER_PARAMS)
    return api.observations_response(parse(request.args, current_vocabulary()), http.lang_param(), fmt, attach=True)


@bp.get("/package.zip")
def package():
    http.known_params(set())
    b = exports.build()
    etag = http.etag_for(b.build_id)
    if http.client_has(etag):
        return http.not_modified(etag)
    body, name = exports_package.package(http.lang_param())
    resp = attachment(body.read() if body.in_memory else body.stream(), "application/zip", name)
    if not body.in_memory:
        resp.headers["Content-Length"] = str(body.size)
    return http.cached(resp, etag)


@bp.get("/chart/<name>.<fmt>")
def chart(name: str, fmt: str):
    """A page's chart for that page's URL query (the same view state the page shows), as PNG or SVG."""
    if name not in exports_charts.CHARTS or fmt not in exports_charts.IMAGE_TYPES:
        return http.unknown_route()
    lang = http.lang_param()
    b = exports.build()
    etag = http.etag_for(b.build_id)
    if http.client_has(etag):
        return http.not_modified(etag)
    try:
        data = exports_charts.image(name, fmt, parse_search(request.query_string.decode("utf-8", "replace")), lang)
    except exports_charts.NoChart:
        return http.unknown_route()
    except exports_charts.ChartUnavailable as e:
        return http.error(503, "chart_unavailable", lang, reason=str(e))
    return http.cached(attachment(data, exports_charts.IMAGE_TYPES[fmt],
                                 f"{exports.STEM}_{name}_{lang}_{b.date}.{fmt}"), etag)


@functools.lru_cache(maxsize=1)
def template_files() -> dict[str, bytes]:
    """The blank national submission template, written once per process by the ETL's own writer."""
    from etl.sources.submissions import write_template

    with tempfile.TemporaryDirectory() as tmp:
        return {Path(p).suffix.lstrip("."): Path(p).read_bytes() for p in write_template(Path(tmp))}


@bp.get("/template.<fmt>")
def template(fmt: str):
    if fmt not in TEMPLATE_TYPES:
        return http.unknown_route()
    http.known_params(set())
    return attachment(template_files()[fmt], TEMPLATE_TYPES[fmt], f"submission_template.{fmt}")


bp.add_url_rule("/<path:rest>", view_func=http.unknown_route, methods=["GET"])
bp.before_request(http.remember_build)
http.install(bp)


def register(server: Flask) -> None:
    server.register_blueprint(bp)

