"""Every setting of the dashboard, read once from the environment, each with its default and help text."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    def get(self) -> str:
        return os.environ.get(self.name, self.default)


SETTINGS = [
    Setting("POLICE_DB", str(ROOT / "data" / "warehouse.duckdb"), "Path of the DuckDB warehouse the app reads (read-only)."),
    Setting("HOST", "127.0.0.1", "Address `make run` binds gunicorn to."),
    Setting("PORT", "8050", "Port `make run` binds gunicorn to."),
    Setting("WEB_CONCURRENCY", "2", "Gunicorn worker processes (one per core is a good start)."),
    Setting("GUNICORN_THREADS", "4", "Threads per gunicorn worker."),
    Setting("GUNICORN_TIMEOUT", "60", "Seconds before gunicorn restarts a silent worker."),
    Setting("DASH_DEBUG", "false", "'true' turns on Dash's debug mode (Dash reads it itself; never in production: it shows tracebacks)."),
    Setting("DEFAULT_LANG", "en", "Language when the URL has no ?lang= (en or ru)."),
    Setting("FRAME_ANCESTORS", "'self'", "Content-Security-Policy frame-ancestors: who may embed the dashboard."),
    Setting("CACHE_TYPE", "SimpleCache", "flask-caching backend (SimpleCache in-process; RedisCache with REDIS_URL)."),
    Setting("REDIS_URL", "", "Redis URL for a shared cache across instances (empty: in-process cache)."),
    Setting("PUBLIC_URL", "", "Address the audience reaches the dashboard at, for QR codes and share links behind a "
            "proxy (e.g. https://police-data.example.org/); empty: the address of each request."),
]
_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    return _BY_NAME[name].get()


def get_bool(name: str) -> bool:
    return get(name).strip().lower() in ("1", "true", "yes", "on")


def get_int(name: str) -> int:
    return int(get(name))


def public_url() -> str | None:
    """PUBLIC_URL with one trailing slash, or None when unset; an address that is not http(s)://host[/path]
    stops the app at start (create_app reads it once) rather than printing a wrong QR code on a slide."""
    value = get("PUBLIC_URL").strip()
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"PUBLIC_URL={value!r}: expected http(s)://host[:port][/path], without query or fragment")
    return value.rstrip("/") + "/"


def db_path() -> Path:
    return Path(get("POLICE_DB"))
