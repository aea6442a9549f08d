"""dataUNODC criminal justice personnel: CSV / XLSX fixtures -> tidy rows, and the fetcher on real sockets."""
from __future__ import annotations

import csv
import hashlib
import json
import shutil
import threading
from datetime import datetime, timezone
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from etl.errors import FetchError, InputError
from etl.sources import unodc

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "unodc"
CSV_FILE = FIXTURES / "unodc_cj_personnel_2024-06-05.csv"
XLSX_FILE = FIXTURES / "data_cts_access_and_functioning_of_justice.xlsx"
CLOSED_PORT_URL = "http://127.0.0.1:9/"
HEADER = unodc.COLUMNS
AUSTRIA_WOMEN = ["AUT", "Austria", "Europe", "Western Europe", "Criminal Justice Personnel", "by type of personnel",
                 "Police personel", "Female", "Total", "2019", "Counts", "5700", "CTS"]


@pytest.fixture(scope="module", params=[CSV_FILE, XLSX_FILE], ids=["csv", "xlsx"])
def parsed(request):
    return unodc.parse(request.param)


def lookup(df, indicator, iso3, year):
    return df[(df["indicator"] == indicator) & (df["iso3"] == iso3) & (df["year"] == year)]


def write_csv(tmp_path: Path, *rows, name="export.csv", header=HEADER) -> Path:
    """A CSV in the export's layout: the real header, then rows given as {column: value} changes to AUSTRIA_WOMEN."""
    path = tmp_path / name
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for changes in rows:
            writer.writerow([changes.get(col, value) for col, value in zip(HEADER, AUSTRIA_WOMEN)])
    return path


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def serve():
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

def test_csv_and_xlsx_exports_give_the_same_observations():
    from_csv, from_xlsx = unodc.parse(CSV_FILE), unodc.parse(XLSX_FILE)
    columns = ["iso3", "year", "indicator", "value", "scope", "flags", "source_id"]
    assert from_csv[columns].equals(from_xlsx[columns])
    assert len(from_csv) == 15


@pytest.mark.parametrize("indicator, iso3, year, value", [
    ("police_women", "AUT", 2019, 5700),
    ("police_total", "AUT", 2019, 31650),
    ("police_per_100k", "AUT", 2019, 355.64),
    ("police_women", "AUT", 2020, 5950),
    ("police_women", "KAZ", 2015, 6350),
    ("police_total", "KAZ", 2015, 86450),
    ("police_total", "KGZ", 2016, 17530),
    ("police_women", "XKX", 2019, 1350),
    ("police_women", "TUR", 2019, 17000),
    ("police_per_100k", "USA", 2019, 212.6),
])
def test_values_are_parsed_exactly(parsed, indicator, iso3, year, value):
    row = lookup(parsed, indicator, iso3, year)
    assert row["value"].tolist() == [value]
    assert row["flags"].tolist() == [""]
    assert row["scope"].tolist() == ["police_officers"]


@pytest.mark.parametrize("value, what", [
    (25950, "Male counts are not loaded"),
    (63.97, "the female rate is not one of our indicators"),
    (410, "prosecution personnel are not police"),
    (23000, "persons prosecuted is another indicator"),
])
def test_rows_outside_the_police_series_are_not_loaded(parsed, value, what):
    assert value not in set(parsed["value"]), what


def test_sub_national_units_are_skipped_and_counted_not_mapped_to_the_country(parsed):
    assert "GBR" not in set(parsed["iso3"])
    assert parsed.attrs["skipped"] == {"subnational": 3}
    assert parsed.attrs["rows_read"] == 23  # every data row below the header, loaded or not


@pytest.mark.parametrize("path, origin", [
    (CSV_FILE, "unodc_cj_personnel_2024-06-05.csv:2"),
    (XLSX_FILE, "data_cts_access_and_functioning_of_justice.xlsx:4"),  # two title rows, header in row 3
])
def test_origin_points_at_the_line_or_sheet_row(path, origin):
    assert lookup(unodc.parse(path), "police_women", "AUT", 2019)["origin"].tolist() == [origin]


