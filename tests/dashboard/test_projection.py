"""dashboard.projection: stretches between breaks, line runs, k-year changes and the projection to 30%."""
from __future__ import annotations

import math

import pytest

from dashboard import projection as p


def test_flag_set_splits_codes_and_ignores_empty():
    assert p.flag_set("") == set()
    assert p.flag_set(None) == set()
    assert p.flag_set("rounded;possible_break") == {"rounded", "possible_break"}


def test_break_starts_first_point_declared_break_possible_break_and_source_change():
    flags = ["", "rounded", "break_in_series", "", "possible_break;rounded", ""]
    sources = ["un", "un", "un", "un", "un", "eurostat"]
    assert p.break_starts(flags, sources) == [True, False, True, False, True, True]


def test_break_starts_of_no_points_is_empty():
    assert p.break_starts([], []) == []


def test_break_starts_refuses_lists_of_different_lengths():
    with pytest.raises(ValueError):
        p.break_starts(["", ""], ["un"])


def test_line_runs_split_at_missing_years_and_at_breaks():
    years = [2008, 2009, 2010, 2013, 2014, 2015]
    starts = [True, False, False, False, True, False]
    assert p.line_runs(years, starts) == [[0, 1, 2], [3], [4, 5]]


def test_line_runs_of_a_single_point_and_of_none():
    assert p.line_runs([2016], [True]) == [[0]]
    assert p.line_runs([], []) == []


def test_membership_starts_break_where_most_reporters_change():
    members = [{"KAZ"}, {"KAZ"}, {"KGZ"}, {"KGZ", "KAZ"}, {"A", "B", "C", "D"}, {"A", "B", "C"}]
    assert p.membership_starts(members) == [True, False, True, False, True, False]


def test_last_stretch_keeps_points_after_the_last_break_across_missing_years():
    years, values = [2005, 2006, 2010, 2012, 2013], [5.0, 6.0, 9.0, 10.0, 11.0]
    starts = [True, False, True, False, False]
    assert p.last_stretch(years, values, starts) == ([2010, 2012, 2013], [9.0, 10.0, 11.0])


def test_least_squares_recovers_an_exact_line():
    slope, intercept = p.least_squares([2000, 2001, 2002], [10.0, 12.0, 14.0])
    assert slope == pytest.approx(2.0)
    assert intercept == pytest.approx(10.0 - 2.0 * 2000)


def test_least_squares_refuses_a_single_year():
    with pytest.raises(ValueError):
        p.least_squares([2000, 2000], [1.0, 2.0])


def test_project_rising_trend_reaches_30_from_the_last_point_at_the_fitted_slope():
    proj = p.project([2010, 2011, 2012, 2013], [20.0, 22.0, 24.0, 26.0])
    assert proj.status == "projected" and proj.drawn
    assert proj.slope == pytest.approx(2.0)
    assert (proj.start_year, proj.start_value) == (2013, 26.0)
    assert proj.end_year == pytest.approx(2015.0) and proj.end_value == 30.0
    assert proj.year_reached == 2015


def test_project_year_reached_is_the_first_whole_year_at_or_above_the_target():
    proj = p.project([2010, 2011, 2012], [26.0, 27.0, 28.5])
    assert proj.end_year == pytest.approx(2012 + 1.5 / 1.25)
    assert proj.year_reached == math.ceil(proj.end_year) == 2014


def test_project_anchors_on_the_last_point_not_on_the_fitted_line():
    proj = p.project([2010, 2011, 2012], [20.0, 26.0, 24.0], horizon=2050)
    assert proj.slope == pytest.approx(2.0)
    assert proj.start_value == 24.0 and proj.end_year == pytest.approx(2015.0)


@pytest.mark.parametrize("values", [[10.0, 10.0, 10.0], [12.0, 11.0, 10.0], [10.0, 9.0, 9.5]])
def test_project_flat_or_falling_trend_is_not_on_track(values):
    proj = p.project([2010, 2011, 2012], values)
    assert proj.status == "not_on_track" and not proj.drawn
    assert proj.slope <= 0
    assert proj.end_year is None and proj.year_reached is None


@pytest.mark.parametrize("years,values", [([], []), ([2010], [5.0]), ([2010, 2011], [5.0, 6.0])])
def test_project_needs_at_least_three_points(years, values):
    proj = p.project(years, values)
    assert proj.status == "too_few" and proj.n_points == len(years) and not proj.drawn


def test_project_with_a_custom_minimum():
    assert p.project([2010, 2011], [5.0, 6.0], min_points=2, horizon=2050).status == "projected"


def test_project_last_value_at_or_above_target_is_reached_whatever_the_slope():
    assert p.project([2010, 2011, 2012], [35.0, 33.0, 31.0]).status == "reached"
    assert p.project([2012], [30.0]).status == "reached"


def test_project_stops_at_a_horizon_as_far_ahead_as_the_data_behind_it():
    proj = p.project([2008, 2010, 2012], [10.0, 10.5, 11.0])   # +0.25 a year: 30% only in 2088
    assert proj.status == "beyond_horizon" and proj.drawn
    assert proj.horizon == 2016 and proj.end_year == 2016
    assert proj.end_value == pytest.approx(12.0)
    assert proj.year_reached is None


def test_project_with_an_explicit_horizon():
    proj = p.project([2010, 2011, 2012], [20.0, 21.0, 22.0], horizon=2050)
    assert proj.status == "projected" and proj.year_reached == 2020


def test_project_refuses_years_and_values_of_different_lengths():
    with pytest.raises(ValueError):
        p.project([2010, 2011], [1.0])


def test_change_over_five_years_when_both_years_exist_and_no_break_between():
    change = p.change_over([2010, 2012, 2015], [10.0, 9.0, 8.0], [True, False, False], 5)
    assert change.status == "ok" and change.delta == pytest.approx(-2.0)
    assert (change.start_year, change.end_year) == (2010, 2015)


def test_change_over_says_which_year_is_missing():
    change = p.change_over([2008, 2015], [10.0, 8.0], [True, False], 10)
    assert change.status == "no_figure" and change.start_year == 2005 and change.delta is None


def test_change_over_refuses_to_compare_across_a_break():
    change = p.change_over([2010, 2013, 2015], [10.0, 20.0, 21.0], [True, True, False], 5)
    assert change.status == "break" and change.break_year == 2013 and change.delta is None


def test_change_over_a_break_exactly_at_the_start_year_does_not_matter():
    change = p.change_over([2010, 2015], [10.0, 12.0], [True, False], 5)
    assert change.status == "ok"


def test_change_over_no_points():
    assert p.change_over([], [], [], 5).status == "no_data"
