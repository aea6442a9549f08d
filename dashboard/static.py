"""Static files: browsers keep fingerprinted ones a year; component and vendor files are compressed once per
process (large ones upgraded to brotli 11 once per machine); assets/vendor/ is served from memory."""
from __future__ import annotations

import hashlib
import logging
import mimetypes
import os
import tempfile
import threading
from pathlib import Path

import brotli
from dash.fingerprint import check_fingerprint
from flask import Flask, Response, request

from dashboard import config

log = logging.getLogger(__name__)
YEAR_S, DAY_S = 31_536_000, 86_400
SMALLEST_UPGRADE = 50_000   # compressed bytes above which a static file gets brotli 11 (plotly.js, AG Grid)
STATIC_STORE = Path(tempfile.gettempdir()) / "women-police-static"
SUITES = "/_dash-component-suites/"
VENDOR = "/assets/vendor/"  # third-party bundles among the assets (plotly.js): compressed once, like SUITES
VENDOR_DIR = config.ROOT / "assets" / "vendor"


def fingerprinted(req) -> bool:
    """A URL whose content never changes: Dash's '.v<version>m<time>.' in a component file's name, or the
    '?m=<mtime>' / '?v=<version>' Dash adds to assets and the favicon."""
    if req.path.startswith(SUITES):
        return check_fingerprint(req.path)[1]
    return req.path.startswith(("/assets/", "/_favicon.ico")) and bool(req.args.get("m") or req.args.get("v"))


def cache_control(req) -> str | None:
    if fingerprinted(req):
        return f"public, max-age={YEAR_S}, immutable"
    if req.path.startswith("/assets/topojson/"):
        return f"public, max-age={DAY_S}"  # the base map (fetched once per map): changes only with plotly.js
    return None


def _static_headers(response: Response) -> Response:
    """Browsers keep a fingerprinted file a year and do not even ask again (a new version has a new URL)."""
    value = cache_control(request) if request.method == "GET" and response.status_code == 200 else None
    if value:
        response.headers["Cache-Control"] = value
    return response


class CompressedStatic:
    """flask-compress's cache for component and vendor files: each compressed once per process (our plotly.js
    bundle takes 0.1 s at brotli 5), then, for large ones, replaced by brotli 11 (~15 % smaller) made in a
    background thread once per machine and file version; every other answer is compressed afresh."""

    def __init__(self):
        self.items: dict[str, bytes] = {}
        self.lock = threading.Lock()

    def get(self, cache_key: str) -> bytes | None:
        return self.items.get(cache_key)

    def set(self, cache_key: str, value: bytes) -> None:
        if cache_key.endswith(";"):
            return  # not a static file (see static_key)
        with self.lock:
            first = cache_key not in self.items
            self.items.setdefault(cache_key, value)
        if first and cache_key.startswith("br;") and len(value) > SMALLEST_UPGRADE:
            threading.Thread(target=self._upgrade, args=(cache_key, value), daemon=True).start()

    def _upgrade(self, cache_key: str, value: bytes) -> None:
        try:
            better = best_brotli(brotli.decompress(value))
        except (OSError, brotli.error) as e:  # the level-5 bytes keep serving
            log.warning("brotli 11 of %s failed: %s", cache_key, e)
            return
        if len(better) < len(value):
            with self.lock:
                self.items[cache_key] = better


def best_brotli(raw: bytes) -> bytes:
    """Brotli 11 of `raw`, from the machine's store when a worker already made it (it takes seconds)."""
    STATIC_STORE.mkdir(parents=True, exist_ok=True)
    path = STATIC_STORE / f"{hashlib.sha256(raw).hexdigest()}.br"
    if path.exists():
        return path.read_bytes()
    data = brotli.compress(raw, quality=11)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # whole or absent, whichever worker finishes first
    return data


def static_key(req) -> str:
    """The full URL of a component-suite or vendor file, '' for anything else (never cached)."""
    return req.full_path if req.method == "GET" and req.path.startswith((SUITES, VENDOR)) else ""


def _vendor_file():
    """A file of assets/vendor/ from memory, not streamed from disk as Flask sends assets: flask-compress
    compresses a streamed answer anew for each request, and caches (static_key) only whole ones."""
    if request.method != "GET" or not request.path.startswith(VENDOR):
        return None
    name = request.path[len(VENDOR):]
    path = VENDOR_DIR / name
    if "/" in name or name.startswith(".") or not path.is_file():
        return None  # Flask's static route answers (404)
    response = Response(path.read_bytes(), mimetype=mimetypes.guess_type(name)[0] or "application/octet-stream")
    response.last_modified = path.stat().st_mtime
    return response


def register(server: Flask) -> None:
    """flask-compress's cache for component and vendor files, vendor files from memory, cache headers.
    Call before Compress(server): its after-request hook must run first (Flask runs them in reverse order)."""
    server.config.update(COMPRESS_CACHE_BACKEND=CompressedStatic, COMPRESS_CACHE_KEY=static_key)
    server.before_request(_vendor_file)
    server.after_request(_static_headers)
