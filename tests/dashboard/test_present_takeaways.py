"""Takeaway sentences: small DataFrames -> the one line under a slide's title, in both languages, missing data said."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard import takeaways

SCOPE = {"en": "Police officers", "ru": "Сотрудники полиции"}


def states(values: dict[str, float | None], central: tuple[str, ...] = ("KAZ", "UZB")) -> pd.DataFrame:
    names = {"KAZ": ("Kazakhstan", "Казахстан"), "UZB": ("Uzbekistan", "Узбекистан"), "EST": ("Estonia", "Эстония"),
             "GEO": ("Georgia", "Грузия"), "RUS": ("Russian Federation", "Россия")}
    return pd.DataFrame([{"iso3": k, "name_en": names[k][0], "name_ru": names[k][1], "is_central_asia": k in central,
                          "value": v} for k, v in values.items()])


def aggregate(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["region", "year", "mean_share", "n_reporting", "n_members"])


def test_standing_names_who_reports_the_mean_and_central_asia_in_english():
    text = takeaways.osce_standing(2016, SCOPE["en"], aggregate([("osce", 2016, 17.85, 29, 57)]),
                                   states({"KAZ": None, "UZB": None, "EST": 34.0}), "en")
    assert text == ("2016: 29 of 57 OSCE States report a women's share of police (Police officers); their "
                    "unweighted mean is 17.9%. Central Asia reporting: none; no figure: Kazakhstan, Uzbekistan.")


def test_standing_in_russian_uses_the_decimal_comma_and_russian_names():
    text = takeaways.osce_standing(2016, SCOPE["ru"], aggregate([("osce", 2016, 17.85, 29, 57)]),
                                   states({"KAZ": 8.0, "UZB": None}), "ru")
    assert "17,9\u00a0%" in text and "есть данные: Казахстан" in text and "нет данных: Узбекистан" in text


def test_standing_says_plainly_when_nobody_reports_that_year():
    text = takeaways.osce_standing(2030, SCOPE["en"], aggregate([("osce", 2016, 17.85, 29, 57)]),
                                   states({"KAZ": None}), "en")
    assert text == "2030: no OSCE State reports a women's share of police (Police officers)."


@pytest.mark.parametrize("lang,expected", [
    ("en", "2016 (Police officers): 1 of 3 reporting States have 30% women or more. Central Asia: Kazakhstan 8%; "
           "no figure from Uzbekistan."),
    ("ru", "2016 год (Сотрудники полиции): в 1 из 3 сообщивших данные государств доля женщин — 30\u00a0% или выше. "
           "Центральная Азия: Казахстан 8\u00a0%; нет данных: Узбекистан."),
])
def test_reach_counts_the_states_at_30_percent_and_lists_central_asia(lang, expected):
    frame = states({"KAZ": 8.0, "UZB": None, "EST": 34.0, "GEO": 9.0})
    assert takeaways.reach_30(2016, SCOPE[lang], frame, lang) == expected


def test_a_share_at_exactly_30_percent_reaches_the_target():
    frame = states({"EST": 30.0, "GEO": 29.9})
    assert "1 of 2 reporting States" in takeaways.reach_30(2016, SCOPE["en"], frame, "en")


def test_neighbours_gives_each_latest_figure_with_its_year_in_the_slides_order():
    latest = pd.DataFrame([
        {"iso3": "GEO", "name_en": "Georgia", "name_ru": "Грузия", "is_central_asia": False, "year": 2014, "value": 9.0},
        {"iso3": "KAZ", "name_en": "Kazakhstan", "name_ru": "Казахстан", "is_central_asia": True, "year": 2015,
         "value": 8.0},
    ])
    text = takeaways.ca_neighbours(SCOPE["en"], latest, ["KAZ", "UZB", "GEO"], "en")
    assert text == "Latest figures (Police officers): Kazakhstan 8% (2015), Georgia 9% (2014). None reaches 30%."


def test_neighbours_without_any_figure_says_so():
    empty = pd.DataFrame(columns=["iso3", "name_en", "name_ru", "is_central_asia", "year", "value"])
    assert takeaways.ca_neighbours(SCOPE["ru"], empty, ["UZB"], "ru") == \
        "Ни по одному из этих государств данных нет (Сотрудники полиции)."


def test_trend_uses_only_the_best_covered_years_and_says_how_many_report():
    frame = aggregate([("osce", 2003, 10.5, 2, 57), ("osce", 2009, 14.27, 30, 57), ("osce", 2014, 17.35, 40, 57),
                       ("osce", 2016, 17.86, 29, 57), ("osce", 2017, 19.67, 27, 57), ("osce", 2022, 25.0, 1, 57),
                       ("central_asia", 2015, 8.0, 1, 5)])
    assert takeaways.trend_30(SCOPE["en"], frame, "en") == (
        "OSCE mean (Police officers): 14.3% in 2009 (30 States reporting), 17.9% in 2016 (29 of 57), "
        "12.1 points below 30%.")


def test_without_any_year_where_half_the_members_report_the_best_covered_years_are_used():
    frame = aggregate([("osce", 2007, 13.5, 20, 57), ("osce", 2017, 19.67, 27, 57), ("osce", 2022, 25.0, 1, 57)])
    assert "13.5% in 2007" in takeaways.trend_30(SCOPE["en"], frame, "en")


def test_trend_without_any_osce_year_says_so():
    assert takeaways.trend_30(SCOPE["en"], aggregate([]), "en") == \
        "No year has enough reporting States for an OSCE mean (Police officers)."


def test_gaps_names_central_asian_states_without_a_dated_figure_and_those_with_an_undated_one():
    frame = pd.DataFrame([
        {"iso3": "KAZ", "name_en": "Kazakhstan", "name_ru": "Казахстан", "is_central_asia": True, "latest_year": 2015,
         "n_years": 7, "n_undated": 0},
        {"iso3": "TJK", "name_en": "Tajikistan", "name_ru": "Таджикистан", "is_central_asia": True,
         "latest_year": None, "n_years": 0, "n_undated": 1},
        {"iso3": "UZB", "name_en": "Uzbekistan", "name_ru": "Узбекистан", "is_central_asia": True, "latest_year": None,
         "n_years": 0, "n_undated": 0},
        {"iso3": "EST", "name_en": "Estonia", "name_ru": "Эстония", "is_central_asia": False, "latest_year": 2017,
         "n_years": 5, "n_undated": 0},
    ])
    assert takeaways.gaps(frame, 2017, "en") == (
        "2 of 4 OSCE States have never published a dated figure on women in police; in Central Asia: Tajikistan, "
        "Uzbekistan. Tajikistan: an undated figure only. Only 1 of 4 have a figure from 2017 or later.")


@pytest.mark.parametrize("value,lang,expected", [(8.0, "en", "8%"), (5.9, "en", "5.9%"), (17.857, "ru", "17,9\u00a0%"),
                                                 (19.96, "en", "20%")])
def test_shares_keep_whole_numbers_whole_and_otherwise_one_decimal(value, lang, expected):
    assert takeaways.share(value, lang) == expected
