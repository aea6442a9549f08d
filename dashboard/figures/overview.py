"""OSCE States' women's share for one year and scope (DataFrame from overview_states) -> map, ranking, summaries."""
from __future__ import annotations

import copy
import math
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import style
from dashboard.figures.wording import wrapped
from dashboard.i18n import LANGS, number, percent, t

TARGET = 30.0
# Too small for the 110m base map (no polygon, no centroid): drawn as circles at these points (lat, lon).
MICROSTATES = {"AND": (42.55, 1.58), "LIE": (47.16, 9.55), "MCO": (43.74, 7.42),
               "MLT": (35.92, 14.41), "SMR": (43.94, 12.46), "VAT": (41.90, 12.45)}
MISSING_LINE = "#3E4C59"
NOT_OSCE = "#EEF1F4"
INSET_REGION = "north_america"  # drawn in the inset: too far west for a map centred on Central Asia


def share_text(value: float, lang: str) -> str:
    """Whole percents stay whole (the UN series is rounded): never show a precision the source lacks."""
    return percent(value, lang, 0 if float(value).is_integer() else 1)


def hover(row: dict, year: int, scope: str, lang: str) -> str:
    """Hover text of one State: value with year, scope, source and flags, or why it is missing."""
    lines = [f"<b>{row['name']}</b>"]
    if pd.isna(row["value"]):
        lines.append(t("overview.hover_missing", lang, year=year, scope=scope))
        if isinstance(row["other_scopes"], str):
            lines.append(t("overview.hover_other_scopes", lang, scopes=row["other_scopes"]))
        latest = row["latest_year"]
        lines.append(t("overview.hover_latest", lang, year=int(latest)) if pd.notna(latest)
                     else t("overview.hover_never", lang))
        return "<br>".join(lines)
    lines.append(t("overview.hover_value", lang, value=share_text(row["value"], lang), year=year, scope=scope))
    if row["method"] == "computed":
        lines.append(t("overview.hover_counts", lang, women=number(row["women"], lang),
                       total=number(row["total"], lang)))
    source = (t("overview.source_release", lang, source=row["publisher"], vintage=row["vintage"]) if row["vintage"]
              else row["publisher"])
    lines.append(t("overview.hover_source", lang, source=source))
    lines.append(t("overview.hover_flags", lang, flags=row["flag_labels"] if row["flags"] else
                   t("overview.no_flags", lang)))
    return "<br>".join(lines)


def source_line(states: pd.DataFrame, lang: str, width: int = 110) -> str:
    """'Source: A; B.' wrapped with <br> (plotly annotations do not wrap by themselves)."""
    publishers = sorted(states["publisher"].dropna().unique())
    text = t("overview.source_line", lang, sources="; ".join(publishers) if publishers else t("common.no_data", lang))
    return wrapped(text, width)


def _groups(states: pd.DataFrame, year: int, scope: str, lang: str) -> dict[str, pd.DataFrame]:
    """Main map, the microstates (circles) and the North America inset (our region grouping), each split by data."""
    states = states.assign(hover=[hover(r, year, scope, lang) for r in states.to_dict("records")])
    small = states["iso3"].isin(list(MICROSTATES))
    inset = ~small & (states["region"] == INSET_REGION)
    has = states["value"].notna()
    main = ~small & ~inset
    return {"main": states[main & has], "main_missing": states[main & ~has],
            "small": states[small & has], "small_missing": states[small & ~has],
            "inset": states[inset & has], "inset_missing": states[inset & ~has]}


def _latlon(frame: pd.DataFrame) -> tuple[list, list]:
    return [MICROSTATES[i][0] for i in frame["iso3"]], [MICROSTATES[i][1] for i in frame["iso3"]]


def _outline(frame: pd.DataFrame, path: tuple) -> dict[tuple, object]:
    """Central Asian States get an orange outline, so the focus region stands out in every year."""
    ca = list(frame["is_central_asia"].astype(bool))
    return {path + ("color",): [style.HIGHLIGHT if c else "#FFFFFF" for c in ca],
            path + ("width",): [2.0 if c else 0.6 for c in ca]}


def _area_updates(first: int, shown: pd.DataFrame, missing: pd.DataFrame) -> dict[tuple, object]:
    """Choropleth of States with a figure, grey choropleth of those without, and their crosses."""
    return {
        ("data", first, "locations"): list(shown["iso3"]), ("data", first, "z"): list(shown["value"]),
        ("data", first, "hovertext"): list(shown["hover"]),
        **_outline(shown, ("data", first, "marker", "line")),
        ("data", first + 1, "locations"): list(missing["iso3"]), ("data", first + 1, "z"): [1] * len(missing),
        ("data", first + 1, "hovertext"): list(missing["hover"]),
        **_outline(missing, ("data", first + 1, "marker", "line")),
        ("data", first + 2, "locations"): list(missing["iso3"]),
    }


