"""Eurostat crim_just_job: JSON-stat fixtures -> tidy rows, and the fetcher against real local sockets."""
from __future__ import annotations

import hashlib
import json
import threading
from datetime import datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from etl.errors import FetchError, InputError
from etl.sources import eurostat

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "eurostat"
DOC = FIXTURES / "crim_just_job.json"
CLOSED_PORT_URL = "http://127.0.0.1:9/"


@pytest.fixture(scope="module")
def parsed():
    return eurostat.parse(DOC)


def lookup(df, indicator, iso3, year):
    return df[(df.indicator == indicator) & (df.iso3 == iso3) & (df.year == year)]


def write_doc(tmp_path: Path, doc) -> Path:
    path = tmp_path / "crim_just_job.json"
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


def fixture_doc() -> dict:
    return json.loads(DOC.read_text(encoding="utf-8"))


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def serve(tmp_path):
    """Serve a folder over real HTTP on 127.0.0.1; yields a function folder -> base URL."""
    servers = []

    def start(folder: Path) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def listing(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


# --- parse ---------------------------------------------------------------------------------------

def test_parse_returns_women_total_and_rate_for_police_officers_of_four_countries(parsed):
    assert len(parsed) == 30
    assert parsed.groupby("indicator").size().to_dict() == {
        "police_per_100k": 10, "police_total": 10, "police_women": 10}
    assert set(parsed.scope) == {"police_officers"}
    assert set(parsed.source_id) == {"eurostat_crim_just_job"}


@pytest.mark.parametrize("indicator, iso3, year, value, flags", [
    ("police_women", "AUT", 2018, 5460, ""),
    ("police_women", "AUT", 2019, 5700, "break_in_series"),
    ("police_total", "AUT", 2019, 31650, "break_in_series"),
    ("police_total", "GRC", 2018, 52000, "estimated"),
    ("police_women", "GRC", 2019, 7300, "provisional"),
    ("police_total", "GBR", 2018, 150000, ""),
    ("police_total", "XKX", 2020, 9200, "break_in_series;low_reliability"),
    ("police_women", "XKX", 2020, 1400, "provisional"),
    ("police_per_100k", "AUT", 2019, 355.64, "break_in_series"),
    ("police_per_100k", "GRC", 2018, 484.3, "estimated"),
])
def test_values_and_status_flags_are_parsed_exactly(parsed, indicator, iso3, year, value, flags):
    row = lookup(parsed, indicator, iso3, year)
    assert row.value.tolist() == [value]
    assert row["flags"].tolist() == [flags]


@pytest.mark.parametrize("geo, iso3", [("AT", "AUT"), ("EL", "GRC"), ("UK", "GBR"), ("XK", "XKX")])
def test_eurostat_geo_codes_become_iso3(parsed, geo, iso3):
    assert iso3 in set(parsed.iso3)
    assert geo not in set(parsed.iso3)


def test_aggregates_like_eu27_2020_are_skipped_and_counted(parsed):
    assert parsed.attrs["skipped"] == {"aggregate": 9, "region": 0}
    assert parsed.attrs["rows_read"] == 52  # every value in the cube, loaded or not
    assert 1500000 not in set(parsed.value)


@pytest.mark.parametrize("indicator, iso3, year", [
    ("police_total", "GRC", 2020),    # no value at all
    ("police_women", "GRC", 2020),    # status "c" without a value
    ("police_total", "GBR", 2020),    # status ":" without a value
    ("police_per_100k", "GBR", 2020),
])
def test_missing_values_produce_no_row(parsed, indicator, iso3, year):
    assert lookup(parsed, indicator, iso3, year).empty


@pytest.mark.parametrize("value, what", [
    (25950, "men (sex M) are not loaded"),
    (121.9, "the women's rate per 100 000 is not one of our indicators"),
    (3400, "prison guards (OC5413) are not police officers"),
])
def test_other_series_in_the_cube_are_not_loaded(parsed, value, what):
    assert value not in set(parsed.value), what


def test_vintage_is_the_datasets_updated_date_and_origin_is_the_flat_index(parsed):
    assert set(parsed.vintage) == {"2024-05-27"}
    assert lookup(parsed, "police_women", "AUT", 2019).origin.tolist() == ["crim_just_job.json:4"]


def test_sub_national_units_like_england_and_wales_are_skipped_as_regions(tmp_path):
    doc = fixture_doc()
    index = doc["dimension"]["geo"]["category"]["index"]
    index["UKC-L"] = index.pop("UK")
    df = eurostat.parse(write_doc(tmp_path, doc))
    assert df.attrs["skipped"] == {"aggregate": 9, "region": 6}
    assert "GBR" not in set(df.iso3)


def test_an_unknown_status_flag_is_a_problem_naming_file_index_and_flag(tmp_path):
    doc = fixture_doc()
    doc["status"]["4"] = "z"
    with pytest.raises(InputError) as caught:
        eurostat.parse(write_doc(tmp_path, doc))
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column, problem.value) == ("crim_just_job.json", 4, "status", "z")


