"""The warehouse's vocabulary -> the OpenAPI 3.1 document of /api/v1 in English or Russian (codes as enums)."""
from __future__ import annotations

from dashboard import exports
from dashboard.exports_filter import LISTS, MAX_VALUES, YEAR_MAX, YEAR_MIN
from dashboard.i18n import LANGS, t

STR, INT, NUM, BOOL = {"type": "string"}, {"type": "integer"}, {"type": "number"}, {"type": "boolean"}
NULL_NUM = {"type": ["number", "null"]}
BINARY = {"type": "string", "format": "binary"}
TYPES = {"": STR, "i": INT, "n": NUM, "n?": NULL_NUM, "b": BOOL}


def row(spec: str) -> dict:
    """'year:i value:n note' -> {'year': integer, 'value': number, 'note': string} (order kept)."""
    return {name: TYPES[kind] for name, _, kind in (f.partition(":") for f in spec.split())}


OBSERVATION = row("iso3 country region year:i indicator unit value:n scope flags bound source_id vintage citation url "
                  "note is_preferred:b")
AGGREGATE = row("region year:i indicator scope mean_share:n n_reporting:i n_members:i pooled_share:n? n_pooled:i "
                "women:n? total:n? members_reporting members_pooled")
LABELLED = row("code label_en label_ru definition_en definition_ru")
TABLES = {  # reference endpoint -> row schema
    "countries": row("iso3 iso2 m49 name_en name_ru region osce_participating:b is_central_asia:b eu_member:b "
                     "n_values:i"),
    "indicators": row("code unit grp role label_en label_ru definition_en definition_ru"),
    "sources": row("id precedence:i publisher title url licence citation"),
    "scopes": LABELLED,
    "flags": LABELLED,
    "regions": row("code name_en name_ru n_members:i members"),
}
ROW_FORMATS = list(exports.FORMATS)
TABLE_FORMATS = ["json", "csv"]


def _param(name: str, schema: dict, lang: str, doc: str | None = None) -> dict:
    return {"name": name.split("__")[0], "in": "query", "required": False, "schema": schema,
            "description": t(f"api.doc_{doc or name}", lang), **({"style": "form", "explode": True}
                                                               if schema.get("type") == "array" else {})}


def _parameters(vocab: dict[str, list[str]], lang: str) -> dict:
    year = {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX}
    params = {p: _param(p, {"type": "array", "maxItems": MAX_VALUES,
                            "items": {"type": "string", "enum": vocab.get(kind, [])}}, lang)
              for p, kind in LISTS.items()}
    params |= {p: _param(p, year, lang) for p in ("year_from", "year_to")}
    params["preferred"] = _param("preferred", {"type": "boolean", "default": True}, lang)
    params["lang"] = _param("lang", {"type": "string", "enum": list(LANGS), "default": "en"}, lang)
    params["format__rows"] = _param("format__rows", {"type": "string", "enum": ROW_FORMATS, "default": "json"},
                                    lang, "format")
    params["format__table"] = _param("format__table", {"type": "string", "enum": TABLE_FORMATS, "default": "json"},
                                     lang, "format")
    return params


def _envelope(row: dict, with_filter: bool = False) -> dict:
    props = {"build_id": STR, "release": STR, "built_at": STR, "lang": STR, "count": INT,
             "columns": {"type": "array", "items": STR},
             "data": {"type": "array", "items": {"type": "object", "properties": row, "required": list(row)}}}
    required = list(props)
    if with_filter:
        props["filter"] = {"type": "object"}
    return {"type": "object", "properties": props, "required": required}


def _headers(lang: str) -> dict:
    return {"X-Build-Id": {"description": t("api.doc_header_build", lang), "schema": STR, "required": True},
            "ETag": {"description": t("api.doc_header_etag", lang), "schema": STR, "required": True},
            "Cache-Control": {"description": t("api.doc_header_cache", lang), "schema": STR}}


def _error_schema() -> dict:
    detail = {"status": INT, "code": STR, "message": STR, "parameter": STR, "value": STR,
              "allowed": {"oneOf": [STR, {"type": "array", "items": STR}]}}
    return {"type": "object", "required": ["error"], "properties": {
        "error": {"type": "object", "required": ["status", "code", "message"], "properties": detail},
        "build_id": STR}}


def _operation(name: str, params: list[str], content: dict, lang: str) -> dict:
    def answer(code):
        return {"description": t(f"api.doc_{code}", lang),
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    responses = {"200": {"description": t("api.doc_ok", lang), "headers": _headers(lang), "content": content},
                 "304": {"description": t("api.doc_304", lang), "headers": _headers(lang)},
                 "400": answer("400"), "503": answer("503"),
                 # Answered by the HTTP server before the app sees the request, so not JSON.
                 "414": {"description": t("api.doc_414", lang)}}
    return {"get": {"operationId": name, "summary": t(f"api.doc_{name}", lang),
                    "parameters": [{"$ref": f"#/components/parameters/{p}"} for p in params],
                    "responses": responses}}


def _paths(lang: str) -> dict:
    csv = {"text/csv": {"schema": STR}}
    rows = {"application/json": {"schema": _envelope(OBSERVATION, with_filter=True)}, **csv,
            exports.FORMATS["xlsx"][0]: {"schema": BINARY}, exports.FORMATS["parquet"][0]: {"schema": BINARY}}
    paths = {
        "/observations": _operation("observations", list(LISTS) + ["year_from", "year_to", "preferred",
                                                                   "format__rows", "lang"], rows, lang),
        "/aggregates": _operation("aggregates", ["region", "indicator", "scope", "year_from", "year_to",
                                                 "format__table", "lang"],
                                  {"application/json": {"schema": _envelope(AGGREGATE)}, **csv}, lang),
    }
    for name, row in TABLES.items():
        paths[f"/{name}"] = _operation(name, ["format__table", "lang"],
                                       {"application/json": {"schema": _envelope(row)}, **csv}, lang)
    return paths


def document(vocab: dict[str, list[str]], lang: str = "en") -> dict:
    """The OpenAPI document for the build being served (enums are this build's codes), texts in `lang`."""
    return {
        "openapi": "3.1.0",
        "info": {"title": t("api.doc_title", lang), "version": "1", "description": t("api.doc_description", lang)},
        "servers": [{"url": "/api/v1"}],
        "paths": _paths(lang),
        "components": {"parameters": _parameters(vocab, lang), "schemas": {"Error": _error_schema()}},
    }
