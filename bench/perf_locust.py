"""Recorded page loads (JSON from bench/perf_load.py) -> locust users: each opens the presenter link, then the
overview, replaying every request a new visitor's browser made (HTML, scripts, styles, layout, callbacks), once.

Run by bench/perf_load.py (`locust -f bench/perf_locust.py --headless ...` with VISITS=<recorded json>).
Imports only locust and the standard library: it runs in locust's own virtualenv.
"""
from __future__ import annotations

import json
import os
from urllib.parse import urlsplit

from locust import FastHttpUser, constant, task

with open(os.environ["VISITS"], encoding="utf-8") as _f:
    VISITS = json.load(_f)
# What a current browser sends: the server then compresses (brotli) as it would for a real visitor.
HEADERS = {"Accept-Encoding": "br, gzip, deflate", "User-Agent": "locust (bench/perf_locust.py)"}


def label(request: dict) -> str:
    """Stats are grouped by kind of request, not by URL (scripts carry version fingerprints)."""
    path = urlsplit(request["url"]).path
    if request["method"] == "POST":
        return f"callback {request['output'][:60]}"
    if path.startswith(("/_dash-component-suites/", "/assets/", "/_favicon")):
        return "static file"
    return f"GET {path}"


class Visitor(FastHttpUser):
    """One person: the presenter link, then the overview, as a browser with an empty cache; then idle.

    Idle, not stopped: locust replaces a stopped user while it ramps up, which would add visits.
    """
    wait_time = constant(24 * 3600)

    @task
    def visit(self):
        for page in VISITS["pages"]:
            for request in page["requests"]:
                headers = {**HEADERS, **({"Content-Type": "application/json"} if request["method"] == "POST" else {})}
                with self.client.request(request["method"], request["url"], data=request.get("body"),
                                         headers=headers, name=f"{page['name']}: {label(request)}",
                                         catch_response=True) as response:
                    if response.status_code not in (200, 204):
                        response.failure(f"status {response.status_code}")