def test_an_unknown_country_code_is_a_problem_with_the_code(tmp_path):
    doc = fixture_doc()
    index = doc["dimension"]["geo"]["category"]["index"]
    index["QQ"] = index.pop("XK")
    with pytest.raises(InputError) as caught:
        eurostat.parse(write_doc(tmp_path, doc))
    assert {p.value for p in caught.value.problems} == {"QQ"}
    assert all(p.column == "geo" for p in caught.value.problems)


def without(key_path: tuple) -> dict:
    doc = fixture_doc()
    parent = doc
    for key in key_path[:-1]:
        parent = parent[key]
    del parent[key_path[-1]]
    return doc


@pytest.mark.parametrize("content, rule", [
    ("<html><body>Service unavailable</body></html>", "not JSON"),
    ({"error": [{"status": 404, "id": 100, "label": "No data found"}]}, "not a JSON-stat"),
    (fixture_doc() | {"value": [5460, 5700]}, "\"value\" object"),
    (fixture_doc() | {"value": {"9999": 1}}, "not an index into the cube of 180 cells"),
    (without(("dimension", "sex")), "dimension 'sex' is missing"),
    (without(("updated",)) | {"extension": {}}, "no update date"),
])
def test_malformed_documents_raise_one_whole_file_problem(tmp_path, content, rule):
    with pytest.raises(InputError) as caught:
        eurostat.parse(write_doc(tmp_path, content))
    [problem] = caught.value.problems
    assert problem.file == "crim_just_job.json" and problem.row is None
    assert rule in problem.rule


def test_the_broken_fixture_is_refused_naming_the_file_and_the_dimension():
    with pytest.raises(InputError, match=r"crim_just_job_no_geo\.json: dimension 'geo' is missing"):
        eurostat.parse(FIXTURES / "crim_just_job_no_geo.json")


# --- fetch and snapshots -------------------------------------------------------------------------

def test_fetch_offline_raises_one_line_fetch_error_and_changes_nothing(tmp_path):
    (tmp_path / "eurostat_crim_just_job_2020-01-01.json").write_text("{}")
    before = listing(tmp_path)
    with pytest.raises(FetchError) as caught:
        eurostat.fetch(tmp_path, url=CLOSED_PORT_URL, timeout=5)
    assert str(caught.value) == "cannot reach 127.0.0.1: offline? (ConnectionError)"
    assert listing(tmp_path) == before


def test_fetch_writes_the_raw_response_and_a_meta_sidecar(tmp_path, serve):
    base = serve(FIXTURES)
    dest = tmp_path / "snapshots"
    path = eurostat.fetch(dest, url=f"{base}/crim_just_job.json", timeout=5)
    raw = DOC.read_bytes()
    assert path.read_bytes() == raw
    meta = json.loads(path.with_name(path.stem + ".meta.json").read_text())
    assert meta["source_id"] == "eurostat_crim_just_job"
    assert meta["url"] == f"{base}/crim_just_job.json"
    assert (meta["sha256"], meta["bytes"]) == (hashlib.sha256(raw).hexdigest(), len(raw))
    assert meta["updated"] == "2024-05-27T23:00:00+0200"
    assert datetime.fromisoformat(meta["retrieved_at"]).utcoffset().total_seconds() == 0
    assert path.name[len("eurostat_crim_just_job_"):-len(".json")] == meta["retrieved_at"][:10]
    assert sorted(p.name for p in dest.iterdir()) == [path.name, path.stem + ".meta.json"]
    assert eurostat.snapshots(dest) == [path]
    assert set(eurostat.parse(path).vintage) == {"2024-05-27"}


@pytest.mark.parametrize("name, content, message", [
    ("missing.json", None, "answered HTTP 404"),
    ("page.html", "<html>maintenance</html>", "not JSON"),
    ("error.json", '{"error": [{"status": 413, "label": "too big"}]}', "not a JSON-stat dataset"),
])
def test_fetch_of_a_bad_answer_raises_one_line_fetch_error_and_writes_nothing(tmp_path, serve, name, content,
                                                                               message):
    served, dest = tmp_path / "served", tmp_path / "dest"
    served.mkdir()
    dest.mkdir()
    if content is not None:
        (served / name).write_text(content)
    with pytest.raises(FetchError) as caught:
        eurostat.fetch(dest, url=f"{serve(served)}/{name}", timeout=5)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert listing(dest) == {}


def test_snapshots_lists_fetched_files_oldest_first_without_sidecars(tmp_path):
    for day in ["2024-03-01", "2023-11-30", "2024-01-15"]:
        (tmp_path / f"eurostat_crim_just_job_{day}.json").write_text("{}")
        (tmp_path / f"eurostat_crim_just_job_{day}.meta.json").write_text("{}")
    (tmp_path / "unodc_cj_personnel_2024-02-01.xlsx").write_text("")
    assert [p.name for p in eurostat.snapshots(tmp_path)] == [
        "eurostat_crim_just_job_2023-11-30.json", "eurostat_crim_just_job_2024-01-15.json",
        "eurostat_crim_just_job_2024-03-01.json"]
