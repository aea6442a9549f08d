"""(warehouse build id, what was asked) -> a remembered answer: query results and callback responses in
flask-caching (in-process SimpleCache, or Redis shared by every instance when REDIS_URL is set). Static files:
dashboard/static.py (registered from here, in the order flask-compress needs).

Every key starts with the build id and the app's own version, so a rebuilt warehouse or a new release of the
code misses every old entry (old entries are never served, and age out); nothing here needs invalidating.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import math
import time

from cachelib import SimpleCache
from flask import Flask, Response, g, request
from flask_caching import Cache

from dashboard import config, static

log = logging.getLogger(__name__)
ROOT = config.ROOT
CALLBACK_PATH = "/_dash-update-component"
# Entries live a day at most: keys change with each build, the timeout only bounds how long dead ones stay.
TIMEOUT_S = 24 * 3600
# Per process with SimpleCache: about 60 page views' worth of queries and answers (a few MB).
THRESHOLD = 4000
MAX_ROWS = 100_000          # a larger result (a full download) is not copied into the cache
MAX_RESPONSE_BYTES = 2_000_000
WAIT_S = 10                 # how long a request waits for the same answer being computed elsewhere
KEY_PREFIX = "women-police:"
# What decides a callback's answer besides the warehouse: code, message catalogs, query files, decks.
VERSIONED = ("dashboard/**/*.py", "dashboard/**/*.json", "dashboard/queries/*.sql", "data/decks/*.json")

_cache: Cache | None = None
_local = SimpleCache(threshold=THRESHOLD, default_timeout=TIMEOUT_S)  # before register() (tests, scripts)


def settings() -> dict:
    """flask-caching configuration from dashboard.config: Redis when REDIS_URL is set, else in-process."""
    redis_url = config.get("REDIS_URL").strip()
    base = {"CACHE_DEFAULT_TIMEOUT": TIMEOUT_S, "CACHE_KEY_PREFIX": KEY_PREFIX}
    if redis_url:
        return {**base, "CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": redis_url}
    return {**base, "CACHE_TYPE": config.get("CACHE_TYPE"), "CACHE_THRESHOLD": THRESHOLD}


def backend():
    """The cache in use: the app's flask-caching backend once registered, else a process-local one."""
    return _cache.cache if _cache is not None else _local


@functools.cache
def code_version() -> str:
    """A digest of the files that shape answers (computed once per process; a deploy restarts processes)."""
    h = hashlib.sha256()
    for pattern in VERSIONED:
        for path in sorted(ROOT.glob(pattern)):
            h.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:12]


def key(kind: str, build_id: str, *parts) -> str:
    """'<kind>:<build id>:<code version>:<digest of the parts>' (parts: anything json can write)."""
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:32]
    return f"{kind}:{build_id}:{code_version()}:{digest}"


def get(cache_key: str):
    """The remembered value, or None. A cache that fails (Redis gone) is logged and treated as a miss."""
    try:
        return backend().get(cache_key)
    except Exception as e:  # noqa: BLE001 - any backend error: answer from the warehouse instead
        log.warning("cache get failed (%s): %s", type(e).__name__, e)
        return None


def put(cache_key: str, value) -> None:
    try:
        backend().set(cache_key, value)
    except Exception as e:  # noqa: BLE001 - a cache that cannot store only costs speed
        log.warning("cache set failed (%s): %s", type(e).__name__, e)


def clear() -> None:
    """Forget everything this process (and, with Redis, every instance) remembers."""
    backend().clear()


# --- callback answers: the same request body, on the same build and code, gets the same answer ---

def _response_key() -> str | None:
    from dashboard import db
    try:
        build = db.build_id()
    except db.WarehouseUnavailable:
        return None  # the callback itself answers with the maintenance message
    # host_url: a few answers contain links to this server; Accept-Encoding: the stored bytes are compressed.
    return key("r", build, request.host_url, request.headers.get("Accept-Encoding", ""),
               hashlib.sha256(request.get_data(cache=True)).hexdigest(), _decks_signature())


def _decks_signature() -> list:
    """Deck files are read at request time: an edited deck must not get an old answer."""
    return [(p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted((ROOT / "data" / "decks").glob("*.json"))]


def answers_cached() -> bool:
    """Callback answers are remembered under gunicorn (production) only. The dev server and test clients
    always compute: tests patch code (a header, a query) and must see the patched answer."""
    return request.environ.get("SERVER_SOFTWARE", "").startswith("gunicorn")


def _answer_from_cache():
    if request.method != "POST" or request.path != CALLBACK_PATH or not answers_cached():
        return None
    cache_key = _response_key()
    if cache_key is None:
        return None
    hit = get(cache_key) or _wait_for_other(cache_key)
    if hit is not None:
        return _cached_response(*hit)
    g.response_key = cache_key
    return None


def _wait_for_other(cache_key: str):
    """When another request (any worker, any instance with Redis) is already computing this answer, wait for
    it instead of computing it too: 300 people opening one link must not make 300 renders of it at once."""
    if _claim(cache_key):
        g.response_claim = "lock:" + cache_key
        return None
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        time.sleep(0.05)
        hit = get(cache_key)
        if hit is not None:
            return hit
    return None  # the other one is slow or gone: compute it here


def _claim(cache_key: str) -> bool:
    try:
        return bool(backend().add("lock:" + cache_key, 1, timeout=math.ceil(WAIT_S)))
    except Exception as e:  # noqa: BLE001 - without the cache every request computes its own answer
        log.warning("cache add failed (%s): %s", type(e).__name__, e)
        return True


def _release(_exc=None) -> None:
    """After the answer was stored, or the request failed: let waiting requests compute it themselves."""
    claim = g.pop("response_claim", None)
    if claim:
        try:
            backend().delete(claim)
        except Exception as e:  # noqa: BLE001 - the claim expires by itself after WAIT_S
            log.warning("cache delete failed (%s): %s", type(e).__name__, e)


def _cached_response(encoding: str, body: bytes) -> Response:
    response = Response(body, mimetype="application/json", headers={"X-Cache": "hit"})
    if encoding:
        response.headers["Content-Encoding"] = encoding  # flask-compress leaves an encoded answer alone
    return response


def _remember_answer(response: Response) -> Response:
    cache_key = g.pop("response_key", None)
    if cache_key and response.status_code == 200 and not response.is_streamed:
        body = response.get_data()
        if len(body) <= MAX_RESPONSE_BYTES:
            put(cache_key, (response.headers.get("Content-Encoding", ""), body))
    return response


def register(server: Flask) -> None:
    """Bind the cache to the app and install the answer cache and static-file headers (call before Compress)."""
    global _cache
    _cache = Cache(server, config=settings())
    server.before_request(_answer_from_cache)
    # Registered before flask-compress's hook, so it runs after it (Flask runs these in reverse order) and
    # stores the compressed bytes.
    server.after_request(_remember_answer)
    static.register(server)
    server.teardown_request(_release)
    log.info("cache: %s", settings()["CACHE_TYPE"])
