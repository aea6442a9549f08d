"""/country/<ISO3> on a real warehouse: its queries, the profile of a State with data, empty states and not-found."""
from __future__ import annotations

import json

import pytest
from dash import dcc, html
from dash_tree import by_id, check_query, page_module, texts, walk

from dashboard import db, i18n, ids

QUERIES = [
    ("country_options", {}, ["iso3", "name_en", "name_ru"]),
    ("country_info", {"iso3": "KAZ"}, ["iso3", "name_en", "name_ru", "region", "region_en", "region_ru",
                                       "is_central_asia"]),
    ("country_series", {"iso3": "KAZ"},
     ["year", "indicator", "indicator_en", "indicator_ru", "unit", "role", "indicator_sort", "scope", "scope_en",
      "scope_ru", "scope_sort", "source_id", "publisher_en", "publisher_ru", "vintage", "bound", "value", "women",
      "total", "method", "flags", "note", "citation_en", "citation_ru", "url", "previous_vintage_value", "rank",
      "n_alternatives"]),
    ("country_neighbours", {"iso3": "KAZ"}, ["iso3", "name_en", "name_ru", "scope", "scope_en", "scope_ru", "year",
                                             "value", "flags", "source_id", "vintage"]),
    ("country_rank", {"iso3": "KAZ"}, ["scope", "scope_en", "scope_ru", "year", "value", "position", "n_reporting",
                                       "n_states"]),
    ("country_sources", {"iso3": "KAZ"}, ["id", "kind", "publisher_en", "publisher_ru", "title_en", "title_ru", "url",
                                          "licence", "citation_en", "citation_ru", "precedence", "n_values",
                                          "n_on_women", "indicators"]),
    ("country_flags", {"iso3": "KAZ"}, ["code", "label_en", "label_ru", "definition_en", "definition_ru"]),
    ("country_undated", {"iso3": "KAZ"}, ["indicator", "indicator_en", "indicator_ru", "unit", "scope", "scope_en",
                                          "scope_ru", "value", "flags", "note", "citation", "url"]),
    ("country_targets", {"iso3": "KAZ"}, ["year", "indicator", "indicator_en", "indicator_ru", "unit", "scope",
                                          "scope_en", "scope_ru", "value", "note", "citation", "url"]),
    ("country_flag_labels", {}, ["code", "label_en", "label_ru"]),
    ("country_source_names", {}, ["id", "publisher_en", "publisher_ru"]),
]


@pytest.fixture()
def page(served_warehouse):
    return page_module("/country")


def all_text(tree) -> str:
    return " | ".join(texts(tree))


@pytest.mark.parametrize("name,params,columns", QUERIES, ids=[q[0] for q in QUERIES])
def test_every_country_query_runs_and_returns_its_documented_columns(served_warehouse, name, params, columns):
    check_query(name, params, columns)


def test_country_info_has_no_row_for_a_state_outside_the_osce_or_a_hostile_code(served_warehouse):
    assert db.query("country_info", iso3="BRA").empty
    assert db.query("country_info", iso3="KAZ' OR '1'='1").empty


def test_kazakhstan_rank_and_revisions_come_from_the_warehouse(served_warehouse):
    rank = db.query("country_rank", iso3="KAZ").iloc[0]
    assert (rank["scope"], rank["year"], rank["value"]) == ("police_officers", 2015, 8.0)
    assert 1 <= rank["position"] <= rank["n_reporting"] <= rank["n_states"] == 57
    series = db.query("country_series", iso3="KAZ")
    kaz_2008 = series[(series["year"] == 2008) & (series["indicator"] == "share_women_police")]
    releases = sorted(zip(kaz_2008["vintage"], kaz_2008["value"], kaz_2008["rank"], strict=True))
    assert releases == [("2017", 9.0, 2), ("2019", 10.0, 1)]


def test_country_sources_lists_every_source_even_without_figures(served_warehouse):
    sources = db.query("country_sources", iso3="UZB")
    assert len(sources) == len(db.query("country_source_names"))
    assert sources["n_on_women"].sum() == 0
    assert set(sources["kind"]) == {"international", "national"}
    assert "Евростат" in set(sources["publisher_ru"])