@pytest.mark.parametrize("path, vintage", [
    (CSV_FILE, "2024-06-05"),    # the date in the file name
    (XLSX_FILE, "2024-07-01"),   # retrieved_at from the .meta.json sidecar
])
def test_vintage_comes_from_the_file_name_or_the_sidecar(path, vintage):
    assert set(unodc.parse(path)["vintage"]) == {vintage}


def test_vintage_is_empty_without_a_dated_name_or_sidecar(tmp_path):
    assert unodc.parse(write_csv(tmp_path, {}))["vintage"].tolist() == [""]


def test_a_bogus_iso3_code_falls_back_to_the_country_name(tmp_path):
    df = unodc.parse(write_csv(tmp_path, {"Iso3_code": "KOS", "Country": "Kosovo under UNSCR 1244"}))
    assert df["iso3"].tolist() == ["XKX"]


def test_an_unknown_country_is_a_problem_with_suggestions(tmp_path):
    with pytest.raises(InputError) as caught:
        unodc.parse(write_csv(tmp_path, {}, {"Iso3_code": "KGX", "Country": "Kyrgystan"}))
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column, problem.value) == ("export.csv", 3, "Country", "Kyrgystan")
    assert "closest matches" in problem.rule and "KGZ" in problem.rule


@pytest.mark.parametrize("changes, column", [
    ({"VALUE": "n/a"}, "VALUE"),
    ({"Year": "2019/20"}, "Year"),
    ({"Sex": "Unknown"}, "Sex"),
    ({"Unit of measurement": "Percentage"}, "Unit of measurement"),
])
def test_bad_cells_are_problems_naming_row_column_and_value(tmp_path, changes, column):
    with pytest.raises(InputError) as caught:
        unodc.parse(write_csv(tmp_path, changes))
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column, problem.value) == ("export.csv", 2, column, changes[column])


def test_a_censored_count_keeps_its_bound_with_a_flag_and_an_empty_value_gives_no_row(tmp_path):
    df = unodc.parse(write_csv(tmp_path, {"VALUE": "<5"}, {"Year": "2020", "VALUE": ""}))
    assert df[["year", "value", "flags"]].values.tolist() == [[2019, 5.0, "upper_bound"]]


def test_a_second_value_for_the_same_country_year_and_series_is_a_problem(tmp_path):
    with pytest.raises(InputError, match=r"export\.csv, row 3, column 'VALUE'.*first in row 2"):
        unodc.parse(write_csv(tmp_path, {}, {"VALUE": "5800"}))


def test_the_broken_fixture_is_refused_naming_the_file_and_the_missing_columns():
    with pytest.raises(InputError) as caught:
        unodc.parse(FIXTURES / "broken_renamed_columns.csv")
    assert [(p.file, p.column) for p in caught.value.problems] == [
        ("broken_renamed_columns.csv", "Unit of measurement"), ("broken_renamed_columns.csv", "VALUE")]