def map_updates(states: pd.DataFrame, year: int, scope: str, lang: str) -> dict[tuple, object]:
    """Everything in the map that depends on the year: the full figure and the Patch share this."""
    parts = _groups(states, year, scope, lang)
    small_lat, small_lon = _latlon(parts["small"])
    gap_lat, gap_lon = _latlon(parts["small_missing"])
    top = states["value"].max()
    return {
        **_area_updates(0, parts["main"], parts["main_missing"]),
        **_area_updates(5, parts["inset"], parts["inset_missing"]),
        ("data", 3, "lat"): small_lat, ("data", 3, "lon"): small_lon,
        ("data", 3, "marker", "color"): list(parts["small"]["value"]),
        ("data", 3, "hovertext"): list(parts["small"]["hover"]),
        ("data", 4, "lat"): gap_lat, ("data", 4, "lon"): gap_lon,
        ("data", 4, "hovertext"): list(parts["small_missing"]["hover"]),
        # One fixed scale (0-50 %) so colours compare across years while the slider plays.
        ("layout", "coloraxis", "cmax"): max(50.0, math.ceil(top / 10) * 10) if pd.notna(top) else 50.0,
        ("layout", "title", "text"): t("overview.map_title", lang, year=year),
        ("layout", "title", "subtitle", "text"): t("overview.map_subtitle", lang, scope=scope),
        ("layout", "annotations", 0, "text"): source_line(states, lang),
    }


def apply(target, updates: dict[tuple, object]):
    """Set each path in a figure dict, a go.Figure or a dash.Patch (all support nested item assignment)."""
    for path, value in updates.items():
        node = target
        for key in path[:-1]:
            node = node.setdefault(key, {}) if isinstance(node, dict) else node[key]
        node[path[-1]] = value
    return target


def _area_traces(geo: str) -> list:
    line = {"color": "#FFFFFF", "width": 0.6}
    return [
        go.Choropleth(geo=geo, locationmode="ISO-3", coloraxis="coloraxis", marker_line=line, hoverinfo="text"),
        go.Choropleth(geo=geo, locationmode="ISO-3", colorscale=[[0, style.MUTED], [1, style.MUTED]],
                      showscale=False, marker_line=line, hoverinfo="text"),
        # A cross on each State without a figure: colour is not the only cue for "missing".
        go.Scattergeo(geo=geo, locationmode="ISO-3", mode="markers", hoverinfo="skip",
                      marker={"symbol": "x-thin", "size": 8, "line": {"width": 2, "color": MISSING_LINE}}),
    ]


def _small_traces() -> list:
    outline = {"width": 1.2, "color": MISSING_LINE}
    return [
        go.Scattergeo(mode="markers", hoverinfo="text",
                      marker={"size": 11, "coloraxis": "coloraxis", "line": outline}),
        go.Scattergeo(mode="markers", hoverinfo="text",
                      marker={"size": 11, "symbol": "circle-x", "color": style.MUTED, "line": outline}),
    ]


GEO_STYLE = {"showframe": False, "showcoastlines": False, "showcountries": True, "countrycolor": "#FFFFFF",
             "showland": True, "landcolor": NOT_OSCE, "showocean": False, "showlakes": False,
             "bgcolor": "rgba(0,0,0,0)"}
# Europe to Mongolia, centred on the Caspian so Central Asia sits in the middle of the map.
MAIN_GEO = {"projection": {"type": "azimuthal equal area", "rotation": {"lon": 50, "lat": 52}},
            "lonaxis": {"range": [-28, 125]}, "lataxis": {"range": [30, 75]}, "domain": {"x": [0, 1], "y": [0, 1]}}
INSET_GEO = {"projection": {"type": "conic equal area", "rotation": {"lon": -100}, "parallels": [40, 65]},
             "lonaxis": {"range": [-168, -52]}, "lataxis": {"range": [24, 80]},
             "domain": {"x": [0, 0.2], "y": [0, 0.36]}, "showframe": True, "framecolor": "#9AA5B1",
             "bgcolor": "#FFFFFF"}


def map_figure(states: pd.DataFrame, year: int, scope: str, lang: str) -> go.Figure:
    """Choropleth of the 57 OSCE States (others plain land): Europe to Mongolia, North America as an inset."""
    # The frame (traces' styles, geos, colour bar) is built and validated once per language; this view's data
    # goes in by the same paths as the year Patch, which covers everything that depends on the year.
    return style.Built(apply(copy.deepcopy(_map_frame(lang)), map_updates(states, year, scope, lang)))


@lru_cache(maxsize=len(LANGS))
def _map_frame(lang: str) -> dict:
    fig = go.Figure(_area_traces("geo") + _small_traces() + _area_traces("geo2"))
    style.base_layout(fig, lang, title=" ", source=" ", height=560)
    fig.update_layout(
        margin={"l": 8, "r": 8, "t": 80, "b": 56},
        showlegend=False,
        coloraxis={"colorscale": style.SEQUENTIAL, "cmin": 0, "cmax": 50,
                   "colorbar": {"title": {"text": t("overview.colorbar", lang), "side": "top"},
                                "ticksuffix": _suffix(lang), "orientation": "h", "len": 0.32, "thickness": 12,
                                "x": 0.99, "xanchor": "right", "y": 0.03, "yanchor": "bottom",
                                "bgcolor": "rgba(255,255,255,0.85)"}},
        geo={**GEO_STYLE, **MAIN_GEO},
        geo2={**GEO_STYLE, **INSET_GEO},
        dragmode=False,
    )
    _source_below(fig, shift=-8)
    return fig.to_plotly_json()


