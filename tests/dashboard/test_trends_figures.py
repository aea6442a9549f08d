"""dashboard.figures.trends without a database: lines from frames, gaps, markers, bounds, projections, labels."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard import projection
from dashboard.figures import style, wording
from dashboard.figures import trends as fig

CTX = {lang: wording.Context(lang, "Police officers", {"approximate": "Approximate", "rounded": "Rounded"},
                         {"un": "UNSD", "sub": "National submission"}) for lang in ("en", "ru")}


def series(rows):
    """Rows (iso3, year, value, flags, source, bound) -> the frame trends_series returns."""
    return pd.DataFrame([{"iso3": r[0], "name_en": r[0], "name_ru": r[0], "year": r[1], "value": r[2],
                          "flags": r[3], "source_id": r[4], "vintage": "2019" if r[4] == "un" else "",
                          "bound": r[5] if len(r) > 5 else "", "note": "", "n_alternatives": 0} for r in rows])


KAZ = series([("KAZ", 2008, 10.0, "rounded", "un"), ("KAZ", 2009, 10.0, "rounded", "un"),
              ("KAZ", 2010, 11.0, "rounded", "un"), ("KAZ", 2012, 12.0, "approximate", "un"),
              ("KAZ", 2013, 22.0, "possible_break", "un"), ("KAZ", 2014, 25.0, "", "un"),
              ("KAZ", 2015, 28.0, "", "un"), ("KAZ", 2016, 16.0, "lower_bound", "sub", "lower")])
REGIONAL = pd.DataFrame([
    {"region": "central_asia", "name_en": "Central Asia", "name_ru": "Центральная Азия", "sort": 1, "year": y,
     "mean_share": v, "pooled_share": None, "n_reporting": 1, "n_pooled": 0, "n_members": 5,
     "members_reporting": m, "members_pooled": ""}
    for y, v, m in [(2014, 10.0, "KAZ"), (2015, 8.0, "KAZ"), (2016, 5.9, "KGZ")]])


def build(lang="en", refs=(30, 50), data=KAZ, regions=()):
    lines = fig.colour(fig.country_lines(data, ["KAZ", "UZB"], {"KAZ": "Kazakhstan", "UZB": "Uzbekistan"})
                       + fig.region_lines(REGIONAL, list(regions), "unweighted", lang))
    return lines, fig.figure([line for line in lines if line.points], list(refs), CTX[lang], "Title", "Source: x")


def test_country_lines_keep_the_chosen_order_and_an_empty_line_for_a_country_without_figures():
    lines, _ = build()
    assert [(line.key, len(line.points)) for line in lines] == [("KAZ", 8), ("UZB", 0)]


def test_the_line_breaks_at_a_missing_year_and_at_a_possible_break():
    _, figure = build()
    main = figure.data[0]
    assert list(main.x) == [2008, 2009, 2010, None, 2012, None, 2013, 2014, 2015]
    assert main.connectgaps is False


def test_flagged_points_get_a_diamond_and_quiet_flags_a_circle():
    _, figure = build()
    symbols = dict(zip(figure.data[0].x, figure.data[0].marker.symbol))
    assert symbols[2008] == "circle" and symbols[2012] == "diamond"


def test_a_bound_is_a_triangle_apart_from_the_line():
    _, figure = build()
    bounds = figure.data[1]
    assert bounds.mode == "markers" and list(bounds.x) == [2016] and list(bounds.marker.symbol) == ["triangle-up"]
    assert "at least 16%" in bounds.hovertext[0]


def test_a_rising_stretch_gets_a_dashed_projection_from_the_last_point_labelled_as_not_data():
    lines, figure = build()
    proj = lines[0].projection()
    assert proj.status == "projected" and (proj.fit_from, proj.fit_to) == (2013, 2015)
    dashed = figure.data[2]
    assert dashed.line.dash == "dash" and dashed.x[0] == 2015 and dashed.y[0] == 28.0 and dashed.y[1] == 30.0
    assert dashed.text[1] == "30% in 2016"
    assert "a projection, not data" in dashed.hovertext[0]


def test_hover_of_the_last_point_names_scope_source_flags_and_the_gaps():
    _, figure = build()
    last = figure.data[0].hovertext[-1]
    assert "Scope: Police officers" in last and "Source: UNSD, 2019 release" in last
    assert "2 points below 30%" in last and "22 points below 50%" in last


@pytest.mark.parametrize("refs,shapes", [((30, 50), 2), ((30,), 1), ((), 0)])
def test_reference_lines_follow_the_toggle(refs, shapes):
    _, figure = build(refs=refs)
    assert len(figure.layout.shapes) == shapes


def test_russian_figure_uses_decimal_comma_and_a_spaced_percent_sign():
    _, figure = build(lang="ru")
    assert figure.layout.separators == ", "
    assert figure.layout.yaxis.ticksuffix == "\u00a0%"
    assert "Охват: Police officers" in figure.data[0].hovertext[0]


def test_a_region_line_breaks_where_its_members_change_and_shows_thin_coverage_as_open_squares():
    _, figure = build(regions=["central_asia"])
    region = figure.data[0]           # regions are drawn first, underneath the countries
    assert region.name == "Central Asia (mean)"
    assert list(region.x) == [2014, 2015, None, 2016]
    assert set(region.marker.symbol) - {"circle"} == {"square-open"}
    assert "mean of 1 of 5 States reporting" in region.hovertext[0]


def test_a_region_is_never_projected():
    lines, _ = build(regions=["central_asia"])
    assert lines[-1].kind == "region" and lines[-1].projection() is None


def test_lines_skip_the_faint_yellow():
    assert "#F0E442" not in fig.LINE_COLOURS and fig.LINE_COLOURS[0] == style.PALETTE[0]


def test_the_source_line_sits_under_the_tick_labels_in_pixels():
    _, figure = build()
    note = figure.layout.annotations[-1]
    assert note.text == "Source: x" and note.y == 0 and note.yshift < 0


@pytest.mark.parametrize("lang,value,ref,expected", [
    ("en", 21.0, 30, "9 points below 30%"), ("en", 34.0, 30, "4 points above 30%"), ("en", 30.0, 30, "at 30%"),
    ("en", 5.9, 30, "24.1 points below 30%"), ("ru", 21.0, 30, "на 9 п. п. ниже 30\u00a0%"),
    ("ru", 5.9, 50, "на 44,1 п. п. ниже 50\u00a0%"),
])
def test_gap_text(lang, value, ref, expected):
    assert wording.gap_text(value, ref, lang) == expected


@pytest.mark.parametrize("lang,value,expected", [("en", 8.0, "8%"), ("en", 5.9, "5.9%"), ("en", 16.388, "16.4%"),
                                                 ("ru", 5.9, "5,9\u00a0%")])
def test_share_text_keeps_whole_percentages_whole(lang, value, expected):
    assert wording.share_text(value, lang) == expected


@pytest.mark.parametrize("years,values,expected_en,expected_ru", [
    ([2010, 2011, 2012], [10.0, 9.0, 8.0], "not on track: \u22121 points a year in 2010–2012",
     "не на пути к цели: \u22121 п. п. в год в 2010–2012 гг."),
    ([2010], [5.0], "no trend: fewer than 3 comparable points since the last break (1)",
     "тренда нет: после последнего разрыва меньше 3 сопоставимых точек (1)"),
    ([2010, 2011, 2012], [31.0, 32.0, 33.0], "at or above 30%", "на уровне 30\u00a0% или выше"),
])
def test_projection_text_in_both_languages(years, values, expected_en, expected_ru):
    proj = projection.project(years, values)
    assert wording.projection_text(proj, "en") == expected_en
    assert wording.projection_text(proj, "ru") == expected_ru


def test_projection_text_beyond_the_horizon_names_the_horizon_not_a_value():
    proj = projection.project([2008, 2010, 2012], [10.0, 10.5, 11.0])
    text = wording.projection_text(proj, "en")
    assert text.endswith("at this pace 30% would not be reached by 2016 "
                         "(we extend a trend no further ahead than the years it is based on)")