def test_a_file_without_the_header_row_is_one_whole_file_problem(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("This is not an export\nat all\n")
    with pytest.raises(InputError) as caught:
        unodc.parse(path)
    [problem] = caught.value.problems
    assert problem.file == "notes.csv" and problem.row is None and "Iso3_code" in problem.rule


# --- fetch and snapshots -------------------------------------------------------------------------

@pytest.mark.parametrize("arguments", [{"url": CLOSED_PORT_URL}, {"page": CLOSED_PORT_URL}],
                         ids=["workbook-url", "data-report-page"])
def test_fetch_offline_raises_one_line_fetch_error_and_changes_nothing(tmp_path, arguments):
    (tmp_path / "unodc_cj_personnel_2020-01-01.xlsx").write_bytes(b"PK old")
    before = listing(tmp_path)
    with pytest.raises(FetchError) as caught:
        unodc.fetch(tmp_path, timeout=5, **arguments)
    assert str(caught.value) == "cannot reach 127.0.0.1: offline? (ConnectionError)"
    assert listing(tmp_path) == before


@pytest.mark.parametrize("fixture", [XLSX_FILE, CSV_FILE], ids=["xlsx", "csv"])
def test_fetch_writes_the_raw_export_and_a_meta_sidecar(tmp_path, serve, fixture):
    base, dest = serve(FIXTURES), tmp_path / "snapshots"
    path = unodc.fetch(dest, url=f"{base}/{fixture.name}", timeout=5)
    raw = fixture.read_bytes()
    assert path.read_bytes() == raw and path.suffix == fixture.suffix
    meta = json.loads(path.with_name(path.stem + ".meta.json").read_text())
    assert (meta["source_id"], meta["url"]) == ("unodc_cj_personnel", f"{base}/{fixture.name}")
    assert (meta["sha256"], meta["bytes"]) == (hashlib.sha256(raw).hexdigest(), len(raw))
    # http.server sends the file's modification time as Last-Modified
    assert meta["updated"] == datetime.fromtimestamp(fixture.stat().st_mtime, timezone.utc).date().isoformat()
    assert path.name == f"unodc_cj_personnel_{meta['retrieved_at'][:10]}{fixture.suffix}"
    assert unodc.snapshots(dest) == [path]
    assert set(unodc.parse(path)["vintage"]) == {meta["retrieved_at"][:10]}


def test_fetch_without_url_follows_the_newest_workbook_link_on_the_data_report_page(tmp_path, serve):
    site, dest = tmp_path / "site", tmp_path / "dest"
    newest = site / "sites" / "dataportal" / "files" / "2024-06" / f"{unodc.WORKBOOK}_0.xlsx"
    newest.parent.mkdir(parents=True)
    shutil.copy(XLSX_FILE, newest)
    (site / "cjs-arrested.html").write_text(
        f'<a href="/sites/dataportal/files/2023-05/{unodc.WORKBOOK}.xlsx">2023</a>'
        f'<a href="/sites/dataportal/files/2024-06/{unodc.WORKBOOK}.xlsx">stale link</a>'
        f'<a href="/sites/dataportal/files/2024-06/{unodc.WORKBOOK}_0.xlsx">Download</a>')
    base = serve(site)
    path = unodc.fetch(dest, page=f"{base}/cjs-arrested.html", timeout=5)
    meta = json.loads(path.with_name(path.stem + ".meta.json").read_text())
    assert meta["url"] == f"{base}/sites/dataportal/files/2024-06/{unodc.WORKBOOK}_0.xlsx"
    assert path.read_bytes() == XLSX_FILE.read_bytes()


@pytest.mark.parametrize("files, arguments, message", [
    ({}, {"url": "/missing.xlsx"}, "answered HTTP 404"),
    ({"sorry.xlsx": "<html>maintenance</html>"}, {"url": "/sorry.xlsx"}, "sent no XLSX export"),
    ({"sorry.csv": "<html>maintenance</html>"}, {"url": "/sorry.csv"}, "sent no CSV export"),
    ({"page.html": "<html>redesigned</html>"}, {"page": "/page.html"}, "no link to"),
])
def test_fetch_of_a_bad_answer_raises_one_line_fetch_error_and_writes_nothing(tmp_path, serve, files, arguments,
                                                                               message):
    served, dest = tmp_path / "served", tmp_path / "dest"
    served.mkdir()
    dest.mkdir()
    for name, text in files.items():
        (served / name).write_text(text)
    base = serve(served)
    with pytest.raises(FetchError) as caught:
        unodc.fetch(dest, timeout=5, **{k: base + v for k, v in arguments.items()})
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert listing(dest) == {}


def test_snapshots_lists_fetched_exports_oldest_first_without_sidecars(tmp_path):
    for name in ["unodc_cj_personnel_2024-03-01.xlsx", "unodc_cj_personnel_2023-11-30.csv",
                 "unodc_cj_personnel_2024-03-01.meta.json", "eurostat_crim_just_job_2024-01-01.json"]:
        (tmp_path / name).write_text("")
    assert [p.name for p in unodc.snapshots(tmp_path)] == [
        "unodc_cj_personnel_2023-11-30.csv", "unodc_cj_personnel_2024-03-01.xlsx"]
