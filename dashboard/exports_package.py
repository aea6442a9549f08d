"""The whole warehouse -> one zip data package: CSVs, datapackage.json (fields, sources) and a bilingual README."""
from __future__ import annotations

import json
import time
import zipfile

import pandas as pd

from dashboard import db, exports, exports_rows, exports_stream
from dashboard.exports_filter import Filter
from dashboard.i18n import LANGS, t

# Resource name -> (query, parameters, primary key). Observations: exports_rows.chunks (all sources, vintages).
TABLES = {
    "region_aggregates": ("api_aggregates", {"regions": [], "indicators": [], "scopes": [], "year_from": None,
                                             "year_to": None}, ["region", "year", "indicator", "scope"]),
    "countries": ("api_countries", {}, ["iso3"]),
    "regions": ("api_regions", {}, ["code"]),
    "indicators": ("api_indicators", {}, ["code"]),
    "scopes": ("api_scopes", {}, ["code"]),
    "flags": ("api_flags", {}, ["code"]),
    "sources": ("export_sources", {}, ["id"]),
}
OBSERVATION_KEY = ["iso3", "year", "indicator", "scope", "source_id", "vintage", "bound"]
FOREIGN_KEYS = [("iso3", "countries", "iso3"), ("indicator", "indicators", "code"), ("scope", "scopes", "code"),
                ("source_id", "sources", "id")]
_cache = exports._LRU(4)


def tables(lang: str) -> dict[str, pd.DataFrame]:
    """Every resource of the package but the observations, as DataFrames."""
    return {name: db.query(query, **params) for name, (query, params, _key) in TABLES.items()}


def observations(lang: str) -> tuple[exports_stream.Body, exports_stream.Summary]:
    """The observations CSV (all sources and vintages, names in `lang`), written from chunks: any size."""
    summary, spool = exports_stream.Summary(), exports_stream.Spool()
    _build, frames = exports_rows.chunks(Filter(preferred=False).params(lang))
    try:
        exports_stream.write_csv(frames, spool, summary)
    except BaseException:
        spool.discard()
        raise
    return exports_stream.Body([spool.part()]), summary


def field_type(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_float_dtype(series):
        return "number"
    return "string"


def describe(column: str) -> dict:
    """A field's description in English (Frictionless `description`) and Russian (`description_ru`)."""
    key = f"export.col_{column}"
    return {"description": t(key, "en"), "description_ru": t(key, "ru")}


def resource(name: str, df: pd.DataFrame, rows: int | None = None) -> dict:
    key = OBSERVATION_KEY if name == "observations" else TABLES[name][2]
    schema = {"fields": [{"name": c, "type": field_type(df[c]), **describe(c)} for c in df.columns],
              "primaryKey": key}
    if name == "observations":
        schema["foreignKeys"] = [{"fields": f, "reference": {"resource": r, "fields": c}} for f, r, c in FOREIGN_KEYS]
    return {"name": name, "path": f"data/{name}.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8-sig", "rows": int(len(df) if rows is None else rows), "schema": schema}


def descriptor(frames: dict[str, pd.DataFrame], b: exports.Build, lang: str, rows: dict[str, int] | None = None) -> dict:
    """datapackage.json (Frictionless Tabular Data Package) with our build id, release and every source."""
    sources = frames["sources"]
    return {
        "profile": "tabular-data-package",
        "name": "women-police-osce",
        "title": t("export.package_title", "en"),
        "title_ru": t("export.package_title", "ru"),
        "description": t("export.package_description", "en"),
        "description_ru": t("export.package_description", "ru"),
        "version": b.release,
        "created": b.built_at + "Z",
        "build_id": b.build_id,
        "language_of_names": lang,
        "sources": [{"title": f"{s.publisher}: {s.title}", "path": s.url, "licence": s.licence,
                     "citation": s.citation} for s in sources.itertuples()],
        "resources": [resource(name, df, (rows or {}).get(name)) for name, df in frames.items()],
    }


def readme(frames: dict[str, pd.DataFrame], b: exports.Build) -> str:
    """README.md: the same text in English, then in Russian, with the citation and every source's licence."""
    parts = []
    for lang in LANGS:
        files = "\n".join(f"- `data/{name}.csv`: {t(f'export.file_{name}', lang)}" for name in frames)
        sources = "\n".join(f"- {s.publisher}: {s.title}. {s.citation} {t('export.head_licence', lang)}: "
                            f"{s.licence or t('export.not_stated', lang)}. {s.url}".rstrip()
                            for s in frames["sources"].itertuples())
        parts.append(t("export.readme", lang, release=b.release, build_id=b.build_id,
                       built_at=b.built_at.replace("T", " "), files=files, sources=sources,
                       citation=t("export.citation", lang, release=b.release)))
    return "\n\n---\n\n".join(parts) + "\n"


def _zip(b: exports.Build, lang: str) -> exports_stream.Body:
    """datapackage.json and README.md first, then the CSVs; the observations copied in blocks from their spool."""
    obs, summary = observations(lang)
    frames = {"observations": summary.empty[exports.COLUMNS], **tables(lang)}
    spool = exports_stream.Spool()
    try:
        _write_zip(spool, obs, summary, frames, b, lang)
    except BaseException:
        spool.discard()
        raise
    return exports_stream.Body([spool.part()])


def _write_zip(spool, obs: exports_stream.Body, summary: exports_stream.Summary, frames: dict[str, pd.DataFrame],
               b: exports.Build, lang: str) -> None:
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("datapackage.json", json.dumps(descriptor(frames, b, lang, {"observations": summary.rows}),
                                                  ensure_ascii=False, indent=2))
        z.writestr("README.md", readme(frames, b))
        for name, df in frames.items():
            if name != "observations":
                z.writestr(f"data/{name}.csv", exports.to_csv(df, list(df.columns)))
                continue
            info = zipfile.ZipInfo(f"data/{name}.csv", date_time=time.localtime(time.time())[:6])
            info.compress_type, info.external_attr, info.file_size = zipfile.ZIP_DEFLATED, 0o600 << 16, obs.size
            with z.open(info, "w") as dest:  # as writestr does, the size known beforehand
                for block in obs.stream():
                    dest.write(block)


def package(lang: str) -> tuple[exports_stream.Body, str]:
    """The zip and its file name (women-police_data-package_<build date>.zip), made once per build and language."""
    b = exports.build()
    body = _cache.get_or_make((b.build_id, lang), lambda: _zip(b, lang))
    return body, f"{exports.STEM}_data-package_{lang}_{b.date}.zip"
