"""Country resolution: codes, English and Russian names, aliases from data, suggestions for unknown names."""
import csv

import pytest

from etl import paths
from etl.countries import AmbiguousCountry, UnknownCountry, resolver


@pytest.mark.parametrize("text, iso3", [
    ("KGZ", "KGZ"), ("kgz", "KGZ"), ("KG", "KGZ"), ("Kyrgyzstan", "KGZ"), ("Kyrgyz Republic", "KGZ"),
    ("Кыргызстан", "KGZ"), ("Киргизия", "KGZ"), ("  kyrgyzstan ", "KGZ"),
    ("EL", "GRC"), ("UK", "GBR"), ("XK", "XKX"), ("Kosovo", "XKX"),
    ("Turkey", "TUR"), ("Türkiye", "TUR"), ("Турция", "TUR"),
    ("Moldova, Republic of", "MDA"), ("Republic of Moldova", "MDA"), ("Молдова", "MDA"),
    ("The former Yugoslav Republic of Macedonia", "MKD"), ("Czech Republic", "CZE"),
    ("United States of America", "USA"), ("США", "USA"), ("Россия", "RUS"), ("Российская Федерация", "RUS"),
    ("Казахстан", "KAZ"), ("Узбекистан", "UZB"), ("Туркменистан", "TKM"), ("Таджикистан", "TJK"),
    ("Holy See", "VAT"), ("Белоруссия", "BLR"),
])
def test_known_spellings_resolve_to_one_iso3(text, iso3):
    assert resolver().resolve(text) == iso3


@pytest.mark.parametrize("text, suggestion", [("Uzbekistn", "UZB"), ("Kazahstan", "KAZ"), ("Moldva", "MDA")])
def test_unknown_name_is_an_error_that_suggests_the_closest_countries(text, suggestion):
    with pytest.raises(UnknownCountry) as e:
        resolver().resolve(text)
    assert text in str(e.value)
    assert any(suggestion in s for s in e.value.suggestions)


@pytest.mark.parametrize("text", ["", "   ", None, "Atlantis"])
def test_empty_or_unmatched_names_never_resolve_silently(text):
    with pytest.raises(UnknownCountry):
        resolver().resolve(text)


def test_russian_name_overrides_come_from_the_data_file():
    with open(paths.REFERENCE / "country_names_ru.csv", encoding="utf-8") as f:
        overrides = {r["iso3"]: r["name_ru"] for r in csv.DictReader(f)}
    assert overrides["KGZ"] == "Кыргызстан"
    for iso3, name in overrides.items():
        assert resolver().countries[iso3].name_ru == name


def test_every_osce_state_has_english_and_russian_names():
    with open(paths.REFERENCE / "osce_states.csv", encoding="utf-8") as f:
        states = list(csv.DictReader(f))
    assert len(states) == 57 == len({s["iso3"] for s in states})
    for s in states:
        c = resolver().countries[s["iso3"]]
        assert c.name_en and c.name_ru
        assert any("А" <= ch <= "я" or ch == "ё" for ch in c.name_ru)


def test_every_alias_points_to_a_known_country():
    with open(paths.REFERENCE / "country_aliases.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            assert row["iso3"] in resolver().countries, row


@pytest.mark.parametrize("text", ["Congo", "CONGO", "Конго"])
def test_a_name_two_states_go_by_is_refused_with_both_codes(text):
    with pytest.raises(AmbiguousCountry) as e:
        resolver().resolve(text)
    assert "(COG)" in str(e.value) and "(COD)" in str(e.value) and "ambiguous" in str(e.value)


@pytest.mark.parametrize("text, iso3", [("COG", "COG"), ("COD", "COD"), ("Republic of the Congo", "COG"),
                                        ("Democratic Republic of the Congo", "COD"), ("Республика Конго", "COG"),
                                        ("Демократическая Республика Конго", "COD")])
def test_each_congo_resolves_by_its_code_or_full_name(text, iso3):
    assert resolver().resolve(text) == iso3


def test_every_ambiguous_name_lists_known_countries_and_shadows_no_alias():
    with open(paths.REFERENCE / "ambiguous_names.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(paths.REFERENCE / "country_aliases.csv", encoding="utf-8") as f:
        aliases = {r["alias"].casefold() for r in csv.DictReader(f)}
    for row in rows:
        codes = row["candidates"].split()
        assert len(codes) >= 2 and all(c in resolver().countries for c in codes) and row["why"], row
        assert row["name"].casefold() not in aliases, row