def test_kazakhstan_profile_shows_every_release_rank_change_targets_and_undated_figures(page):
    tree = page.layout(lang="en", iso3="kaz")
    text = all_text(tree)
    graph = next(c for c in walk(tree) if isinstance(c, dcc.Graph))
    names = [tr.name for tr in graph.figure.data]
    assert "Police officers<br>UN Statistics Division (data: UNODC),<br>2019 release" in names   # wrapped at 40
    assert "Police officers<br>UN Statistics Division (data: UNODC),<br>2017 release" in names
    assert "Policy target (not data)" in names and "Kyrgyzstan (Police officers)" in names
    assert "States reporting for 2015" in text
    assert "−2 points (2010: 10% → 2015: 8%)" in text
    assert "not available: no figure for 2005" in text
    assert "revised: 9% in the previous release" in text
    assert "Figures without a reference year" in text and "Policy targets" in text
    assert "at least 16,000" in text
    assert any(isinstance(c, html.A) and c.href.startswith("https://") for c in walk(tree))


def test_kazakhstan_chart_draws_the_two_releases_differently_and_targets_apart(page):
    tree = page.layout(lang="ru", iso3="KAZ")
    figure = next(c for c in walk(tree) if isinstance(c, dcc.Graph)).figure
    new, old = figure.data[0], figure.data[1]
    assert "2019" in new.name and "2017" in old.name
    assert new.line.dash is None and old.line.dash == "dash"
    assert all(s.endswith("-open") for s in old.marker.symbol)
    assert list(new.x) == [2008, 2009, 2010, 2011, 2012, 2013, None, 2015]   # 2014 is missing: no line across
    target = next(tr for tr in figure.data if tr.marker.symbol == "star-open")
    assert target.mode == "markers" and list(target.y) == [15.0, 30.0]
    assert figure.layout.separators == ", "


def test_summary_sentence_gives_year_value_scope_source_and_gap_in_russian(page):
    tree = page.layout(lang="ru", iso3="KAZ")
    summary = next(c for c in walk(tree) if getattr(c, "className", "") == "chart-summary").children
    assert summary.startswith("Казахстан, 2015 г.: доля женщин 8\u00a0% (охват: Сотрудники полиции;")
    assert "на 22 п. п. ниже 30\u00a0%" in summary


def test_russian_profile_names_sources_in_russian_and_marks_english_notes(page, served_warehouse):
    tree = page.layout(lang="ru", iso3="KAZ")
    text = all_text(tree)
    assert "Статистический отдел ООН (данные УНП ООН), выпуск 2019 г." in text    # source column
    assert "Статистический отдел ООН (данные УНП ООН)" in texts(next(
        c for c in walk(tree) if getattr(c, "className", None) == "country-sources"))
    assert "UN Statistics Division" not in text and "Figures read in public pages" not in text
    notes = [c for c in walk(tree) if isinstance(c, html.Span) and getattr(c, "lang", None) == "en"]
    assert any("lower bound" in n.children for n in notes)
    assert "Примечание источника (англ.)" in text
    figure = next(c for c in walk(tree) if isinstance(c, dcc.Graph)).figure
    source = next(a.text for a in figure.layout.annotations if (a.text or "").startswith("Источник:"))
    assert "Статистический отдел ООН" in source and "Цифры из открытых публикаций" in source


def test_the_picker_is_a_group_named_by_its_visible_label(page):
    tree = page.layout(lang="ru", iso3="KAZ")
    group = next(c for c in walk(tree) if getattr(c, "role", None) == "group")
    label = by_id(group, f"{ids.COUNTRY_SELECT}-label")
    assert getattr(group, "aria-labelledby") == label.id and label.htmlFor == ids.COUNTRY_SELECT


