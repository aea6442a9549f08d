"""dashboard.figures.country without a database: series per scope × source × release, neighbours, targets, texts."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard import projection
from dashboard.figures import country as fig
from dashboard.figures import style
from dashboard.figures.wording import Context

CTX = {lang: Context(lang, "", {"rounded": "Rounded", "approximate": "Approximate"}, {"un": "UNSD", "sub": "Nat"})
       for lang in ("en", "ru")}


def row(year, value, vintage="2019", source="un", scope="police_officers", indicator="share_women_police",
        flags="rounded", bound="", rank=1, previous=None, role="share"):
    return {"year": year, "indicator": indicator, "indicator_en": indicator, "indicator_ru": indicator,
            "unit": "percent" if role == "share" else "persons", "role": role,
            "indicator_sort": 1 if role == "share" else 2,
            "scope": scope, "scope_en": scope.replace("_", " ").capitalize(), "scope_ru": "Охват " + scope,
            "scope_sort": 1 if scope == "police_officers" else 3, "source_id": source, "publisher_en": source,
            "publisher_ru": source, "vintage": vintage, "bound": bound, "value": value, "women": None, "total": None,
            "method": "reported", "flags": flags, "note": "", "citation_en": "c", "citation_ru": "c", "url": "",
            "previous_vintage_value": previous, "rank": rank, "n_alternatives": 1}


SERIES = pd.DataFrame(
    [row(y, 10.0, previous=9.0) for y in (2008, 2009, 2010)] + [row(2012, 8.0)]
    + [row(y, 9.0, vintage="2017", rank=2) for y in (2008, 2009, 2010)]
    + [row(2015, 25.0, source="sub", scope="interior_ministry_staff", vintage="", flags="approximate")]
    + [row(2026, 16000.0, source="sub", indicator="police_women", role="women", bound="lower")])
NEIGHBOURS = pd.DataFrame([
    {"iso3": "KGZ", "name_en": "Kyrgyzstan", "name_ru": "Кыргызстан", "scope": s, "scope_en": s, "scope_ru": s,
     "year": y, "value": v, "flags": "", "source_id": "sub", "vintage": ""}
    for s, y, v in [("police_officers", 2016, 5.9), ("patrol_police", 2016, 9.0)]])
TARGETS = pd.DataFrame([{"year": 2020, "indicator": "share_women_police", "indicator_en": "", "indicator_ru": "",
                         "unit": "percent", "scope": "police_officers", "scope_en": "Police officers",
                         "scope_ru": "Сотрудники полиции", "value": 30.0, "note": "announced in 2013",
                         "citation": "c", "url": ""}])


def build(lang="en"):
    return fig.figure(SERIES, NEIGHBOURS, TARGETS, CTX[lang], "Title", "Source: x")


def test_share_series_are_grouped_by_scope_source_and_release_newest_release_first():
    keys = [(k[3], k[4], k[5]) for k, _ in fig.share_series(SERIES)]
    assert keys == [("police_officers", "un", "2019"), ("police_officers", "un", "2017"),
                    ("interior_ministry_staff", "sub", "")]


def test_an_older_release_shares_the_colour_but_is_dashed_with_open_markers():
    figure = build()
    new, old, other = figure.data[0], figure.data[1], figure.data[2]
    assert new.line.color == old.line.color == style.HIGHLIGHT and other.line.color != style.HIGHLIGHT
    assert new.line.dash is None and old.line.dash == "dash"
    assert set(old.marker.symbol) == {"circle-open"}
    assert list(new.x) == [2008, 2009, 2010, None, 2012]


def test_series_names_carry_scope_source_and_release():
    assert build().data[0].name == "Police officers<br>UNSD, 2019 release"
    assert build("ru").data[0].name == "Охват police_officers<br>UNSD, выпуск 2019 г."


def test_counts_are_never_drawn_on_the_share_chart():
    assert all(16000.0 not in (tr.y or ()) for tr in build().data)


def test_neighbours_are_grey_and_only_in_the_scopes_the_country_has():
    names = [tr.name for tr in build().data if tr.line.color == style.MUTED]
    assert names == ["Kyrgyzstan (police_officers)"]


def test_targets_are_stars_named_as_targets_and_never_joined():
    target = next(tr for tr in build().data if tr.name == "Policy target (not data)")
    assert target.mode == "markers" and target.marker.symbol == "star-open"
    assert "Policy target, not data" in target.hovertext[0]


def test_a_target_hover_marks_its_note_as_the_source_words_in_english_in_russian():
    target = next(tr for tr in build("ru").data if tr.marker.symbol == "star-open")
    assert "Примечание источника (англ.): announced in 2013" in target.hovertext[0]


def test_source_line_names_every_source_drawn_in_the_language_of_the_context():
    line = fig.source_line(SERIES, NEIGHBOURS, CTX["ru"])
    assert line.startswith("Источник: Nat; UNSD.")    # sorted by id: 'sub', 'un'; counts add no source
    only_own = fig.source_line(SERIES[SERIES["source_id"] == "un"], NEIGHBOURS.iloc[0:0], CTX["en"])
    assert only_own.startswith("Source: UNSD.")


def test_thirty_percent_line_and_russian_separators():
    figure = build("ru")
    assert len(figure.layout.shapes) == 1 and figure.layout.shapes[0].y0 == 30
    assert figure.layout.separators == ", "


def test_headline_is_the_latest_preferred_share_of_the_first_scope():
    head = fig.headline(SERIES)
    assert (head["year"], head["value"], head["scope"]) == (2012, 8.0, "police_officers")
    assert fig.headline(SERIES[SERIES["role"] != "share"]) is None


def test_revisions_are_the_rows_that_differ_from_the_previous_release():
    assert fig.revisions(SERIES)["year"].tolist() == [2008, 2009, 2010]


def test_summary_names_year_value_scope_source_gap_and_revisions():
    text = fig.summary("Kazakhstan", SERIES, CTX["en"])
    assert text.startswith("Kazakhstan, 2012: women's share 8% (scope: Police officers; source: UNSD, 2019 release), "
                           "22 points below 30%.")
    assert "3 figures differ between releases" in text and "2008: 9% in the earlier release, 10%" in text
    assert fig.summary("Uzbekistan", SERIES.iloc[0:0], CTX["en"]) == "Uzbekistan: no dated figure of the women's share."


@pytest.mark.parametrize("change,en,ru", [
    (projection.Change("ok", 5, 2015, 8.0, 2010, 10.0), "\u22122 points (2010: 10% → 2015: 8%)",
     "\u22122 п. п. (2010 г.: 10\u00a0% → 2015 г.: 8\u00a0%)"),
    (projection.Change("ok", 5, 2015, 12.5, 2010, 10.0), "+2.5 points (2010: 10% → 2015: 12.5%)",
     "+2,5 п. п. (2010 г.: 10\u00a0% → 2015 г.: 12,5\u00a0%)"),
    (projection.Change("no_figure", 10, 2015, 8.0, 2005), "not available: no figure for 2005",
     "нет данных: за 2005 г. цифры нет"),
    (projection.Change("break", 5, 2015, 8.0, 2010, 10.0, break_year=2013),
     "not comparable: the series breaks in 2013 (new method or source)",
     "несопоставимо: ряд прерывается в 2013 г. (новый метод или источник)"),
])
def test_change_text_in_both_languages(change, en, ru):
    assert fig.change_text(change, "en") == en
    assert fig.change_text(change, "ru") == ru


def test_rank_text():
    ranked = pd.DataFrame([{"position": 34, "n_reporting": 39, "n_states": 57, "year": 2015}])
    assert fig.rank_text(next(ranked.itertuples()), "en") == (
        "34 of 39 States reporting for 2015 (1 = highest share; 57 participating States)")


def many_series(n_sources=13):
    """Two scopes × n sources × two releases: more series than a legend lists (as in the synthetic warehouses)."""
    return pd.DataFrame([row(y, 10.0 + k, vintage=v, source=f"s{k:02d}", scope=scope, rank=1 if v == "2019" else 2)
                         for scope in ("police_officers", "patrol_police") for k in range(n_sources)
                         for v in ("2019", "2017") for y in (2010, 2011)])


def test_more_series_than_a_legend_holds_get_one_trace_per_scope_and_release_style():
    series = many_series()
    assert fig.n_share_series(series) == 52 > fig.LEGEND_LIMIT
    figure = fig.figure(series, NEIGHBOURS, TARGETS.iloc[0:0], CTX["en"], "Title", "Source: x")
    own = [tr for tr in figure.data if tr.line.color != style.MUTED]
    assert [tr.name for tr in own] == ["Police officers<br>13 series (newest release of each source)",
                                       "Police officers<br>13 series (earlier releases)",
                                       "Patrol police<br>13 series (newest release of each source)",
                                       "Patrol police<br>13 series (earlier releases)"]
    newest, older = own[0], own[1]
    assert newest.line.dash is None and older.line.dash == "dash" and set(older.marker.symbol) == {"circle-open"}
    # Every point is drawn, series never joined to each other, and each hover names its own source and release.
    assert list(newest.x) == [2010, 2011, None] * 12 + [2010, 2011]
    assert "<b>Police officers<br>s00, 2019 release</b><br>2010: 10%" in newest.hovertext[0]
    assert "s12, 2017 release" in older.hovertext[-1]


def test_bundled_names_are_translated():
    figure = fig.figure(many_series(), NEIGHBOURS, TARGETS.iloc[0:0], CTX["ru"], "Title", "Source: x")
    assert figure.data[0].name == "Охват police_officers<br>рядов: 13 (последний выпуск каждого источника)"


def test_more_neighbour_lines_than_the_limit_get_one_line_per_state():
    rows = [{"iso3": iso, "name_en": iso, "name_ru": iso, "scope": s, "scope_en": s, "scope_ru": s, "year": 2016,
             "value": 5.0, "flags": "", "source_id": "sub", "vintage": ""}
            for iso in ("AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG")
            for s in ("police_officers", "interior_ministry_staff")]
    figure = fig.figure(SERIES, pd.DataFrame(rows), TARGETS, CTX["en"], "Title", "Source: x")
    grey = [tr for tr in figure.data if tr.line.color == style.MUTED]
    assert [tr.name for tr in grey] == [f"{iso} (2 scopes)" for iso in ("AAA", "BBB", "CCC", "DDD", "EEE", "FFF",
                                                                        "GGG")]
    assert list(grey[0].x) == [2016, None, 2016]    # the two scopes are never joined
    assert "Scope: interior_ministry_staff" in grey[0].hovertext[0] and "Scope: police_officers" in grey[0].hovertext[2]


def test_a_few_series_keep_one_legend_entry_each():
    assert fig.n_share_series(SERIES) == 3 <= fig.LEGEND_LIMIT
    assert [tr.name for tr in build().data][:3] == ["Police officers<br>UNSD, 2019 release",
                                                    "Police officers<br>UNSD, 2017 release",
                                                    "Interior ministry staff<br>Nat"]
