"""A warehouse file -> the naive peer: every table loaded into pandas once, each request filtered from those frames.

This is how a typical Dash app is written (a global DataFrame, boolean masks in the callbacks). It answers the
same query names with the same columns as dashboard/queries/*.sql, so the benchmark can swap it in for
`dashboard.db.query` and run the very same callbacks and figure builders: only data access differs. It starts
from the same precomputed tables (`ranked`: every value with its rank; the regional aggregates; availability),
so what is compared is per-request access, not the precomputation. Queries that read only small reference
tables (countries, labels, sources) are not data-scale work: the peer runs their SQL on the same file,
uncached, as ours does on a cache miss.
"""
from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from dashboard import db

SHARE = "share_women_police"
WOMEN_ROLES = ("women", "share", "share_avg3")
# Table -> what is loaded into memory at start ('*' = every column). Every value once: `ranked` holds all of
# them, and the preferred ones (rank 1) and the series columns are masks and projections of it per request.
LOADED = {
    "ranked": "* EXCLUDE (origin, previous_year)", "region_aggregate": "*", "availability": "*",
    "observation": "iso3, indicator, source_id", "country": "*", "region": "*", "indicator": "*", "scope": "*",
    "flag": "*", "source": "*", "region_member": "*", "undated_figure": "*",
}


def by_lang(frame: pd.DataFrame, column: str, lang: str, ru: str | None = None, en: str | None = None) -> pd.Series:
    return frame[ru or f"{column}_ru"] if lang == "ru" else frame[en or column]


def joined(values, order: pd.Series, sep: str):
    """string_agg(... ORDER BY ...) of a list of codes, via the order they have in a reference table."""
    wanted = set(values)
    picked = [v for v in order.index if v in wanted]
    return sep.join(order[picked]) if picked else None