@pytest.mark.parametrize("iso3", ["UZB", "TKM"])
def test_a_state_without_figures_on_women_gets_an_honest_empty_state_and_the_submission_route(page, iso3):
    tree = page.layout(lang="en", iso3=iso3)
    assert not any(isinstance(c, dcc.Graph) for c in walk(tree))
    empty = next(c for c in walk(tree) if "country-empty" in (getattr(c, "className", "") or ""))
    text = all_text(empty)
    assert "Eurostat: nothing" in text and "UNODC: nothing" in text
    russian = all_text(page.layout(lang="ru", iso3=iso3))
    assert "Евростат: ничего" in russian and "УНП ООН: ничего" in russian
    assert any(isinstance(c, html.A) and c.href == "/download/template.xlsx" for c in walk(empty))
    assert any(isinstance(c, html.Code) and c.children == "python -m etl template" for c in walk(empty))


def test_tajikistan_shows_its_undated_figure_but_never_charts_it(page):
    tree = page.layout(lang="ru", iso3="TJK")
    text = all_text(tree)
    assert "Цифры без отчётного года" in text and "7\u00a0%" in text
    assert not any(isinstance(c, dcc.Graph) for c in walk(tree))


@pytest.mark.parametrize("iso3", ["XXX", "BRA", "<script>alert(1)</script>", ""])
def test_an_unknown_code_gets_a_not_found_message_and_the_picker(page, iso3):
    tree = page.layout(lang="en", iso3=iso3)
    assert "No profile at this address" in all_text(tree)
    picker = next(c for c in walk(tree) if getattr(c, "id", None) == ids.COUNTRY_SELECT)
    assert len(picker.options) == 57 and picker.value is None


# One State of every data shape: Central Asia, bounds only (BLR), ranges (USA), counts (MDA), patrol police and
# undated ranges (UKR), several scopes (KGZ, AZE), long UN series in two releases (FRA, SWE), nothing at all (VAT).
SHAPES = ["KAZ", "KGZ", "TJK", "TKM", "UZB", "BLR", "USA", "MDA", "UKR", "AZE", "FRA", "SWE", "VAT"]


@pytest.mark.parametrize("iso3", SHAPES)
def test_profiles_of_every_data_shape_render_in_both_languages_without_placeholders(page, iso3):
    for lang in ("en", "ru"):
        for text in texts(page.layout(lang=lang, iso3=iso3)):
            assert "{" not in text and "country." not in text, (iso3, lang, text)


def test_the_picker_navigates_to_the_chosen_profile_and_ignores_the_current_one(page):
    from dashboard.callbacks import country as callbacks
    assert callbacks.navigate("KGZ", "/country/KAZ") == "/country/KGZ"
    assert callbacks.navigate("KAZ", "/country/KAZ") is callbacks.no_update
    assert callbacks.navigate(None, "/country/KAZ") is callbacks.no_update


def test_catalogs_have_the_same_keys_in_both_languages():
    en = json.loads((i18n.LOCALES / "en" / "country.json").read_text(encoding="utf-8"))
    ru = json.loads((i18n.LOCALES / "ru" / "country.json").read_text(encoding="utf-8"))
    assert en.keys() == ru.keys()
    assert all(v.strip() for v in [*en.values(), *ru.values()])


def test_a_data_table_longer_than_the_limit_shows_the_first_rows_says_so_and_links_to_all(page):
    import pandas as pd
    from test_country_figures import CTX, row
    series = pd.DataFrame([row(2000 + i % 40, 10.0, source=f"s{i // 40}") for i in range(page.TABLE_LIMIT + 21)])
    for lang, line, csv in [("en", "Showing the first 100 of 121 figures", "?country=KAZ&preferred=false"),
                            ("ru", "Показаны первые 100 из 121 цифр", "?country=KAZ&preferred=false&lang=ru")]:
        tree = page.data_table(series, CTX[lang], "KAZ")
        assert len([c for c in walk(tree) if isinstance(c, html.Tr)]) == page.TABLE_LIMIT + 1   # + the header row
        assert all_text(tree).startswith(line)
        links = [c.href for c in walk(tree) if isinstance(c, (html.A, dcc.Link))]
        assert links == [f"/download/observations.csv{csv}", f"/explorer{csv.replace('false', '0')}"]
    short = page.data_table(series.head(page.TABLE_LIMIT), CTX["en"], "KAZ")
    assert isinstance(short, html.Table) and "Showing" not in all_text(short)
