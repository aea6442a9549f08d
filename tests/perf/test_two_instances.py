"""deploy/two_instances.sh on a real warehouse: nginx on :8080 in front of two gunicorn instances, each on its own
read-only copy, sharing one Redis; answers computed by one instance are served by the other, static files come
from nginx's cache, and a burst of page loads through nginx has no error. Functional, never timed."""
from __future__ import annotations

import shutil
import socket
import stat
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "deploy" / "two_instances.sh"
PORTS = (8080, 8081, 8082, 8089)
NGINX = "http://127.0.0.1:8080"
PAGES = ["/", "/trends", "/country/KAZ", "/coverage", "/present?deck=default"]


def route_body(pathname: str, search: str = "") -> dict:
    return {"output": "..app-page.children...app-title.data..",
            "outputs": [{"id": "app-page", "property": "children"}, {"id": "app-title", "property": "data"}],
            "inputs": [{"id": "app-url", "property": "pathname", "value": pathname},
                       {"id": "app-lang", "property": "data", "value": "en"}],
            "changedPropIds": ["app-url.pathname"],
            "state": [{"id": "app-url", "property": "search", "value": search}]}


def port_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


@pytest.fixture(scope="module")
def deployed(warehouse):
    if not (shutil.which("nginx") and shutil.which("redis-server")):
        pytest.skip("needs the Debian packages nginx and redis-server")
    if not all(port_free(p) for p in PORTS):
        pytest.skip(f"ports {PORTS} are in use")
    # Not under pytest's tmp folder (0700): nginx's workers run as another user and must reach their cache.
    run_dir = Path(tempfile.mkdtemp(prefix="women-police-deploy-"))
    run_dir.chmod(0o755)
    env = {"RUN_DIR": str(run_dir), "PATH": "/usr/sbin:/usr/bin:/bin"}
    started = subprocess.run([str(SCRIPT), "start", str(warehouse)], check=False, env=env, capture_output=True,
                             text=True, timeout=180)
    try:
        assert started.returncode == 0, started.stderr + "".join(
            p.read_text() for p in (run_dir / "logs").glob("*error.log"))
        yield run_dir
    finally:
        stopped = subprocess.run([str(SCRIPT), "stop"], check=False, env=env, capture_output=True, text=True,
                                 timeout=120)
        assert stopped.returncode == 0, stopped.stderr
        shutil.rmtree(run_dir)
    assert all(port_free(p) for p in PORTS), "something the script started is still listening"


def test_each_instance_reads_its_own_read_only_copy_of_the_warehouse(deployed, warehouse):
    copies = [deployed / name / "warehouse.duckdb" for name in ("a", "b")]
    assert all(c.read_bytes() == warehouse.read_bytes() for c in copies)
    assert all(not c.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) for c in copies)


def test_nginx_spreads_requests_over_both_instances_which_serve_the_same_build(deployed):
    answers = [requests.get(NGINX + "/healthz", timeout=30) for _ in range(8)]
    assert {a.headers["X-Upstream"] for a in answers} == {"127.0.0.1:8081", "127.0.0.1:8082"}
    assert len({a.json()["build_id"] for a in answers}) == 1


def test_an_answer_computed_by_one_instance_is_served_by_the_other_from_redis(deployed):
    body = route_body("/country/KGZ")
    # As nginx passes them on: the public Host (answers with links to the server differ by host).
    direct = {port: requests.post(f"http://127.0.0.1:{port}/_dash-update-component", json=body, timeout=60,
                                  headers={"Host": "127.0.0.1:8080"}) for port in (8081, 8082)}
    assert "X-Cache" not in direct[8081].headers and direct[8082].headers["X-Cache"] == "hit"
    assert direct[8081].content == direct[8082].content


def test_fingerprinted_files_are_served_from_nginx_after_the_first_request(deployed):
    page = requests.get(NGINX + "/", timeout=30).text
    suite = page.split('src="', 1)[1].split('"', 1)[0] if 'src="/_dash-component-suites/' in page else None
    assert suite and suite.startswith("/_dash-component-suites/")
    statuses = [requests.get(NGINX + suite, timeout=30).headers["X-Cache-Status"] for _ in range(6)]
    # nginx stores the file once the first answer is complete, a moment after the client has it.
    assert statuses[0] == "MISS" and statuses[-3:] == ["HIT"] * 3


def visit(path: str) -> list[int]:
    """A page load as a new visitor makes it: the HTML, the layout, the dependencies, then the router callback."""
    pathname, _, query = path.partition("?")
    with requests.Session() as s:
        return [s.get(NGINX + path, timeout=60).status_code,
                s.get(NGINX + "/_dash-layout", timeout=60).status_code,
                s.get(NGINX + "/_dash-dependencies", timeout=60).status_code,
                s.post(NGINX + "/_dash-update-component", json=route_body(pathname, "?" + query if query else ""),
                       timeout=60).status_code]


def test_a_burst_of_page_loads_through_nginx_has_no_error(deployed):
    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = [c for result in pool.map(visit, PAGES * 12) for c in result]
    assert len(codes) == 4 * 12 * len(PAGES) and set(codes) == {200}