class NaivePeer:
    def __init__(self, path: str):
        con = duckdb.connect(str(path), read_only=True)
        try:
            self.t = {name: con.execute(f"SELECT {cols} FROM {name}").df() for name, cols in LOADED.items()}  # ours
        finally:
            con.close()
        c = self.t["country"]
        self.osce = set(c.loc[c["osce_participating"], "iso3"])

    def query(self, name: str, **params) -> pd.DataFrame:
        method = getattr(self, name, None)
        return method(**params) if method else db.run(name, params)[0]

    def preferred(self) -> pd.DataFrame:
        r = self.t["ranked"]
        return r[r["rank"] == 1]

    def series(self) -> pd.DataFrame:
        return self.t["ranked"]

    def shares(self) -> pd.DataFrame:
        p = self.preferred()
        return p[(p["indicator"] == SHARE) & (p["bound"] == "")]

    # --- overview ---
    def overview_years(self, scope):
        a = self.t["region_aggregate"]
        a = a[(a["region"] == "osce") & (a["indicator"] == SHARE) & (a["scope"] == scope)]
        return a[["year", "n_reporting", "n_members", "members_reporting"]].sort_values("year", ignore_index=True)

    def overview_scopes(self, lang):
        s = self.shares()
        s = s[s["iso3"].isin(self.osce)].groupby("scope")["iso3"].nunique().rename("n_states").reset_index()
        sc = self.t["scope"].merge(s, left_on="code", right_on="scope").sort_values(["sort", "code"])
        return pd.DataFrame({"code": sc["code"], "label": by_lang(sc, "label", lang, en="label_en"),
                             "n_states": sc["n_states"]}).reset_index(drop=True)

    def overview_headline(self, lang, year, scope):
        r = self.t["region"].set_index("code").loc[["osce", "central_asia"]].sort_values("sort")
        members = self.t["region_member"].groupby("region").size()
        a = self.t["region_aggregate"]
        a = a[(a["year"] == year) & (a["scope"] == scope) & (a["indicator"] == SHARE)].set_index("region")
        a = a.reindex(r.index)
        return pd.DataFrame({"region": r.index, "name": by_lang(r, "name", lang, en="name_en").values,
                             "n_members": members.reindex(r.index).values, "n_reporting": a["n_reporting"].fillna(0).values,
                             "mean_share": a["mean_share"].values, "pooled_share": a["pooled_share"].values,
                             "n_pooled": a["n_pooled"].fillna(0).values,
                             "members_reporting": a["members_reporting"].fillna("").values})

    def overview_states(self, lang, year, scope):
        shares = self.shares()
        chosen = shares[(shares["year"] == year) & (shares["scope"] == scope)]
        c = self.t["country"][self.t["country"]["osce_participating"]]
        src = self.t["source"].rename(columns={"id": "source_id", "citation": "src_citation", "url": "src_url"})
        df = c.merge(chosen, on="iso3", how="left")
        df = df.merge(src, on="source_id", how="left")
        flag_labels = self.t["flag"].sort_values("sort").set_index("code")[f"label_{lang}"]
        scope_labels = self.t["scope"].set_index("code")[f"label_{lang}"]
        others = shares[(shares["year"] == year) & (shares["scope"] != scope)]
        other = others.groupby("iso3")["scope"].agg(lambda s: ", ".join(sorted(set(scope_labels[s]))))
        latest = shares[shares["scope"] == scope].groupby("iso3")["year"].max()
        out = pd.DataFrame({
            "iso3": df["iso3"], "name": by_lang(df, "name", lang, en="name_en"), "is_central_asia": df["is_central_asia"],
            "region": df["region"], "value": df["value"], "women": df["women"], "total": df["total"],
            "method": df["method"], "flags": df["flags"].fillna(""),
            "flag_labels": [joined(f.split(";"), flag_labels, ", ") if isinstance(f, str) else None for f in df["flags"]],
            "source_id": df["source_id"], "publisher": by_lang(df, "publisher", lang), "vintage": df["vintage"],
            "citation": df["citation"].replace("", np.nan).fillna(by_lang(df, "src_citation", lang, ru="citation_ru")),
            "url": df["url"].replace("", np.nan).fillna(df["src_url"]),
            "other_scopes": df["iso3"].map(other), "latest_year": df["iso3"].map(latest)})
        return out.sort_values(["value", "name"], ascending=[False, True], na_position="last", ignore_index=True)

    # --- trends ---
    def trends_scopes(self):
        p = self.preferred()
        used = set(p.loc[(p["indicator"] == SHARE) & p["iso3"].isin(self.osce), "scope"])
        s = self.t["scope"]
        return s[s["code"].isin(used)][["code", "label_en", "label_ru", "definition_en", "definition_ru", "sort"]] \
            .sort_values(["sort", "code"], ignore_index=True)

    def trends_series(self, countries, scope):
        p = self.preferred()
        p = p[p["iso3"].isin(countries) & (p["indicator"] == SHARE) & (p["scope"] == scope)]
        p = p.merge(self.t["country"][["iso3", "name_en", "name_ru"]], on="iso3")
        return p[["iso3", "name_en", "name_ru", "year", "value", "bound", "flags", "source_id", "vintage", "note",
                  "n_alternatives"]].sort_values(["iso3", "year"], ignore_index=True)

    def trends_regional(self, regions, scope):
        a = self.t["region_aggregate"]
        a = a[a["region"].isin(regions) & (a["indicator"] == SHARE) & (a["scope"] == scope)]
        a = a.merge(self.t["region"].rename(columns={"code": "region"}), on="region")
        a = a.assign(members_reporting=a["members_reporting"].fillna(""), members_pooled=a["members_pooled"].fillna(""))
        return a[["region", "name_en", "name_ru", "sort", "year", "mean_share", "pooled_share", "n_reporting",
                  "n_pooled", "n_members", "members_reporting", "members_pooled"]].sort_values(["sort", "year"],
                                                                                           ignore_index=True)

    # --- country profile ---
    def country_series(self, iso3):
        r = self.t["ranked"]
        r = r[r["iso3"] == iso3]
        i = self.t["indicator"].rename(columns={"code": "indicator", "label_en": "indicator_en",
                                                "label_ru": "indicator_ru", "sort": "indicator_sort"})
        s = self.t["scope"].rename(columns={"code": "scope", "label_en": "scope_en", "label_ru": "scope_ru",
                                            "sort": "scope_sort"})
        src = self.t["source"].rename(columns={"id": "source_id", "publisher": "publisher_en", "citation": "src_en",
                                               "citation_ru": "src_ru", "url": "src_url", "precedence": "src_prec"})
        df = r.merge(i, on="indicator").merge(s, on="scope").merge(src, on="source_id")
        cited = df["citation"].replace("", np.nan)
        df = df.assign(citation_en=cited.fillna(df["src_en"]), citation_ru=cited.fillna(df["src_ru"]),
                       url=df["url"].replace("", np.nan).fillna(df["src_url"]).fillna(""))
        cols = ["year", "indicator", "indicator_en", "indicator_ru", "unit", "role", "indicator_sort", "scope", "scope_en",
                "scope_ru", "scope_sort", "source_id", "publisher_en", "publisher_ru", "vintage", "bound", "value", "women",
                "total", "method", "flags", "note", "citation_en", "citation_ru", "url", "previous_vintage_value", "rank",
                "n_alternatives"]
        return df[cols].sort_values(["indicator_sort", "scope_sort", "year", "source_id", "vintage", "bound"],
                                    ignore_index=True)

    def country_rank(self, iso3):
        s = self.shares()
        s = s[s["iso3"].isin(self.osce)]
        latest = s[s["iso3"] == iso3].groupby("scope")["year"].max().reset_index()
        placed = s.merge(latest, on=["scope", "year"])
        placed = placed.assign(position=placed.groupby("scope")["value"].rank(method="min", ascending=False),
                               n_reporting=placed.groupby("scope")["value"].transform("size"))
        sc = self.t["scope"].rename(columns={"code": "scope", "label_en": "scope_en", "label_ru": "scope_ru"})
        out = placed[placed["iso3"] == iso3].merge(sc, on="scope").sort_values("sort")
        return out.assign(n_states=len(self.osce))[["scope", "scope_en", "scope_ru", "year", "value", "position",
                                                    "n_reporting", "n_states"]].reset_index(drop=True)

    def country_neighbours(self, iso3):
        c = self.t["country"]
        region = c.loc[c["iso3"] == iso3, "region"]
        near = c[c["osce_participating"] & (c["region"] == (region.iloc[0] if len(region) else None))]
        s = self.shares()
        s = s[(s["iso3"] != iso3) & s["iso3"].isin(near["iso3"])]
        sc = self.t["scope"].rename(columns={"code": "scope", "label_en": "scope_en", "label_ru": "scope_ru"})
        df = s.merge(near[["iso3", "name_en", "name_ru"]], on="iso3").merge(sc, on="scope")
        return df.sort_values(["iso3", "sort", "year"])[["iso3", "name_en", "name_ru", "scope", "scope_en", "scope_ru",
                                                          "year", "value", "flags", "source_id", "vintage"]] \
            .reset_index(drop=True)

    def country_sources(self, iso3):
        s = self.series()
        s = s[s["iso3"] == iso3].merge(self.t["indicator"][["code", "role"]], left_on="indicator", right_on="code")
        per = s.groupby("source_id").agg(n_values=("value", "count"),
                                         n_on_women=("role", lambda r: int(r.isin(WOMEN_ROLES).sum())),
                                         indicators=("indicator", lambda i: ";".join(sorted(set(i)))))
        src = self.t["source"].sort_values(["precedence", "id"])
        out = pd.DataFrame({
            "id": src["id"], "kind": src["kind"], "publisher_en": src["publisher"], "publisher_ru": src["publisher_ru"],
            "title_en": src["title"], "title_ru": src["title_ru"], "url": src["url"], "licence": src["licence"],
            "citation_en": src["citation"], "citation_ru": src["citation_ru"], "precedence": src["precedence"]})
        per = per.reindex(src["id"])
        return out.assign(n_values=per["n_values"].fillna(0).astype(int).values,
                          n_on_women=per["n_on_women"].fillna(0).astype(int).values,
                          indicators=per["indicators"].fillna("").values).reset_index(drop=True)

    def country_flags(self, iso3):
        s, u = self.series(), self.t["undated_figure"]
        used = {f for flags in pd.concat([s.loc[s["iso3"] == iso3, "flags"], u.loc[u["iso3"] == iso3, "flags"]])
                for f in flags.split(";")}
        f = self.t["flag"]
        return f[f["code"].isin(used)].sort_values(["sort", "code"])[
            ["code", "label_en", "label_ru", "definition_en", "definition_ru"]].reset_index(drop=True)

    # --- coverage ---
    def coverage_sources(self, lang):
        counts = self.t["observation"].groupby("source_id").size()
        s = self.t["source"].sort_values(["precedence", "id"])
        return pd.DataFrame({"id": s["id"], "publisher": by_lang(s, "publisher", lang),
                             "title": by_lang(s, "title", lang), "international": s["kind"] == "international",
                             "n_values": counts.reindex(s["id"]).fillna(0).astype(int).values}).reset_index(drop=True)

    def _availability(self, source):
        a = self.t["availability"]
        return a if source == "" else a[a["source_id"] == source]

    def coverage_countries(self, source, lang):
        a = self._availability(source)
        a = a[a["status"] != "missing"]
        years = a.assign(reported=a["status"] == "reported").groupby(["iso3", "year"])["reported"].any().reset_index()
        per = years.assign(flagged=~years["reported"]).groupby("iso3").agg(
            years_reported=("year", "count"), years_flagged=("flagged", "sum"), first_year=("year", "min"),
            last_year=("year", "max"))
        obs, src, ind = self.t["observation"], self.t["source"], self.t["indicator"]
        international = obs.loc[obs["source_id"].isin(src.loc[src["kind"] == "international", "id"]), "iso3"].unique()
        women = obs.loc[obs["indicator"].isin(ind.loc[ind["role"].isin(WOMEN_ROLES), "code"]), "iso3"].unique()
        undated = self.t["undated_figure"].groupby("iso3").size()
        c = self.t["country"][self.t["country"]["osce_participating"]]
        c = c.merge(self.t["region"].rename(columns={"code": "region", "name_en": "r_en", "name_ru": "r_ru"}), on="region")
        per = per.reindex(c["iso3"])
        out = pd.DataFrame({
            "iso3": c["iso3"].values, "name": by_lang(c, "name", lang, en="name_en").values,
            "region_name": by_lang(c, "r", lang, ru="r_ru", en="r_en").values, "region_sort": c["sort"].values,
            "is_central_asia": c["is_central_asia"].values,
            "years_reported": per["years_reported"].fillna(0).astype(int).values,
            "years_flagged": per["years_flagged"].fillna(0).astype(int).values,
            "first_year": per["first_year"].values, "last_year": per["last_year"].values,
            "international": c["iso3"].isin(international).values,
            "undated": undated.reindex(c["iso3"]).fillna(0).astype(int).values,
            "women_figure": c["iso3"].isin(women).values})
        return out.sort_values(["region_sort", "name"], ignore_index=True)

    def coverage_matrix(self, source, lang):
        a = self._availability(source)
        a = a.assign(reported=a["status"] == "reported", flagged=a["status"] == "flagged",
                     held=a["source_id"].where(a["n_values"] > 0))
        cells = a.groupby(["iso3", "year"], sort=False).agg(
            reported=("reported", "any"), flagged=("flagged", "any"), n_values=("n_values", "sum"))
        for col in ("indicators", "scopes", "held"):
            cells[col] = codes(a, col).reindex(cells.index)
        cells = cells.reset_index()
        ind = self.t["indicator"].sort_values("sort").set_index("code")[f"label_{lang}"]
        sc = self.t["scope"].sort_values("sort").set_index("code")[f"label_{lang}"]
        src = self.t["source"].sort_values("precedence").set_index("id")["publisher_ru" if lang == "ru" else "publisher"]
        c = self.t["country"].merge(self.t["region"].rename(columns={"code": "region", "name_en": "r_en",
                                                                     "name_ru": "r_ru"}), on="region")
        df = cells.merge(c, on="iso3")
        out = pd.DataFrame({
            "iso3": df["iso3"], "name": by_lang(df, "name", lang, en="name_en"), "region": df["region"],
            "region_name": by_lang(df, "r", lang, ru="r_ru", en="r_en"), "region_sort": df["sort"],
            "is_central_asia": df["is_central_asia"], "year": df["year"],
            "status": np.select([df["reported"], df["flagged"]], ["reported", "flagged"], "missing"),
            "n_values": df["n_values"], "indicators": labelled(df["indicators"], ind),
            "scopes": labelled(df["scopes"], sc), "sources": labelled(df["held"], src)})
        return out.sort_values(["region_sort", "name", "year"], ignore_index=True)


def labelled(code_sets: pd.Series, labels: pd.Series) -> list:
    """Each cell's codes as their labels in the reference table's order, '; '-joined (None: no code)."""
    return [joined(v, labels, "; ") if isinstance(v, set) else None for v in code_sets]


def codes(a: pd.DataFrame, column: str) -> pd.Series:
    """Per (iso3, year): the set of codes in the ';'-joined `column` of its rows."""
    held = a[["iso3", "year", column]].dropna()
    held = held.assign(code=held[column].str.split(";")).explode("code")
    return held[held["code"] != ""].groupby(["iso3", "year"])["code"].agg(set)
