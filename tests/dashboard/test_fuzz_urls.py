"""Random URLs (hypothesis) -> the router callback, every page's layout and every API endpoint: never a 500,
a traceback, an SQL error or an unbounded answer, and user input never chooses or changes SQL."""
from __future__ import annotations

import base64
import hashlib
import importlib
import json
import os
import pkgutil
import zlib
from pathlib import Path
from urllib.parse import quote, urlencode

import dash
import plotly.utils
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import callbacks, db, ids, urlstate

ROOT = Path(__file__).resolve().parents[2]
QUERY_FILES = {p.stem for p in (ROOT / "dashboard" / "queries").glob("*.sql")}
# Text that must never reach a visitor: a traceback, a path on the server, DuckDB's own error names.
LEAKS = ["Traceback", 'File "', str(ROOT), "site-packages", "Binder Error", "Parser Error", "Catalog Error",
         "Conversion Error", "Invalid Input Error", "_duckdb"]
MAX_ANSWER_BYTES = 4_000_000  # the largest real page (the explorer's table) is about 0.5 MB


def examples(n: int) -> settings:
    """A page render costs 10–900 ms: example counts keep the whole file near a minute on CI's two cores."""
    return settings(max_examples=n, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
HOSTILE = [
    "'; DROP TABLE observation; --", "KAZ' OR '1'='1", "1 UNION SELECT * FROM build --", "$iso3", "?", "%s", "\\",
    "../../etc/passwd", "%00", "\x00", "<script>alert(1)</script>", "NaN", "inf", "-0", "1e309", "9" * 400,
    "A" * 20_000, ",".join(["KAZ"] * 3000), ",,,", "d:", "d:" + "A" * 100, "\u202e\u200b", "ё" * 50,
    "d:" + base64.urlsafe_b64encode(zlib.compress(b"[" * 100_000, 9)).decode().rstrip("="),
]
CODES = ["KAZ", "KGZ", "TJK", "TKM", "UZB", "police_officers", "share_women_police", "un_minset_iv4", "ca", "all",
         "pooled", "mean", "30", "50", "2015", "default", "speaker", "1"]


def url_params() -> list[str]:
    """Every query parameter a page reads: the urlstate fields of each callbacks module, and the deck's."""
    names = {"deck", "slide", "print", "view", "iso3"}
    for info in pkgutil.iter_modules(callbacks.__path__):
        module = importlib.import_module(f"dashboard.callbacks.{info.name}")
        fields = getattr(module, "FIELDS", [])
        names |= {f.param for f in fields if isinstance(f, urlstate.Field)}
    return sorted(names)


VALUES = (st.sampled_from(HOSTILE + CODES) | st.text(max_size=40)
          | st.integers(-10**15, 10**15).map(str)
          | st.lists(st.sampled_from(CODES) | st.text(max_size=8), max_size=12).map(",".join))
QUERIES = st.dictionaries(st.sampled_from(url_params()) | st.text(min_size=1, max_size=12), VALUES, max_size=6)
# Browsers always send a pathname starting with '/' (a test below sends one that does not).
PATHS = (st.sampled_from(["/", "/trends", "/country/KAZ", "/coverage", "/sources", "/explorer", "/present",
                          "//", "/country", "/api/v1", "/present/s/default/1"])
         | st.builds(lambda s: "/country/" + s, st.sampled_from(HOSTILE + CODES) | st.text(max_size=20))
         | st.text(max_size=60).map(lambda s: "/" + s) | st.none())
LANGS = st.sampled_from(["en", "ru", None, "", "de", "<b>"])


@pytest.fixture(scope="module")
def client(tmp_path_factory, warehouse):
    saved = os.environ.get("POLICE_DB")
    os.environ["POLICE_DB"] = str(warehouse)
    from dashboard.app import app
    yield app.server.test_client()
    os.environ.pop("POLICE_DB") if saved is None else os.environ.update(POLICE_DB=saved)


@pytest.fixture()
def query_names(monkeypatch):
    """Every query name the app asks db.query for while the test runs."""
    asked, real = [], db.query
    monkeypatch.setattr(db, "query", lambda name, **params: asked.append(name) or real(name, **params))
    return asked


def route_body(pathname, search: str, lang) -> dict:
    return {"output": f"..{ids.PAGE}.children...{ids.TITLE}.data..",
            "outputs": [{"id": ids.PAGE, "property": "children"}, {"id": ids.TITLE, "property": "data"}],
            "inputs": [{"id": ids.URL, "property": "pathname", "value": pathname},
                       {"id": ids.LANG, "property": "data", "value": lang}],
            "changedPropIds": [f"{ids.URL}.pathname"],
            "state": [{"id": ids.URL, "property": "search", "value": search}]}


def assert_clean(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    assert len(data) < MAX_ANSWER_BYTES
    assert [leak for leak in LEAKS if leak in text] == []


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@examples(40)
@given(PATHS, QUERIES, LANGS)
def test_the_router_callback_answers_any_url_with_a_page_and_nothing_leaks(client, query_names, path, query, lang):
    response = client.post("/_dash-update-component", json=route_body(path, "?" + urlencode(query), lang))
    assert response.status_code == 200, response.data[:500]
    assert_clean(response.data)
    assert set(query_names) <= QUERY_FILES


@examples(20)
@given(PATHS, st.text(max_size=300))
def test_the_router_callback_survives_a_raw_search_string(client, path, search):
    response = client.post("/_dash-update-component", json=route_body(path, search, "en"))
    assert response.status_code == 200, response.data[:500]
    assert_clean(response.data)


@pytest.mark.parametrize("path", ["x", "trends"])
def test_a_pathname_without_a_leading_slash_is_answered_too(client, path):
    response = client.post("/_dash-update-component", json=route_body(path, "", "en"))
    assert response.status_code == 200


def pages() -> list[dict]:
    from dashboard import app  # noqa: F401  (registers the pages)
    return sorted(dash.page_registry.values(), key=lambda p: p["module"])


@pytest.mark.parametrize("page", pages(), ids=lambda p: p["module"])
@examples(8)
@given(query=QUERIES, lang=st.sampled_from(["en", "ru"]))
def test_every_page_layout_takes_any_query_dict(served_warehouse, page, query, lang):
    query.pop("lang", None)  # the router passes the language separately
    tree = page["layout"](lang=lang, **query)
    assert len(json.dumps(tree, cls=plotly.utils.PlotlyJSONEncoder)) < MAX_ANSWER_BYTES


API_PATHS = ["/api/v1/observations", "/api/v1/aggregates", "/api/v1/countries", "/api/v1/indicators",
             "/api/v1/sources", "/api/v1/scopes", "/api/v1/flags", "/api/v1/regions", "/api/v1/openapi.json",
             "/api/v1/", "/api/v1/nothing", "/healthz", "/download/observations.csv"]
API_PARAMS = ["country", "region", "indicator", "source", "scope", "flag", "year_from", "year_to", "preferred",
              "format", "lang"]


@examples(80)
@given(st.sampled_from(API_PATHS), st.lists(st.tuples(st.sampled_from(API_PARAMS) | st.text(max_size=10),
                                                      VALUES | st.sampled_from(["csv", "xlsx", "parquet", "json"])),
                                            max_size=6))
def test_every_api_parameter_answers_with_data_or_a_clear_4xx(client, query_names, path, params):
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in params)
    response = client.get(f"{path}?{query}")
    assert response.status_code in (200, 304, 400, 404), response.data[:500]
    if response.status_code >= 400:
        assert response.is_json and response.json["error"]["message"]
    if response.mimetype in ("application/json", "text/csv", "text/html"):
        assert_clean(response.data)
    assert set(query_names) <= QUERY_FILES


def test_sql_in_every_parameter_at_once_changes_nothing_in_the_warehouse(client, query_names, warehouse):
    before = sha(warehouse)
    for payload in HOSTILE[:3]:
        query = urlencode({param: payload for param in url_params()})
        for path in ("/", "/trends", "/explorer", "/coverage", "/country/KAZ", "/present"):
            response = client.post("/_dash-update-component", json=route_body(path, "?" + query, "en"))
            assert response.status_code == 200
            assert_clean(response.data)
        response = client.get("/api/v1/observations?" + urlencode({"country": payload, "indicator": payload}))
        assert response.status_code == 400
    assert set(query_names) <= QUERY_FILES
    assert sha(warehouse) == before
