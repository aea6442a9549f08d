"""Presenter queries, slide rendering and projector restyling on a real warehouse: sizes, labels, both languages."""
from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard import db
from dashboard import deck as decks
from dashboard.i18n import LANGS, t

QUERIES = [
    ("present_aggregate", {"scope": "police_officers"}, ["region", "year", "mean_share", "n_reporting", "n_members"]),
    ("present_states", {"year": 2015, "scope": "police_officers"},
     ["iso3", "name_en", "name_ru", "is_central_asia", "value"]),
    ("present_latest", {"countries": ["KAZ", "KGZ", "UZB"], "scope": "police_officers"},
     ["iso3", "name_en", "name_ru", "is_central_asia", "year", "value"]),
    ("present_gaps", {}, ["iso3", "name_en", "name_ru", "is_central_asia", "latest_year", "n_years", "n_undated"]),
]


@pytest.fixture()
def slides(served_warehouse):
    import dashboard.app  # noqa: F401  (the pages' callbacks modules expect the app's pages to be registered)
    from dashboard.callbacks import present_slides
    return present_slides


@pytest.fixture()
def cb(served_warehouse):
    import dashboard.app  # noqa: F401
    from dashboard.callbacks import present
    return present


@pytest.mark.parametrize("name,params,columns", QUERIES, ids=[q[0] for q in QUERIES])
def test_every_present_query_runs_and_returns_its_documented_columns(served_warehouse, name, params, columns):
    frame = db.query(name, **params)
    assert list(frame.columns) == columns
    assert len(frame) > 0


def test_the_states_query_lists_all_57_participating_states_once_central_asia_first(served_warehouse):
    frame = db.query("present_states", year=2015, scope="police_officers")
    assert len(frame) == frame["iso3"].nunique() == 57
    assert list(frame["iso3"][:5]) == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]


def test_the_latest_query_gives_one_row_per_state_with_a_figure_and_none_for_a_state_without(served_warehouse):
    frame = db.query("present_latest", countries=["KAZ", "UZB"], scope="police_officers")
    assert list(frame["iso3"]) == ["KAZ"]


def test_the_gaps_query_knows_turkmenistan_and_uzbekistan_have_no_dated_figure(served_warehouse):
    frame = db.query("present_gaps").set_index("iso3")
    assert frame.loc[["TKM", "UZB"], "latest_year"].isna().all()
    assert frame.loc["KAZ", "latest_year"] >= 2015


def fonts(fig: go.Figure) -> list[int]:
    return [fig.layout.font.size, fig.layout.xaxis.tickfont.size]


@pytest.mark.parametrize("lang", LANGS)
def test_every_default_slide_renders_a_chart_the_size_of_the_stage_in_large_type(slides, lang):
    from dashboard.figures import present as look
    memo = {}
    for slide in decks.load(decks.DEFAULT).slides:
        rendered = slides.render(slide, lang, memo)
        fig = rendered.figure
        assert (fig.layout.width, fig.layout.height) == (look.WIDTH, look.HEIGHT)
        assert min(fonts(fig)) >= look.BASE_FONT - 10 and fig.layout.font.size >= 28
        assert rendered.summary and rendered.table is not None


def test_a_line_slide_has_thick_lines_and_a_label_with_name_and_value_for_each_line_instead_of_a_legend(slides):
    slide = decks.load(decks.DEFAULT).slides[2]
    fig = slides.render(slide, "en").figure
    lines = [tr for tr in fig.data if tr.type == "scatter" and "lines" in (tr.mode or "") and tr.showlegend is not False]
    assert lines and all(tr.line.width >= 4 for tr in lines)
    assert fig.layout.showlegend is False
    labels = [a.text for a in fig.layout.annotations if a.xref == "paper" and a.x == 1]
    assert any("Kazakhstan" in text and "8%" in text for text in labels)


def test_a_line_slide_in_russian_labels_values_with_the_decimal_comma(slides):
    fig = slides.render(decks.load(decks.DEFAULT).slides[2], "ru").figure
    labels = " ".join(a.text for a in fig.layout.annotations)
    assert "Кыргызстан" in labels and "5,9\u00a0%" in labels and fig.layout.separators == ", "


