-- Every source, with how many dated values it holds for $iso3 (0 = nothing) and how many are on women.
SELECT src.id, src.publisher, src.title, src.url, src.licence, src.citation, src.precedence,
       count(s.value) AS n_values,
       count(CASE WHEN i.role IN ('women', 'share', 'share_avg3') THEN 1 END) AS n_on_women,
       coalesce(string_agg(DISTINCT s.indicator, ';' ORDER BY s.indicator), '') AS indicators
FROM source src
LEFT JOIN series s ON s.source_id = src.id AND s.iso3 = $iso3
LEFT JOIN indicator i ON i.code = s.indicator
GROUP BY src.id, src.publisher, src.title, src.url, src.licence, src.citation, src.precedence
ORDER BY src.precedence, src.id
