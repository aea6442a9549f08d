-- Every source (publisher, title and citation in both languages, kind), with how many dated values it holds for
-- $iso3 (0 = nothing), how many of them are on women, and which indicators.
SELECT src.id, src.kind, src.publisher AS publisher_en, src.publisher_ru, src.title AS title_en, src.title_ru,
       src.url, src.licence, src.citation AS citation_en, src.citation_ru, src.precedence,
       count(s.value) AS n_values,
       count(CASE WHEN i.role IN ('women', 'share', 'share_avg3') THEN 1 END) AS n_on_women,
       -- distinct codes in order, as a list: string_agg(DISTINCT ... ORDER BY ...) is planned as a second grouping
       coalesce(array_to_string(list_sort(list_distinct(list(s.indicator))), ';'), '') AS indicators
FROM source src
LEFT JOIN series s ON s.source_id = src.id AND s.iso3 = $iso3
LEFT JOIN indicator i ON i.code = s.indicator
GROUP BY ALL
ORDER BY src.precedence, src.id