def test_the_ranking_slide_splits_into_two_columns_that_keep_every_state(slides):
    slide = decks.load(decks.DEFAULT).slides[1]
    rendered = slides.render(slide, "en")
    bars = [tr for tr in rendered.figure.data if tr.type == "bar"]
    reporting = rendered.context["states"]["value"].notna().sum()
    assert len(bars) == 2 and sum(len(b.y) for b in bars) == reporting
    assert bars[0].x[-1] >= bars[1].x[-1]          # the left column holds the higher shares
    assert all(b.textfont.size >= 18 for b in bars)


def test_the_map_slide_outlines_central_asia_and_lists_each_state_with_figure_or_no_data(slides):
    rendered = slides.render(decks.load(decks.DEFAULT).slides[0], "en")
    outline = [tr for tr in rendered.figure.data if tr.type == "choropleth" and tr.marker.line.width == 4]
    assert outline and set(outline[0].locations) == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    panel = next(a.text for a in rendered.figure.layout.annotations if t("present.map_central_asia", "en") in a.text)
    assert "Uzbekistan: no data" in panel and "Turkmenistan: no data" in panel


def test_takeaways_of_the_default_deck_are_generated_from_the_warehouse_in_both_languages(slides):
    deck = decks.load(decks.DEFAULT)
    for lang in LANGS:
        memo = {}
        lines = [slides.takeaway(s, slides.render(s, lang, memo), lang) for s in deck.slides]
        assert all(lines) and len(set(lines)) == len(lines)
    assert "Uzbekistan" in lines[-1] or "Узбекистан" in lines[-1]


def test_a_slide_whose_generator_needs_a_year_falls_back_to_the_chart_summary_on_a_page_without_one(slides):
    slide = decks.Slide(page="/trends", chart="lines", takeaway={"auto": "osce_standing"})
    rendered = slides.render(slide, "en")
    assert slides.takeaway(slide, rendered, "en") == rendered.summary


def test_hostile_view_values_are_cleaned_by_the_pages_own_whitelists(slides):
    slide = decks.Slide(page="/", chart="map", view={"scope": "'; DROP TABLE country; --", "year": "1850"})
    rendered = slides.render(slide, "en")
    assert rendered.view["scope"] == "police_officers" and rendered.figure is not None


def test_the_payload_holds_every_slide_in_both_languages_with_a_qr_code_and_a_short_link(cb):
    deck = decks.load(decks.DEFAULT)
    data = cb.payload(deck, "default", "http://example.org/")
    assert data["n"] == len(deck.slides)
    for lang in LANGS:
        first = data["slides"][lang][0]
        assert first["short"] == f"example.org/present/s/default/1?lang={lang}"
        assert first["qr"].startswith("data:image/svg+xml;base64,")
        assert first["href"].startswith("/?") and f"lang={lang}" in first["href"]
        assert data["config"][lang]["locale"] == lang and data["config"][lang]["topojsonURL"] == "/assets/topojson/"


def test_a_deck_carried_in_a_link_points_its_qr_code_at_the_view_itself(cb):
    deck = decks.load(decks.DEFAULT)
    data = cb.payload(deck, None, "http://example.org/")
    first = data["slides"]["en"][0]
    assert first["short"] == "example.org" + first["href"]


def test_a_view_without_any_figure_says_so_in_the_charts_place(cb):
    fig = cb.no_data_figure(t("overview.no_years", "en"))
    assert fig.layout.annotations[0].text == t("overview.no_years", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_a_country_profile_slide_keeps_its_legend_and_writes_each_series_last_value(slides, lang):
    rendered = slides.render(decks.Slide(page="/country/KAZ", chart="profile"), lang)
    values = [a.text for a in rendered.figure.layout.annotations if a.xref == "x"]
    assert rendered.figure.layout.showlegend is not False and any("8" in v for v in values)
    assert ("Kazakhstan" if lang == "en" else "Казахстан") in rendered.summary


def test_a_country_without_any_figure_is_a_slide_that_says_so(slides):
    rendered = slides.render(decks.Slide(page="/country/UZB", chart="profile"), "en")
    assert rendered.figure is None and "Uzbekistan" in rendered.summary


def test_the_coverage_slide_keeps_every_state_row(slides):
    rendered = slides.render(decks.Slide(page="/coverage", chart="matrix"), "ru")
    heatmap = next(tr for tr in rendered.figure.data if tr.type == "heatmap")
    assert len([y for y in heatmap.y if not str(y).startswith("region:")]) == 57
