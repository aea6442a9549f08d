"""HTTP requests to /api/v1, /healthz and /download (Flask test client) -> status, headers and bodies as documented."""
from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from flask import Flask

from dashboard import api, db, exports, openapi
from dashboard.exports_filter import Filter, current_vocabulary
from test_exports_filter import expected_rows  # the independent pandas oracle


@pytest.fixture()
def client(served_warehouse):
    server = Flask("test-api")
    api.register(server)
    return server.test_client()


ENDPOINTS = ["observations", "aggregates", "countries", "indicators", "sources", "scopes", "flags", "regions"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_endpoint_answers_json_with_the_build_id_etag_and_cache_headers(client, endpoint):
    r = client.get(f"/api/v1/{endpoint}")
    build = db.build_id()
    assert r.status_code == 200 and r.mimetype == "application/json"
    assert r.headers["X-Build-Id"] == build and r.json["build_id"] == build
    assert r.headers["ETag"].startswith(f'"{build}-') and "public, max-age=" in r.headers["Cache-Control"]
    assert r.json["count"] == len(r.json["data"]) > 0


@pytest.mark.parametrize("fmt, media, reader", [
    ("csv", "text/csv", lambda b: pd.read_csv(io.BytesIO(b), encoding="utf-8-sig", keep_default_na=False)),
    ("json", "application/json", lambda b: pd.DataFrame(json.loads(b)["data"])),
    ("parquet", "application/vnd.apache.parquet", lambda b: pd.read_parquet(io.BytesIO(b))),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     lambda b: pd.read_excel(io.BytesIO(b), sheet_name="data", keep_default_na=False)),
])
def test_observations_in_each_format_hold_exactly_the_filtered_rows(client, fmt, media, reader):
    r = client.get(f"/api/v1/observations?region=central_asia&preferred=false&format={fmt}&lang=ru")
    assert r.status_code == 200 and r.mimetype == media
    want = expected_rows(Filter(region=("central_asia",), preferred=False), "ru")
    back = reader(r.data)
    assert list(back.columns[:len(exports.COLUMNS)]) == exports.COLUMNS
    assert list(back["iso3"]) == list(want["iso3"]) and list(back["year"]) == list(want["year"])
    assert list(back["value"].astype(float)) == list(want["value"]) and "Казахстан" in set(back["country"])


def test_a_file_format_comes_as_an_attachment_named_for_what_it_holds(client):
    r = client.get("/download/observations.xlsx?country=KAZ&country=KGZ&year_from=2004&year_to=2017")
    disposition = r.headers["Content-Disposition"]
    assert r.status_code == 200 and disposition.startswith('attachment; filename="women-police_KAZ-KGZ_')
    assert disposition.endswith(f'_{exports.build().date}.xlsx"')


def test_a_repeated_request_with_the_etag_gets_304_and_a_new_query_a_new_etag(client):
    first = client.get("/api/v1/observations?country=KAZ")
    again = client.get("/api/v1/observations?country=KAZ", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == first.headers["ETag"]
    other = client.get("/api/v1/observations?country=KGZ")
    assert other.headers["ETag"] != first.headers["ETag"]


def test_the_etag_of_a_compressed_answer_also_revalidates(served_warehouse):
    from dashboard.app import app
    c = app.server.test_client()
    first = c.get("/api/v1/observations", headers={"Accept-Encoding": "br"})
    assert first.headers["Content-Encoding"] == "br" and first.headers["ETag"].endswith(':br"')
    again = c.get("/api/v1/observations", headers={"Accept-Encoding": "br", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("query, parameter, code", [
    ("country=%27%20OR%201%3D1%20--", "country", "not_allowed"),
    ("countries=KAZ", "countries", "unknown_parameter"),
    ("format=exe", "format", "not_allowed"),
    ("year_from=-99999999999999999999999", "year_from", "out_of_range"),
    ("year_to=soon", "year_to", "not_a_year"),
    ("year_from=2000&year_from=2010", "year_from", "repeated"),
    ("lang=de", "lang", "not_allowed"),
    ("scope=police_officers%27%3B%20DROP%20TABLE%20observation%3B--", "scope", "not_allowed"),
])
def test_bad_parameters_get_400_naming_the_parameter_and_what_is_allowed(client, query, parameter, code):
    r = client.get(f"/api/v1/observations?{query}")
    assert r.status_code == 400 and r.mimetype == "application/json"
    err = r.json["error"]
    assert (err["parameter"], err["code"]) == (parameter, code) and err["allowed"] and err["message"]
    assert r.json["build_id"] == db.build_id()


def test_error_messages_follow_the_lang_parameter(client):
    r = client.get("/api/v1/observations?scope=nope&lang=ru")
    assert "недопустимое значение" in r.json["error"]["message"]


@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/v2/observations", "/api", "/api/", "/api/v1/observations/",
                                  "/download/nothing", "/download/observations.exe", "/download/chart/nope.png"])
def test_unknown_addresses_under_api_and_download_are_json_404(client, path):
    r = client.get(path)
    assert r.status_code == 404 and r.json["error"]["code"] == "not_found"


def test_other_methods_get_json_405_with_allow(client):
    r = client.post("/api/v1/observations")
    assert r.status_code == 405 and "GET" in r.headers["Allow"] and r.json["error"]["code"] == "method_not_allowed"


def test_healthz_gives_the_build_id_when_the_warehouse_is_readable(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json["status"] == "ok" and r.json["build_id"] == db.build_id()
    assert r.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("content", [None, b"this is not a duckdb file"])
def test_without_a_readable_warehouse_healthz_and_the_api_answer_503_with_the_reason(client, tmp_path, monkeypatch,
                                                                                    content):
    path = tmp_path / "warehouse.duckdb"
    if content is not None:
        path.write_bytes(content)
    monkeypatch.setenv("POLICE_DB", str(path))
    health = client.get("/healthz")
    assert health.status_code == 503 and health.json["status"] == "unavailable" and "warehouse" in health.json["reason"]
    r = client.get("/api/v1/observations")
    assert r.status_code == 503 and r.json["error"]["code"] == "unavailable" and r.headers["Retry-After"]


def test_the_openapi_document_lists_exactly_the_parameters_each_endpoint_accepts(client):
    doc = client.get("/api/v1/openapi.json").json
    names = {path: {p["$ref"].rsplit("/", 1)[1].split("__")[0] for p in op["get"]["parameters"]}
             for path, op in doc["paths"].items()}
    assert names["/observations"] == api.FILTER_PARAMS | {"format", "lang"}
    assert names["/aggregates"] == api.AGGREGATE_PARAMS | {"format", "lang"}
    assert all(names[f"/{n}"] == {"format", "lang"} for n in api.REFERENCE)
    assert doc["components"]["parameters"]["country"]["schema"]["items"]["enum"] == current_vocabulary()["country"]


def test_the_openapi_document_is_in_russian_on_request(served_warehouse):
    doc = openapi.document(current_vocabulary(), "ru")
    assert doc["info"]["title"].startswith("Женщины")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_blank_submission_template_downloads(client, fmt):
    r = client.get(f"/download/template.{fmt}")
    assert r.status_code == 200
    assert r.headers["Content-Disposition"] == f'attachment; filename="submission_template.{fmt}"'
    assert len(r.data) > 100


def test_the_data_package_downloads_as_a_zip_with_cache_headers(client):
    r = client.get("/download/package.zip?lang=ru")
    assert r.status_code == 200 and r.mimetype == "application/zip" and r.data[:2] == b"PK"
    assert r.headers["X-Build-Id"] == db.build_id() and r.headers["ETag"]
