"""Downloads from publishers: one-line errors when offline, and files that appear whole or not at all."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import requests

from etl.errors import FetchError


def download(url: str, host: str, timeout: float) -> requests.Response:
    """The response, or a FetchError whose message is one line a person can act on."""
    try:
        response = requests.get(url, timeout=timeout, headers={"User-Agent": "women-police-osce-etl"})
        response.raise_for_status()
    except requests.ConnectionError as e:
        raise FetchError(f"cannot reach {host}: offline? ({type(e).__name__})") from e
    except requests.Timeout as e:
        raise FetchError(f"{host} did not answer within {timeout} s ({type(e).__name__})") from e
    except requests.HTTPError as e:
        raise FetchError(f"{host} answered HTTP {response.status_code} {response.reason} for {url}") from e
    except requests.RequestException as e:
        raise FetchError(f"cannot download {url} ({type(e).__name__})") from e
    return response


def write_atomically(target: Path, body: bytes, meta: bytes) -> None:
    """The file and its '<stem>.meta.json' land under their final names only once both are fully written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temps = []
    try:
        for data in (body, meta):
            with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".", suffix=".part", delete=False) as f:
                temps.append(Path(f.name))
                f.write(data)
        os.replace(temps[0], target)
        os.replace(temps[1], target.with_name(target.stem + ".meta.json"))
    finally:
        for temp in temps:
            temp.unlink(missing_ok=True)
