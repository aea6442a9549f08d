"""What a first visit downloads: our partial plotly.js bundle (the trace types the figures make, plotly.py's
plotly.js version, no eval, rebuilt byte for byte from package-lock.json), served compressed once and immutable;
AG Grid's script only in the explorer's page. Functional, never timed (bench/perf_page.py measures)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from flask import request
from plotly.offline import get_plotlyjs_version

from dashboard import components, router, static

ROOT = Path(__file__).resolve().parent.parent.parent
BUNDLE = ROOT / "assets" / "vendor" / "plotly-partial.min.js"
BUILD = ROOT / "tools" / "plotly-bundle.mjs"
FIGURES = ROOT / "dashboard" / "figures"
TRACE_CLASS = re.compile(r"\bgo\.([A-Z]\w*)\(")  # go.Bar( -> bar, the trace type plotly.js registers
NOT_TRACES = {"Figure", "Layout", "FigureWidget", "Frame"}


def header() -> str:
    return BUNDLE.read_text(encoding="utf-8")[:600]


def bundled_traces() -> set[str]:
    return set(re.search(r"plotly\.js \(partial: ([a-z, ]+) - minified\)", header()).group(1).split(", "))


def traces_the_figures_make() -> set[str]:
    found = set()
    for path in FIGURES.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= {name.lower() for name in TRACE_CLASS.findall(text) if name not in NOT_TRACES}
        found |= set(re.findall(r"""["']type["']:\s*["'](\w+)["']""", text)) - {"category", "linear", "log"}
    return found


def test_the_bundle_holds_every_trace_type_the_figures_make():
    assert traces_the_figures_make() - bundled_traces() == set()
    assert {"scatter", "bar", "heatmap", "choropleth", "scattergeo"} <= traces_the_figures_make()


def test_the_bundle_is_the_plotly_js_version_of_plotly_py_and_says_its_licence():
    assert f" v{get_plotlyjs_version()}\n" in header()
    assert "Licensed under the MIT license" in header()
    assert (BUNDLE.parent / "plotly-partial.LICENSE.txt").read_text(encoding="utf-8").startswith("MIT License")


def test_the_bundle_needs_no_eval_which_the_content_security_policy_forbids():
    text = BUNDLE.read_text(encoding="utf-8")
    assert re.findall(r"\beval\(|new Function\(|\bFunction\(\s*['\"]", text) == []


def test_the_bundle_keeps_the_modebar_strings_the_russian_locale_translates():
    text = BUNDLE.read_text(encoding="utf-8")
    for title in ("Download plot as a PNG", "Zoom in", "Zoom out", "Reset view", "Pan", "Autoscale"):
        assert f'"{title}"' in text


@pytest.mark.skipif(shutil.which("node") is None or not (ROOT / "node_modules" / "plotly.js").is_dir()
                    or not (ROOT / "node_modules" / "esbuild").is_dir(),
                    reason="node or node_modules/plotly.js, esbuild missing (make browser-deps runs npm ci)")
def test_the_committed_bundle_is_what_the_build_script_makes_from_the_locked_packages(tmp_path):
    out = tmp_path / "plotly-partial.min.js"
    subprocess.run(["node", str(BUILD), str(out)], cwd=ROOT, check=True, capture_output=True, timeout=300)
    assert out.read_bytes() == BUNDLE.read_bytes(), "assets/vendor is stale: run `make plotly-bundle`"


@pytest.fixture()
def client(served_warehouse):
    from dashboard.app import app
    return app.server.test_client()


def scripts(client, path: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', client.get(path).get_data(as_text=True))


def test_only_the_explorer_page_loads_ag_grid_and_every_page_loads_our_plotly_bundle(client):
    for path in ("/", "/trends?lang=ru", "/present?deck=default", "/country/KAZ", "/no-such-page"):
        assert not [s for s in scripts(client, path) if "dash_ag_grid" in s], path
        assert [s for s in scripts(client, path) if s.startswith("/assets/vendor/plotly-partial.min.js?m=")], path
    for path in ("/explorer", "/explorer/", "/explorer?lang=ru"):
        assert [s for s in scripts(client, path) if "/dash_ag_grid/" in s], path
    assert not [s for s in scripts(client, "/") if "plotly.min.js" in s]  # dcc.Graph uses window.Plotly


def test_links_to_the_explorer_load_the_page_anew():
    links = [link for link in components.header("en", "/").children[2].children if "/explorer" in link.href]
    assert links and all(link.refresh for link in links)
    assert set(components.OWN_LIBRARY) == {"/explorer"}


def test_page_scripts_leaves_out_only_the_other_pages_libraries():
    tags = ('<script src="/_dash-component-suites/dash_ag_grid/dash_ag_grid.v1m2.min.js"></script>\n'
            '<script src="/_dash-component-suites/dash/dcc/dash_core_components.v1m2.js"></script>')
    assert router.page_scripts(tags, "/") == tags.split("\n")[1]
    assert router.page_scripts(tags, "/explorer") == tags


def test_the_bundle_is_served_compressed_once_and_immutable(client):
    url = next(s for s in scripts(client, "/") if s.startswith(static.VENDOR))
    first = client.get(url, headers={"Accept-Encoding": "br"})
    assert first.status_code == 200 and first.headers["Content-Encoding"] == "br"
    assert first.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "javascript" in first.headers["Content-Type"]
    with client.application.test_request_context(url):
        assert static.static_key(request) == url  # the compression cache keeps it (CompressedStatic)
    assert client.get(url, headers={"Accept-Encoding": "br"}).get_data() == first.get_data()
    assert client.get(static.VENDOR + "missing.js").status_code == 404
