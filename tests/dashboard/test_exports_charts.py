"""Chart name + page query -> the page's own figure -> PNG/SVG at 1920×1080 rendered by kaleido in Chromium."""
from __future__ import annotations

import shutil
import struct

import plotly.graph_objects as go
import pytest
from flask import Flask

from dashboard import api, exports_charts

QUERIES = {  # a typical URL query of each chart's page
    "overview-map": {"year": "2015"},
    "overview-ranking": {"year": "2015", "scope": "police_officers"},
    "trends": {"countries": "KAZ,KGZ"},
    "coverage": {},
    "country": {"iso3": "KGZ"},
}
needs_chromium = pytest.mark.skipif(shutil.which(exports_charts.CHROMIUM) is None, reason="Chromium not installed")


@pytest.fixture()
def app_loaded(served_warehouse):
    import dashboard.app  # noqa: F401  (pages register their callbacks with the app)


def test_every_chart_has_a_typical_query_here():
    assert set(QUERIES) == set(exports_charts.CHARTS)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_each_chart_is_the_page_figure_with_a_title_and_a_source_line(app_loaded, name, lang):
    fig = exports_charts.for_slide(exports_charts.CHARTS[name].build(QUERIES[name], lang))
    assert isinstance(fig, go.Figure) and fig.data
    assert fig.layout.title.text and fig.layout.title.pad.l >= 24
    assert any("ource" in (a.text or "") or "сточник" in (a.text or "") for a in fig.layout.annotations)
    assert fig.layout.separators == (", " if lang == "ru" else ".,")


def test_a_hand_edited_query_is_cleaned_by_the_page_not_refused(app_loaded):
    fig = exports_charts.CHARTS["trends"].build({"countries": "' OR 1=1,KAZ", "scope": "nope"}, "en")
    assert isinstance(fig, go.Figure)


def test_a_country_without_a_profile_is_no_chart(app_loaded):
    with pytest.raises(exports_charts.NoChart):
        exports_charts.CHARTS["country"].build({"iso3": "XXX"}, "en")


@needs_chromium
def test_png_and_svg_downloads_are_full_hd_in_the_language_with_cache_headers(app_loaded):
    server = Flask("charts")
    api.register(server)
    client = server.test_client()
    png = client.get("/download/chart/trends.png?countries=KAZ&lang=ru")
    assert png.status_code == 200 and png.mimetype == "image/png" and png.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png.data[16:24]) == (1920, 1080)
    assert png.headers["Content-Disposition"].startswith('attachment; filename="women-police_trends_ru_')
    assert png.headers["ETag"] and png.headers["X-Build-Id"]
    svg = client.get("/download/chart/country.svg?iso3=KAZ&lang=ru")
    text = svg.data.decode("utf-8")
    assert svg.status_code == 200 and 'width="1920"' in text and 'height="1080"' in text
    assert "Казахстан" in text and "Источник" in text


def test_unknown_charts_and_countries_are_json_404(app_loaded):
    server = Flask("charts-404")
    api.register(server)
    client = server.test_client()
    for path in ("/download/chart/nope.png", "/download/chart/trends.gif", "/download/chart/country.png?iso3=XXX"):
        r = client.get(path)
        assert r.status_code == 404 and r.json["error"]["code"] == "not_found", path


def test_a_page_gets_its_chart_download_links_with_its_query_and_language(app_loaded):
    span = exports_charts.links("trends", "ru", {"countries": "KAZ,KGZ", "scope": "police_officers"})
    hrefs = [c.href for c in span.children if hasattr(c, "href")]
    assert hrefs == ["/download/chart/trends.png?countries=KAZ,KGZ&scope=police_officers&lang=ru",
                     "/download/chart/trends.svg?countries=KAZ,KGZ&scope=police_officers&lang=ru"]
    assert span.children[0].startswith("Скачать")
