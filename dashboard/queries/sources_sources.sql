-- Every source in the chosen language ($lang): kind, provenance, precedence, this build's load counts, values given.
WITH held AS (
    SELECT source_id, count(*) AS n_values, count(DISTINCT iso3) AS n_countries,
           min(year) AS first_year, max(year) AS last_year
    FROM observation GROUP BY source_id
)
SELECT src.id, src.precedence, src.kind,
       CASE WHEN $lang = 'ru' THEN src.publisher_ru ELSE src.publisher END AS publisher,
       CASE WHEN $lang = 'ru' THEN src.title_ru ELSE src.title END AS title,
       coalesce(src.url, '') AS url, coalesce(src.licence, '') AS licence,
       CASE WHEN $lang = 'ru' THEN src.citation_ru ELSE src.citation END AS citation,
       r.rows_read, r.rows_loaded, r.rows_rejected,
       coalesce(held.n_values, 0) AS n_values, coalesce(held.n_countries, 0) AS n_countries,
       held.first_year, held.last_year
FROM source src
LEFT JOIN etl_run r ON r.source_id = src.id AND r.build_id = (SELECT build_id FROM build)
LEFT JOIN held ON held.source_id = src.id
ORDER BY src.precedence, src.id
