"""The whole warehouse -> zip data package: CSVs matching datapackage.json, sources, and a README in both languages."""
from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
import pytest

from dashboard import db, exports, exports_package
from test_exports_filter import expected_rows  # the independent pandas oracle


@pytest.fixture()
def package(served_warehouse):
    body, name = exports_package.package("ru")
    return zipfile.ZipFile(io.BytesIO(body.read())), name


def test_the_package_holds_every_resource_a_descriptor_and_a_readme(package):
    z, name = package
    resources = ["observations", *exports_package.TABLES]
    assert set(z.namelist()) == {"datapackage.json", "README.md"} | {f"data/{r}.csv" for r in resources}
    assert name == f"women-police_data-package_ru_{exports.build().date}.zip"


def test_every_csv_has_exactly_the_fields_and_row_count_its_descriptor_declares(package):
    z, _ = package
    descriptor = json.loads(z.read("datapackage.json"))
    for res in descriptor["resources"]:
        df = pd.read_csv(io.BytesIO(z.read(res["path"])), encoding=res["encoding"], keep_default_na=False)
        assert list(df.columns) == [f["name"] for f in res["schema"]["fields"]], res["name"]
        assert len(df) == res["rows"], res["name"]
        assert all(f["description"] and f["description_ru"] for f in res["schema"]["fields"])


def test_observations_are_every_source_and_vintage_with_the_download_columns(package):
    z, _ = package
    df = pd.read_csv(io.BytesIO(z.read("data/observations.csv")), encoding="utf-8-sig", keep_default_na=False)
    assert list(df.columns) == exports.COLUMNS
    assert len(df) == len(expected_rows(exports.Filter(preferred=False), "ru"))
    assert df["is_preferred"].sum() < len(df)  # alternatives are kept, marked as not preferred
    assert "Казахстан" in set(df["country"])


def test_the_descriptor_names_the_build_and_every_source_with_its_licence(package):
    z, _ = package
    descriptor = json.loads(z.read("datapackage.json"))
    b = exports.build()
    assert (descriptor["version"], descriptor["build_id"]) == (b.release, b.build_id)
    sources = db.query("export_sources")
    assert [s["citation"] for s in descriptor["sources"]] == list(sources["citation"])
    assert [s["licence"] for s in descriptor["sources"]] == list(sources["licence"])


def test_the_readme_gives_the_citation_and_sources_in_english_and_in_russian(package):
    z, _ = package
    text = z.read("README.md").decode("utf-8")
    b = exports.build()
    assert "## How to cite" in text and "## Как ссылаться" in text
    assert text.count(b.release) >= 4  # release line and citation, in each language
    for citation in db.query("export_sources")["citation"]:
        assert text.count(citation) == 2
