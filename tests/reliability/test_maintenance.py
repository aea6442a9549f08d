"""gunicorn (production config) started on a missing, random-bytes or empty warehouse -> a maintenance page and
a /healthz that says why, workers that stay up, and recovery without a restart once a good file is swapped in;
and a SIGKILLed worker is replaced while the others keep answering."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import time
from pathlib import Path

import duckdb
import psutil
import pytest
import requests
from served import Server, route_body

BROKEN = {
    "missing": (None, "warehouse file not found: warehouse.duckdb"),
    "random bytes": (os.urandom(200_000), "warehouse file unreadable: IOException"),
    "empty": (b"", "warehouse file unreadable: IOException"),
}
KILLS = 3


def booted_workers(server: Server) -> int:
    return len(re.findall(r"Booting worker with pid", server.log_text()))


@pytest.fixture()
def start(tmp_path):
    servers = []

    def start_with(path: Path) -> Server:
        server = Server(tmp_path, {"POLICE_DB": str(path), "WEB_CONCURRENCY": "2"})
        servers.append(server)
        server.wait_ready()
        return server

    yield start_with
    for server in servers:
        server.stop()


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_warehouse_at_start_gives_a_maintenance_page_and_the_app_recovers_by_itself(start, tmp_path,
                                                                                           warehouse, case):
    content, reason = BROKEN[case]
    live = tmp_path / "warehouse.duckdb"
    if content is not None:
        live.write_bytes(content)
    server = start(live)
    for lang, title in (("en", "The data is being updated"), ("ru", "Данные обновляются")):
        page = server.route("/trends", lang=lang)
        shown = json.dumps(page.json(), ensure_ascii=False)
        assert page.status_code == 200 and title in shown and '"role": "alert"' in shown
    health = requests.get(server.url("/healthz"), timeout=30)
    assert health.status_code == 503 and health.json() == {"status": "unavailable", "reason": reason}
    assert str(tmp_path) not in health.text and str(tmp_path) not in page.text
    time.sleep(3)  # a crash-looping worker would be rebooted within this time
    assert booted_workers(server) == 2 and "Traceback" not in server.log_text()

    shutil.copy(warehouse, tmp_path / "incoming.duckdb")
    os.replace(tmp_path / "incoming.duckdb", live)
    assert server.build_id() and server.build_id()
    assert "The data is being updated" not in server.route("/trends").text


def test_sigkilled_workers_are_replaced_and_the_service_keeps_answering(start, warehouse):
    server = start(warehouse)
    master = psutil.Process(server.process.pid)
    for n in range(KILLS):
        victim = master.children()[0]
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=10)
        deadline = time.monotonic() + 60
        while len(master.children()) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(master.children()) == 2, f"worker not replaced after kill {n + 1}"
        assert all(server.route("/country/KAZ").status_code == 200 for _ in range(6))
    assert booted_workers(server) == 2 + KILLS


def not_a_warehouse(path: Path, warehouse: Path) -> None:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE notes (text VARCHAR)")
    con.close()


def truncated(path: Path, warehouse: Path) -> None:
    data = warehouse.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("damage", [not_a_warehouse, truncated], ids=lambda f: f.__name__)
def test_a_duckdb_file_that_is_not_a_whole_warehouse_gives_the_maintenance_page(tmp_path, monkeypatch, warehouse,
                                                                                damage):
    live = tmp_path / "warehouse.duckdb"
    damage(live, warehouse)
    monkeypatch.setenv("POLICE_DB", str(live))
    from dashboard.app import app
    page = app.server.test_client().post("/_dash-update-component", json=route_body("/trends"))
    assert page.status_code == 200 and "The data is being updated" in page.get_data(as_text=True)


@pytest.mark.parametrize("lang, reason", [("en", "the data file is missing"), ("ru", "файл данных отсутствует")])
def test_the_maintenance_reason_is_in_the_readers_language(tmp_path, monkeypatch, lang, reason):
    monkeypatch.setenv("POLICE_DB", str(tmp_path / "absent.duckdb"))
    from dashboard.app import app
    client = app.server.test_client()
    page = client.post("/_dash-update-component", json=route_body("/trends", lang=lang)).get_data(as_text=True)
    shown = json.loads(page)
    text = json.dumps(shown, ensure_ascii=False)
    assert reason in text and "warehouse file" not in text
    api = client.get(f"/api/v1/observations?lang={lang}")
    assert api.status_code == 503 and reason in api.get_json()["error"]["message"]
