"""/associations and the profile's associations section on a real warehouse: queries, finding, groups, EN and RU."""
from __future__ import annotations

import pytest
from dash import html
from dash_tree import by_id, check_query, page_module, sql, texts, walk

from dashboard import components, db, ids
from dashboard.i18n import t

LIST_COLUMNS = ["name_en", "name_local", "name_local_lang", "iso3", "country", "osce_participating",
                "is_central_asia", "region", "region_name", "reach", "scope", "type", "founded_year", "source_title",
                "source_title_lang", "source_url", "quote", "quote_lang", "note"]
QUERIES = [
    ("associations_list", {"lang": "en"}, LIST_COLUMNS),
    ("associations_list", {"lang": "ru"}, LIST_COLUMNS),
    ("associations_states", {"lang": "ru"}, ["iso3", "name", "region", "region_name", "is_central_asia",
                                             "n_associations"]),
    ("associations_country", {"iso3": "KGZ"},
     ["name_en", "name_local", "name_local_lang", "scope", "type", "founded_year", "source_title",
      "source_title_lang", "source_url", "quote", "quote_lang", "note"]),
]
NONE_IN_CENTRAL_ASIA = ("SELECT {name} FROM country c WHERE c.is_central_asia AND NOT EXISTS "
                        "(SELECT 1 FROM association a WHERE a.iso3 = c.iso3) ORDER BY {name}")


@pytest.fixture()
def page(served_warehouse):
    module = page_module("/associations")
    module.page_tree.cache_clear()
    return module


@pytest.fixture()
def country_page(served_warehouse):
    return page_module("/country")


def of_type(tree, kind) -> list:
    return [c for c in walk(tree) if isinstance(c, kind)]


@pytest.mark.parametrize("name,params,columns", QUERIES, ids=[f"{q[0]}-{i}" for i, q in enumerate(QUERIES)])
def test_every_associations_query_runs_and_returns_its_documented_columns(served_warehouse, name, params, columns):
    check_query(name, params, columns)


def test_list_puts_central_asia_first_and_regional_networks_last(served_warehouse):
    rows = db.query("associations_list", lang="en")
    assert len(rows) == sql(served_warehouse, "SELECT count(*) FROM association")[0][0]
    assert rows["is_central_asia"].head(5).all() and not rows["is_central_asia"].iloc[5]
    multi = rows["reach"] == "multinational"
    assert multi.sum() == 5 and multi.tail(5).all() and rows.loc[multi, "iso3"].isna().all()


def test_states_are_the_57_with_every_association_counted_once(served_warehouse):
    states = db.query("associations_states", lang="en")
    assert len(states) == 57 and list(states["iso3"].head(5)) == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    in_osce = sql(served_warehouse, "SELECT count(*) FROM association a JOIN country c USING (iso3) "
                                    "WHERE c.osce_participating")[0][0]
    assert states["n_associations"].sum() == in_osce


@pytest.mark.parametrize("lang, column", [("en", "name_en"), ("ru", "name_ru")])
def test_the_finding_names_the_central_asian_states_with_none_found_computed_from_the_data(
        page, served_warehouse, lang, column):
    none = [r[0] for r in sql(served_warehouse, NONE_IN_CENTRAL_ASIA.format(name=column))]
    assert none  # Kazakhstan and Turkmenistan in the real bundle
    finding = texts(by_id(page.layout(lang=lang), ids.ASSOCIATIONS_FINDING))
    assert t("associations.finding_ca_none", lang, states=", ".join(none)) in finding


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_page_groups_central_asia_first_then_regions_then_outside_states_then_networks(page, lang):
    tree = page.layout(lang=lang)
    sections = [c.id for c in of_type(tree, html.Section) if str(c.id).startswith(ids.ASSOCIATIONS_GROUP)]
    assert sections[0] == f"{ids.ASSOCIATIONS_GROUP}-central_asia"
    assert sections[-2:] == [f"{ids.ASSOCIATIONS_GROUP}-outside", f"{ids.ASSOCIATIONS_GROUP}-multinational"]
    toc = [a.href for a in of_type(by_id(tree, ids.ASSOCIATIONS_TOC), html.A)]
    assert toc == [f"#{s}" for s in sections] + [f"#{ids.ASSOCIATIONS_STATES}"]
    assert texts(tree)[0] == t("associations.heading", lang)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_association_is_one_entry_and_a_missing_year_is_said_not_guessed(page, served_warehouse, lang):
    tree = page.layout(lang=lang)
    n, n_missing = sql(served_warehouse, "SELECT count(*), count(*) - count(founded_year) FROM association")[0]
    assert len([a for a in of_type(tree, html.Article) if "association-card" in a.className]) == n
    assert texts(tree).count(t("associations.founded_not_stated", lang)) == n_missing
    assert "nan" not in texts(tree) and "None" not in texts(tree)


def test_quotes_carry_their_language_when_told_and_notes_are_marked_english_on_the_russian_page(page):
    tree = page.layout(lang="ru")
    quotes = of_type(tree, html.Blockquote)
    assert {getattr(q, "lang", None) for q in quotes} >= {"en", "ru", "tg", "uk", None}
    label = t("associations.field_note", "ru")
    notes = [dd.children for dl in of_type(tree, html.Dl) for dt, dd in zip(dl.children[::2], dl.children[1::2])
             if dt.children == label]
    assert len(notes) == 26 and {n.lang for n in notes} == {"en"}


def test_states_table_lists_every_region_with_central_asia_first(page):
    table = by_id(page.layout(lang="en"), ids.ASSOCIATIONS_STATES)
    rows = of_type(table, html.Tr)[1:]
    assert rows[0].children[0].children == "Central Asia"
    assert rows[0].children[1].children == "Kyrgyzstan (2), Tajikistan (2), Uzbekistan (1)"
    assert rows[0].children[2].children == "Kazakhstan, Turkmenistan"


def test_navigation_leads_to_the_page():
    assert ("/associations", "associations.nav") in components.NAV


def test_a_profile_lists_the_countrys_associations(country_page):
    section = by_id(country_page.layout(lang="en", iso3="KGZ"), ids.COUNTRY_ASSOCIATIONS)
    assert texts(section)[0] == t("associations.country_heading", "en")
    assert len(of_type(section, html.Article)) == 2


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_profile_without_association_says_none_recorded_and_links_to_the_page(country_page, lang):
    section = by_id(country_page.layout(lang=lang, iso3="KAZ"), ids.COUNTRY_ASSOCIATIONS)
    assert of_type(section, html.Article) == []
    name = t("associations.country_none", lang, name="Kazakhstan" if lang == "en" else "Казахстан")
    assert name in texts(section)
    assert [a.href for a in of_type(section, html.A)] == [components.href("/associations", lang)]
