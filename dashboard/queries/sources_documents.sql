-- Documents cited figure by figure (national submissions, targets, undated figures): link, counts, countries in $lang.
WITH cited AS (
    SELECT citation, url, iso3, year, 'observation' AS kind FROM observation WHERE citation <> ''
    UNION ALL
    SELECT citation, url, iso3, NULL, 'undated' FROM undated_figure WHERE citation <> ''
    UNION ALL
    SELECT citation, url, iso3, NULL, 'target' FROM target WHERE citation <> ''
)
SELECT d.citation, d.url,
       count(*) FILTER (WHERE d.kind = 'observation') AS n_figures,
       count(*) FILTER (WHERE d.kind = 'undated') AS n_undated,
       count(*) FILTER (WHERE d.kind = 'target') AS n_targets,
       min(d.year) AS first_year, max(d.year) AS last_year,
       string_agg(DISTINCT CASE WHEN $lang = 'ru' THEN c.name_ru ELSE c.name_en END, ', '
                  ORDER BY CASE WHEN $lang = 'ru' THEN c.name_ru ELSE c.name_en END) AS countries
FROM cited d
JOIN country c ON c.iso3 = d.iso3
GROUP BY d.citation, d.url
ORDER BY countries, d.citation
