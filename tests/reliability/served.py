"""gunicorn with the production config (dashboard/gunicorn_conf.py) on a free loopback port, and a bounded load of
page and callback requests against it, for the reliability tests and bench/reliability.py."""
from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["/", "/trends", "/country/KAZ", "/coverage", "/sources", "/explorer"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def route_body(pathname: str, search: str = "", lang: str = "en") -> dict:
    """The router callback's request, as the browser sends it when the URL changes."""
    return {"output": "..app-page.children...app-title.data..",
            "outputs": [{"id": "app-page", "property": "children"}, {"id": "app-title", "property": "data"}],
            "inputs": [{"id": "app-url", "property": "pathname", "value": pathname},
                       {"id": "app-lang", "property": "data", "value": lang}],
            "changedPropIds": ["app-url.pathname"],
            "state": [{"id": "app-url", "property": "search", "value": search}]}


class Server:
    """One gunicorn master with its workers; its output goes to <folder>/gunicorn.log."""

    def __init__(self, folder: Path, env: dict[str, str], port: int | None = None):
        self.folder, self.port = folder, port or free_port()
        self.log = folder / "gunicorn.log"
        # Each server gets its own control socket: the default path is shared by every gunicorn on the machine.
        command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{self.port}", "--config",
                   "dashboard/gunicorn_conf.py", "--control-socket", str(folder / "gunicorn.ctl"), "dashboard.app:server"]
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=out,
                                            stderr=subprocess.STDOUT)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log_text()[-3000:]}")
            try:
                if requests.get(self.url("/"), timeout=30).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):
                pass  # not listening yet, or a worker still importing the app
            time.sleep(0.3)
        raise TimeoutError(f"gunicorn not ready after {timeout} s:\n{self.log_text()[-3000:]}")

    def route(self, pathname: str, search: str = "", lang: str = "en", session=requests) -> requests.Response:
        return session.post(self.url("/_dash-update-component"), json=route_body(pathname, search, lang), timeout=60)

    def build_id(self, session=requests) -> str | None:
        response = session.get(self.url("/healthz"), timeout=30)
        return response.json().get("build_id") if response.status_code == 200 else None

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class Load:
    """`clients` threads requesting pages, router callbacks and /healthz until stopped; every answer recorded."""

    server: Server
    clients: int = 20
    seed: int = 20261129
    results: list[tuple[str, int | str]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> Load:
        for n in range(self.clients):
            thread = threading.Thread(target=self._client, args=(random.Random(self.seed + n),), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=120)

    def _client(self, rng: random.Random) -> None:
        session = requests.Session()
        while not self._stop.is_set():
            kind = rng.choice(["page", "callback", "callback", "healthz"])
            try:
                if kind == "page":
                    status = session.get(self.server.url(rng.choice(PAGES)), timeout=60).status_code
                elif kind == "callback":
                    status = self.server.route(rng.choice(PAGES), lang=rng.choice(["en", "ru"]),
                                               session=session).status_code
                else:
                    status = session.get(self.server.url("/healthz"), timeout=60).status_code
            except requests.RequestException as e:
                status = type(e).__name__
            with self._lock:
                self.results.append((kind, status))

    def failures(self) -> list[tuple[str, int | str]]:
        with self._lock:
            return [r for r in self.results if r[1] != 200]

    def count(self) -> int:
        with self._lock:
            return len(self.results)
