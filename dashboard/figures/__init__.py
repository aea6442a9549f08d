"""Pure figure builders: DataFrames and a language in, plotly Figures out (no SQL, no Dash)."""
from __future__ import annotations

from itertools import combinations


def prime() -> None:
    """At start-up: both message catalogs and every chart's layout frame in both languages, each built (and
    validated by plotly) once per process. Otherwise the first answer in each language of every worker pays
    for them (30–50 ms at 10M synthetic rows, more than its queries)."""
    from dashboard import i18n
    from dashboard.figures import country, coverage, overview, trends

    refs = sorted(trends.REF_COLOURS)
    for lang in i18n.LANGS:
        i18n.catalog(lang)
        country._layout_frame(lang)
        coverage._layout_frame(lang)
        overview._map_frame(lang)
        overview._ranking_frame(lang)
        for n in range(len(refs) + 1):
            for chosen in combinations(refs, n):   # the reference lines a view can ask for, in their order
                trends._layout_frame(lang, chosen)
