"""Overview figure builders on real query output: map traces and Patch, ranking bars and lines, summaries, both languages."""
from __future__ import annotations

import pandas as pd
import pytest
from dash import Patch

from dashboard import db
from dashboard.figures import overview as fig
from dashboard.figures import style

SCOPE = {"en": "Police officers", "ru": "Сотрудники полиции"}


@pytest.fixture()
def states(served_warehouse):
    return {lang: db.query("overview_states", lang=lang, year=2015, scope="police_officers") for lang in ("en", "ru")}


def located(figure) -> list[str]:
    """Every State the map draws: choropleth locations plus the microstates' circles (by position)."""
    by_point = {v: k for k, v in fig.MICROSTATES.items()}
    found = []
    for trace in figure.data:
        if trace.type == "choropleth":
            found += list(trace.locations)
        elif trace.lat is not None and len(trace.lat):
            found += [by_point[(la, lo)] for la, lo in zip(trace.lat, trace.lon)]
    return found


@pytest.mark.parametrize("value,lang,text", [(8.0, "en", "8%"), (5.9, "en", "5.9%"), (5.9, "ru", "5,9\u00a0%"),
                                             (16.388, "en", "16.4%")])
def test_share_text_keeps_whole_percents_whole(value, lang, text):
    assert fig.share_text(value, lang) == text


def test_map_draws_every_participating_state_once_and_nothing_else(states):
    figure = fig.map_figure(states["en"], 2015, SCOPE["en"], "en")
    assert sorted(located(figure)) == sorted(states["en"]["iso3"])
    assert [t.type for t in figure.data] == ["choropleth", "choropleth", "scattergeo", "scattergeo", "scattergeo",
                                             "choropleth", "choropleth", "scattergeo"]
    assert all(t.locationmode == "ISO-3" for t in figure.data if t.type == "choropleth")


def test_map_colours_states_with_a_figure_and_greys_and_crosses_those_without(states):
    frame = states["en"]
    figure = fig.map_figure(frame, 2015, SCOPE["en"], "en")
    shown, missing, crosses = figure.data[0], figure.data[1], figure.data[2]
    values = frame.set_index("iso3")["value"]
    assert all(values[i] == z for i, z in zip(shown.locations, shown.z))
    assert all(pd.isna(values[i]) for i in missing.locations)
    assert list(crosses.locations) == list(missing.locations) and crosses.marker.symbol == "x-thin"
    assert missing.colorscale[0][1] == style.MUTED
    assert "KAZ" in shown.locations and "UZB" in missing.locations


def test_map_outlines_central_asia_and_puts_north_america_in_the_inset(states):
    figure = fig.map_figure(states["en"], 2015, SCOPE["en"], "en")
    shown = figure.data[0]
    colour = dict(zip(shown.locations, shown.marker.line.color))
    assert colour["KAZ"] == style.HIGHLIGHT and colour["DEU"] == "#FFFFFF"
    inset = set(figure.data[5].locations) | set(figure.data[6].locations)
    assert inset == {"USA", "CAN"} and all(t.geo == "geo2" for t in figure.data[5:])
    assert figure.layout.geo.projection.type == "azimuthal equal area"


def test_map_uses_one_fixed_colour_scale_so_years_compare(states):
    figure = fig.map_figure(states["en"], 2015, SCOPE["en"], "en")
    assert (figure.layout.coloraxis.cmin, figure.layout.coloraxis.cmax) == (0, 50)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_map_hover_carries_value_year_scope_source_and_flags(states, lang):
    figure = fig.map_figure(states[lang], 2015, SCOPE[lang], lang)
    hover = dict(zip(figure.data[0].locations, figure.data[0].hovertext))["KAZ"]
    words = {"en": ["Kazakhstan", "8%", "2015", "Police officers",
                    "Source: UN Statistics Division (data: UNODC), 2019 release", "Flags: Rounded"],
             "ru": ["Казахстан", "8\u00a0%", "2015", "Сотрудники полиции",
                    "Источник: Статистический отдел ООН (данные УНП ООН), выпуск 2019 г.", "Отметки: "]}[lang]
    assert all(word in hover for word in words), hover
    missing = dict(zip(figure.data[1].locations, figure.data[1].hovertext))["KGZ"]
    assert {"en": "All interior-ministry staff", "ru": "Весь персонал МВД"}[lang] in missing


def test_map_title_source_line_and_separators_follow_the_language(states):
    for lang, title, source, publisher in (
            ("en", "Women's share of police, 2015", "Source: ", "UN Statistics Division"),
            ("ru", "Доля женщин в полиции, 2015 г.", "Источник: ", "Статистический отдел ООН")):
        figure = fig.map_figure(states[lang], 2015, SCOPE[lang], lang)
        assert figure.layout.title.text == title
        assert figure.layout.annotations[0].text.startswith(source)
        assert publisher in figure.layout.annotations[0].text.replace("<br>", " ")
        assert figure.layout.separators == (", " if lang == "ru" else ".,")


def test_the_patch_sets_exactly_what_the_full_figure_holds(states):
    updates = fig.map_updates(states["en"], 2015, SCOPE["en"], "en")
    figure = fig.map_figure(states["en"], 2015, SCOPE["en"], "en")
    for path, value in updates.items():
        node = figure
        for key in path:
            node = node[key]
        assert list(node) == list(value) if isinstance(value, list) else node == value, path
    patch = fig.apply(Patch(), updates)
    assert len(patch.to_plotly_json()["operations"]) == len(updates)


def test_ranking_has_one_bar_per_reporting_state_sorted_with_central_asia_highlighted(states):
    frame = states["en"]
    figure = fig.ranking_figure(frame, 2015, SCOPE["en"], 57, "en")
    bars = figure.data[0]
    assert bars.orientation == "h" and len(bars.x) == frame["value"].notna().sum()
    assert list(bars.x) == sorted(bars.x)  # ascending: the highest share is drawn on top
    colours = dict(zip(bars.y, bars.marker.color))
    assert colours["<b>Kazakhstan</b>"] == style.HIGHLIGHT and colours["Germany"] == style.BASE
    assert dict(zip(bars.y, bars.text))["<b>Kazakhstan</b>"] == "8%"


def test_ranking_draws_the_30_percent_line_and_names_the_scope(states):
    for lang in ("en", "ru"):
        figure = fig.ranking_figure(states[lang], 2015, SCOPE[lang], 57, lang)
        lines = [s for s in figure.layout.shapes if s.x0 == s.x1 == 30]
        assert len(lines) == 1 and lines[0].line.dash == "dash"
        assert SCOPE[lang] in figure.layout.title.subtitle.text
        assert any(a.text == {"en": "30%", "ru": "30 %"}[lang] for a in figure.layout.annotations)


def test_ranking_without_data_says_so(states):
    empty = states["en"].assign(value=float("nan"))
    figure = fig.ranking_figure(empty, 2019, SCOPE["en"], 57, "en")
    assert len(figure.data[0].x) == 0
    assert any("No State reports a figure for 2019" in a.text for a in figure.layout.annotations)


def test_summaries_count_states_and_measure_central_asia_against_30_percent(states):
    summary = fig.map_summary(states["en"], 2015, SCOPE["en"], 57, "en")
    n = states["en"]["value"].notna().sum()
    assert summary.startswith(f"In 2015, {n} of 57 OSCE participating States report")
    assert f"{57 - n} have no figure" in summary
    ranking = fig.ranking_summary(states["ru"], 2015, "ru")
    assert "Казахстан: 8\u00a0%, на 22 п. п. ниже 30 %." in ranking
