"""Files written from chunks, and spooled to disk, are byte for byte the files written from the whole frame; the
API and /download answer exactly what the whole-table oracle (export_observations.sql filtered in pandas) renders."""
from __future__ import annotations

import gc
import io
import re
import zipfile

import pytest
from flask import Flask

from dashboard import api, exports, exports_package, exports_stream
from dashboard.exports_filter import Filter
from test_exports_filter import expected_rows  # the independent pandas oracle: the whole table, filtered

FORMATS = list(exports.FORMATS)
FILTERS = {
    "": Filter(),
    "preferred=false": Filter(preferred=False),
    "country=KAZ&country=KGZ&year_from=2010&preferred=false": Filter(country=("KAZ", "KGZ"), year_from=2010,
                                                                      preferred=False),
    "region=western_balkans&country=FRA": Filter(country=("FRA",), region=("western_balkans",)),
    "source=un_minset_iv4&flag=possible_break&flag=year_inferred&preferred=false&year_to=2012":
        Filter(source=("un_minset_iv4",), flag=("possible_break", "year_inferred"), preferred=False, year_to=2012),
    "year_from=2020&year_to=2010": Filter(year_from=2020, year_to=2010),
}
STAMPS = re.compile(rb"<dcterms:(created|modified)[^<]*</dcterms:\1>")


def comparable(data: bytes) -> bytes | dict:
    """XLSX and zip files carry the time they were written: their members without it, anything else as is."""
    if not data.startswith(b"PK"):
        return data
    z = zipfile.ZipFile(io.BytesIO(data))
    return {n: STAMPS.sub(b"", z.read(n)) for n in z.namelist()}


@pytest.fixture()
def b(served_warehouse) -> exports.Build:
    return exports.build()


@pytest.fixture()
def client(served_warehouse):
    exports_stream.files = exports_stream.Files()  # nothing remembered from another test's warehouse
    server = Flask("test")
    api.register(server)
    return server.test_client()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_file_written_in_chunks_and_on_disk_is_the_file_written_whole(b, monkeypatch, fmt, lang):
    flt = Filter(preferred=False)
    df = expected_rows(flt, lang)
    whole = exports.render(df, flt, b, lang, fmt)
    monkeypatch.setattr(exports_stream, "IN_MEMORY", 1000)  # every file goes to disk
    parts = [df.iloc[i:i + 300] for i in range(0, len(df), 300)]
    body, summary = exports_stream.render(parts, flt, b, lang, fmt)
    assert not body.in_memory and body.size == len(body.read()) == sum(map(len, body.stream()))
    assert (summary.rows, summary.years) == (len(df), (int(df["year"].min()), int(df["year"].max())))
    if fmt == "parquet":  # row groups follow the chunks; the rows, schema and metadata do not change
        import pyarrow.parquet as pq
        assert pq.read_table(io.BytesIO(body.read())).equals(pq.read_table(io.BytesIO(whole)))
        assert pq.read_schema(io.BytesIO(body.read())) == pq.read_schema(io.BytesIO(whole))
    else:
        assert comparable(body.read()) == comparable(whole)
    paths = [p for p in body.parts if not isinstance(p, bytes)]
    assert paths and all(p.exists() for p in paths)
    del body
    gc.collect()
    assert not any(p.exists() for p in paths)  # the file on disk goes with the last reference to it


@pytest.mark.parametrize("query", sorted(FILTERS))
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_api_answers_what_the_whole_table_oracle_renders(b, client, query, fmt):
    flt = FILTERS[query]
    for lang in ("en", "ru"):
        want = exports.render(expected_rows(flt, lang), flt, b, lang, fmt)
        got = client.get(f"/api/v1/observations?{query}&lang={lang}&format={fmt}")
        assert got.status_code == 200
        if fmt == "parquet" and "2020" in query:  # no rows: DuckDB types its empty columns, pandas' filter does not
            import pyarrow.parquet as pq
            got_t, want_t = (pq.read_table(io.BytesIO(d)) for d in (got.data, want))
            assert got_t.num_rows == want_t.num_rows == 0 and got_t.column_names == want_t.column_names
            continue
        assert comparable(got.data) == comparable(want), (query, fmt, lang)
        again = client.get(f"/download/observations.{fmt}?{query}&lang={lang}")
        assert comparable(again.data) == comparable(want)
        name = exports.file_name(expected_rows(flt, lang), flt, b, fmt)
        assert again.headers["Content-Disposition"] == f'attachment; filename="{name}"'


def test_a_large_answer_is_streamed_from_disk_with_its_length(b, client, monkeypatch):
    monkeypatch.setattr(exports_stream, "IN_MEMORY", 1000)
    want = exports.render(expected_rows(Filter(), "en"), Filter(), b, "en", "csv")
    got = client.get("/api/v1/observations?format=csv")
    assert got.is_streamed and got.headers["Content-Length"] == str(len(want)) and got.data == want
    assert client.get("/api/v1/observations?format=csv").data == want  # remembered on disk, sent again


def test_the_package_on_disk_holds_the_same_files(served_warehouse, monkeypatch):
    exports_package._cache = exports._LRU(4)
    small, _ = exports_package.package("en")
    exports_package._cache = exports._LRU(4)
    monkeypatch.setattr(exports_stream, "IN_MEMORY", 1000)
    large, _ = exports_package.package("en")
    assert small.in_memory and not large.in_memory
    assert comparable(large.read()) == comparable(small.read())


@pytest.mark.parametrize("lang, words", [("en", "Excel sheet"), ("ru", "лист Excel")])
def test_more_rows_than_an_excel_sheet_holds_is_refused_with_the_formats_that_hold_them(b, client, monkeypatch,
                                                                                        lang, words):
    from dashboard import exports_xlsx
    monkeypatch.setattr(exports_xlsx, "MAX_ROWS", 100)  # the real limit (1,048,575) in a test-sized warehouse
    got = client.get(f"/api/v1/observations?format=xlsx&preferred=false&lang={lang}")
    error = got.get_json()["error"]
    assert got.status_code == 400 and error["code"] == "too_many_rows_for_xlsx" and words in error["message"]
    assert error["parameter"] == "format" and error["allowed"] == ["csv", "json", "parquet"]
    assert client.get(f"/api/v1/observations?format=csv&preferred=false&lang={lang}").status_code == 200
    few = client.get(f"/api/v1/observations?format=xlsx&country=KAZ&lang={lang}")
    assert few.status_code == 200 and few.data.startswith(b"PK")
