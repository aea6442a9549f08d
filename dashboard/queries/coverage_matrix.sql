-- Availability of every OSCE State x year for $source ('' = all sources): status (reported if any source has
-- an unflagged value, flagged if only flagged values, else missing), number of values, and the indicators,
-- scopes and sources (publishers) held in the cell, labelled in $lang (cells made at build time: coverage_cell).
-- Rows ordered by our region (Central Asia first).
SELECT c.iso3,
       CASE WHEN $lang = 'ru' THEN c.name_ru ELSE c.name_en END AS name,
       c.region,
       CASE WHEN $lang = 'ru' THEN r.name_ru ELSE r.name_en END AS region_name,
       r.sort AS region_sort,
       c.is_central_asia,
       cells.year, cells.status, cells.n_values,
       CASE WHEN $lang = 'ru' THEN cells.indicators_ru ELSE cells.indicators_en END AS indicators,
       CASE WHEN $lang = 'ru' THEN cells.scopes_ru ELSE cells.scopes_en END AS scopes,
       CASE WHEN $lang = 'ru' THEN cells.sources_ru ELSE cells.sources_en END AS sources
FROM coverage_cell cells
JOIN country c ON c.iso3 = cells.iso3
JOIN region r ON r.code = c.region
WHERE cells.source = $source
ORDER BY r.sort, name, cells.year