def _suffix(lang: str) -> str:
    return "\u00a0%" if lang == "ru" else "%"


def _source_below(fig: go.Figure, shift: int, right: bool = False) -> None:
    """Pin the source line a fixed distance under the plot whatever the height (paper y=-0.2 drifts);
    right-aligned under a ranking, whose plot area starts after the long country names."""
    fig.layout.annotations[0].update(y=0, yshift=shift)
    if right:
        fig.layout.annotations[0].update(x=1, xanchor="right", align="right")


def ranking_figure(states: pd.DataFrame, year: int, scope: str, n_members: int, lang: str) -> go.Figure:
    """Horizontal bars, highest share on top, Central Asia highlighted (and bold), value labels, the 30 % line."""
    rows = states[states["value"].notna()].sort_values(["value", "name"], ascending=[True, False])
    frame = copy.deepcopy(_ranking_frame(lang))  # validated once per language, like the map's frame
    frame["data"][0].update(
        x=list(rows["value"]), y=[f"<b>{n}</b>" if ca else n for n, ca in zip(rows["name"], rows["is_central_asia"])],
        marker={"color": [style.HIGHLIGHT if ca else style.BASE for ca in rows["is_central_asia"]]},
        text=[share_text(v, lang) for v in rows["value"]],
        hovertext=[hover(r, year, scope, lang) for r in rows.to_dict("records")])
    layout = frame["layout"]
    layout["title"]["text"] = t("overview.ranking_title", lang, year=year)
    layout["title"]["subtitle"] = {"text": t("overview.ranking_subtitle", lang, scope=scope, n=len(rows),
                                             total=n_members)}
    layout["annotations"][0]["text"] = source_line(rows, lang, width=70)
    layout["height"] = max(320, 24 * len(rows) + 170)
    layout["xaxis"]["range"] = [0, max(50, (rows["value"].max() if len(rows) else 0) + 8)]
    if rows.empty:
        layout["annotations"].append({"text": t("overview.ranking_empty", lang, year=year), "x": 0.5, "y": 0.5,
                                      "xref": "paper", "yref": "paper", "showarrow": False, "font": {"size": 16}})
    return style.Built(frame)


@lru_cache(maxsize=len(LANGS))
def _ranking_frame(lang: str) -> dict:
    """Everything in the ranking that is the same for every year; ranking_figure fills in the rest."""
    fig = go.Figure(go.Bar(orientation="h", cliponaxis=False, textposition="outside", hoverinfo="text"))
    style.base_layout(fig, lang, title=" ", source=" ")
    fig.update_layout(title_subtitle_text=" ", margin={"l": 8, "r": 24, "t": 88, "b": 72}, showlegend=False,
                      bargap=0.25, xaxis={"range": [0, 50], "ticksuffix": _suffix(lang), "side": "top",
                                          "fixedrange": True},
                      yaxis={"automargin": True, "fixedrange": True})
    fig.add_vline(x=TARGET, line={"color": style.TARGET_30, "dash": "dash", "width": 1.5})
    # Labelled at the foot of the line, where the shortest bars leave room.
    fig.add_annotation(x=TARGET, y=0, yref="paper", yanchor="bottom", showarrow=False, xanchor="left", xshift=4,
                       text=t("overview.target_label", lang), font={"size": 13, "color": style.TARGET_30},
                       bgcolor="rgba(255,255,255,0.8)")
    _source_below(fig, shift=-12, right=True)
    return fig.to_plotly_json()


def map_summary(states: pd.DataFrame, year: int, scope: str, n_members: int, lang: str) -> str:
    rows = states[states["value"].notna()]
    if rows.empty:
        return t("overview.map_summary_empty", lang, year=year, scope=scope, total=n_members)
    top, low = rows.loc[rows["value"].idxmax()], rows.loc[rows["value"].idxmin()]
    return t("overview.map_summary", lang, year=year, scope=scope, n=len(rows), total=n_members,
             missing=n_members - len(rows), top=top["name"], top_value=share_text(top["value"], lang),
             low=low["name"], low_value=share_text(low["value"], lang))


def ranking_summary(states: pd.DataFrame, year: int, lang: str) -> str:
    """Who reaches 30 %, and each Central Asian figure against the 30 % line."""
    rows = states[states["value"].notna()]
    if rows.empty:
        return t("overview.ranking_empty", lang, year=year)
    parts = [t("overview.ranking_summary", lang, year=year, n=len(rows), reach=int((rows["value"] >= TARGET).sum()))]
    for _, row in rows[rows["is_central_asia"]].iterrows():
        gap = TARGET - row["value"]
        key = "overview.ranking_summary_below" if gap > 0 else "overview.ranking_summary_above"
        parts.append(t(key, lang, name=row["name"], value=share_text(row["value"], lang),
                       points=number(abs(gap), lang, 0 if float(gap).is_integer() else 1)))
    return " ".join(parts)
