"""The cache on real warehouse files: query results and callback answers remembered per build, a new build at the
same path served fresh, static files immutable and compressed once, Redis used when REDIS_URL is set, a dead
cache only costs speed. Functional, never timed."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import brotli
import dash
import duckdb
import pandas as pd
import pytest
from flask import Flask

from dashboard import cache, db, static

GUNICORN = {"SERVER_SOFTWARE": "gunicorn/27.0.1"}
CALLBACK = "/_dash-update-component"


def route_body(pathname: str, lang: str = "en") -> dict:
    return {"output": "..app-page.children...app-title.data..",
            "outputs": [{"id": "app-page", "property": "children"}, {"id": "app-title", "property": "data"}],
            "inputs": [{"id": "app-url", "property": "pathname", "value": pathname},
                       {"id": "app-lang", "property": "data", "value": lang}],
            "changedPropIds": ["app-url.pathname"],
            "state": [{"id": "app-url", "property": "search", "value": ""}]}


def rebuilt(warehouse: Path, folder: Path, build_id: str, kaz_name: str) -> Path:
    """A copy of the warehouse as a later build would leave it: another build id, one name changed."""
    path = folder / f"next-{build_id}.duckdb"
    shutil.copy(warehouse, path)
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE build SET build_id = ?", [build_id])
        con.execute("UPDATE country SET name_en = ? WHERE iso3 = 'KAZ'", [kaz_name])
    return path


@pytest.fixture()
def live(warehouse, tmp_path, monkeypatch) -> Path:
    """A live warehouse file of our own, which a test may replace the way the ETL does (os.replace)."""
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(warehouse, path)
    monkeypatch.setenv("POLICE_DB", str(path))
    cache.clear()
    return path


@pytest.fixture()
def client(live):
    from dashboard.app import app
    return app.server.test_client()


def test_a_query_result_is_remembered_under_the_build_id_the_name_and_the_parameters(live):
    first = db.query("country_info", iso3="KAZ")
    remembered = cache.get(cache.key("q", db.build_id(), "country_info", {"iso3": "KAZ"}))
    pd.testing.assert_frame_equal(remembered, first)
    assert cache.get(cache.key("q", db.build_id(), "country_info", {"iso3": "KGZ"})) is None
    pd.testing.assert_frame_equal(db.query("country_info", iso3="KAZ"), first)


def test_a_remembered_result_is_a_copy_that_callers_cannot_spoil(live):
    answer = db.query("country_info", iso3="KAZ")
    answer.loc[0, "name_en"] = "spoilt"
    assert db.query("country_info", iso3="KAZ").loc[0, "name_en"] == "Kazakhstan"


def test_a_new_build_swapped_in_at_the_same_path_is_answered_fresh(live, tmp_path):
    assert db.query("country_info", iso3="KAZ").loc[0, "name_en"] == "Kazakhstan"
    os.replace(rebuilt(live, tmp_path, "next-build-0001", "Kazakhstan (rebuilt)"), live)
    assert db.build_id() == "next-build-0001"
    assert db.query("country_info", iso3="KAZ").loc[0, "name_en"] == "Kazakhstan (rebuilt)"


def test_a_result_above_the_row_limit_is_answered_but_not_kept(live, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ROWS", 1)
    options = db.query("country_options")
    assert len(options) == 57
    assert cache.get(cache.key("q", db.build_id(), "country_options", {})) is None


def test_callback_answers_are_remembered_under_gunicorn_and_a_new_build_misses_them(client, live, tmp_path):
    first = client.post("/_dash-update-component", json=route_body("/country/KAZ"), environ_base=GUNICORN)
    again = client.post("/_dash-update-component", json=route_body("/country/KAZ"), environ_base=GUNICORN)
    assert first.status_code == again.status_code == 200
    assert "X-Cache" not in first.headers and again.headers["X-Cache"] == "hit"
    assert again.get_data() == first.get_data()
    os.replace(rebuilt(live, tmp_path, "next-build-0002", "Kazakhstan (rebuilt)"), live)
    fresh = client.post("/_dash-update-component", json=route_body("/country/KAZ"), environ_base=GUNICORN)
    assert "X-Cache" not in fresh.headers and "Kazakhstan (rebuilt)" in fresh.get_data(as_text=True)


def test_callback_answers_differ_by_body_and_are_never_remembered_outside_gunicorn(client):
    english = client.post("/_dash-update-component", json=route_body("/coverage"), environ_base=GUNICORN)
    russian = client.post("/_dash-update-component", json=route_body("/coverage", "ru"), environ_base=GUNICORN)
    assert "X-Cache" not in russian.headers and russian.get_data() != english.get_data()
    for _ in range(2):
        assert "X-Cache" not in client.post("/_dash-update-component", json=route_body("/coverage")).headers


def test_a_compressed_answer_is_given_again_only_to_clients_that_accept_that_encoding(client):
    body = route_body("/trends")
    client.post("/_dash-update-component", json=body, environ_base=GUNICORN, headers={"Accept-Encoding": "br"})
    plain = client.post("/_dash-update-component", json=body, environ_base=GUNICORN, headers={"Accept-Encoding": ""})
    assert "Content-Encoding" not in plain.headers and plain.get_json()["response"]
    brotli = client.post("/_dash-update-component", json=body, environ_base=GUNICORN, headers={"Accept-Encoding": "br"})
    assert brotli.headers["X-Cache"] == "hit" and brotli.headers["Content-Encoding"] == "br"


def static_urls(client) -> list[str]:
    page = client.get("/").get_data(as_text=True)
    return re.findall(r'(?:src|href)="(/(?:_dash-component-suites|assets)/[^"]+)"', page)


def test_fingerprinted_static_files_are_immutable_for_a_year_and_compressed_once(client):
    suite = next(u for u in static_urls(client) if u.startswith("/_dash-component-suites/") and ".v" in u)
    first = client.get(suite, headers={"Accept-Encoding": "br"})
    assert first.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert first.headers["Content-Encoding"] == "br"
    assert client.get(suite, headers={"Accept-Encoding": "br"}).get_data() == first.get_data()
    asset = next(u for u in static_urls(client) if u.startswith("/assets/") and "?m=" in u)
    assert "immutable" in client.get(asset).headers["Cache-Control"]
    assert "immutable" not in client.get(asset.split("?")[0]).headers.get("Cache-Control", "")


def test_the_base_map_is_cached_a_day_by_browsers(client):
    assert client.get("/assets/topojson/world_110m.json").headers["Cache-Control"] == "public, max-age=86400"


def test_large_component_files_are_upgraded_to_brotli_11_once_per_machine(tmp_path, monkeypatch):
    monkeypatch.setattr(static, "STATIC_STORE", tmp_path / "store")
    raw = (Path(dash.__file__).parent / "dash-renderer" / "build" / "dash_renderer.min.js").read_bytes()
    first = static.best_brotli(raw)
    assert brotli.decompress(first) == raw and len(first) <= len(brotli.compress(raw, quality=5))
    (stored,) = (tmp_path / "store").iterdir()
    stored.write_bytes(b"made by another worker")
    assert static.best_brotli(raw) == b"made by another worker"


def test_the_compression_cache_keeps_only_component_files():
    store = static.CompressedStatic()
    store.set("br;", b"a callback answer")
    store.set("br;/_dash-component-suites/dash/x.v1m2.js?", b"js")
    assert store.get("br;") is None and store.get("br;/_dash-component-suites/dash/x.v1m2.js?") == b"js"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def registered_elsewhere():
    """cache.register on a Flask app of the test's own; the app's cache is put back afterwards."""
    saved = cache._cache
    yield lambda: cache.register(Flask("cache-test"))
    cache._cache = saved


@pytest.fixture()
def redis_url(tmp_path):
    pytest.importorskip("redis")
    if not shutil.which("redis-server"):
        pytest.skip("redis-server not installed (apt-get install -y redis-server)")
    port = free_port()
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while subprocess.run(["redis-cli", "-p", str(port), "ping"], check=False, capture_output=True).returncode:
        assert time.monotonic() < deadline, "redis-server did not start"
        time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)


def test_with_redis_url_set_results_go_to_redis(live, monkeypatch, redis_url, registered_elsewhere):
    monkeypatch.setenv("REDIS_URL", redis_url)
    assert cache.settings()["CACHE_TYPE"] == "RedisCache"
    registered_elsewhere()
    df = db.query("country_info", iso3="KGZ")
    port = redis_url.rsplit(":", 1)[1].split("/")[0]
    keys = subprocess.run(["redis-cli", "-p", port, "--scan"], check=True, capture_output=True, text=True).stdout.split()
    assert keys == [cache.KEY_PREFIX + cache.key("q", db.build_id(), "country_info", {"iso3": "KGZ"})]
    pd.testing.assert_frame_equal(cache.get(keys[0][len(cache.KEY_PREFIX):]), df)


def test_an_unreachable_redis_costs_speed_never_an_answer(live, monkeypatch, registered_elsewhere):
    pytest.importorskip("redis")
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    registered_elsewhere()
    assert db.query("country_info", iso3="KAZ").loc[0, "name_en"] == "Kazakhstan"
    assert cache.get("anything") is None


def answer_key(client, body: dict) -> str:
    with client.application.test_request_context(CALLBACK, method="POST", json=body, environ_base=GUNICORN):
        return cache._response_key()


def test_a_request_waits_for_the_same_answer_being_computed_elsewhere_and_is_served_it(client):
    body = route_body("/trends")
    computed = client.post(CALLBACK, json=body, environ_base=GUNICORN)
    stored = cache.get(answer_key(client, body))
    cache.clear()
    cache.backend().add("lock:" + answer_key(client, body), 1, timeout=10)  # another worker is rendering it
    threading.Timer(0.3, lambda: cache.put(answer_key(client, body), stored)).start()
    waited = client.post(CALLBACK, json=body, environ_base=GUNICORN)
    assert waited.headers["X-Cache"] == "hit" and waited.get_data() == computed.get_data()


def test_a_request_stops_waiting_for_an_answer_that_never_comes_and_computes_it(client, monkeypatch):
    monkeypatch.setattr(cache, "WAIT_S", 0.3)
    body = route_body("/coverage")
    cache.backend().add("lock:" + answer_key(client, body), 1, timeout=60)  # a worker that died mid-render
    started = time.monotonic()
    answer = client.post(CALLBACK, json=body, environ_base=GUNICORN)
    assert answer.status_code == 200 and "X-Cache" not in answer.headers and time.monotonic() - started >= 0.3


def test_the_claim_on_an_answer_is_released_once_it_is_stored(client):
    body = route_body("/country/TJK")
    client.post(CALLBACK, json=body, environ_base=GUNICORN)
    assert cache.get("lock:" + answer_key(client, body)) is None
    assert cache.get(answer_key(client, body)) is not None
