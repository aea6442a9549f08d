"""Raw-file provenance: a file's bytes -> a snapshot record (sha256, size, release) for the warehouse."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path


def sha256(path: Path) -> str:
    """The file's sha256 (hex); read once per build even when both the snapshot and the build id need it."""
    stat = Path(path).stat()
    return _sha256(str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=256)
def _sha256(path: str, size: int, mtime_ns: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def record(path: Path, source_id: str, vintage: str, retrieved_at: str = "") -> dict:
    """The snapshot row for one raw file; its id is the first 16 hex digits of the file's sha256."""
    digest = sha256(path)
    return {
        "id": digest[:16], "source_id": source_id, "path": Path(path).name, "sha256": digest,
        "bytes": Path(path).stat().st_size, "retrieved_at": retrieved_at, "vintage": vintage,
    }


def read_meta(path: Path) -> dict:
    """The sidecar '<file>.meta.json' a fetcher writes next to a download ({} when there is none)."""
    meta = Path(str(path) + ".meta.json")
    if not meta.exists():
        meta = Path(path).with_suffix(".meta.json")
    return json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}
