-- Availability of every OSCE State x year for $source ('' = all sources): status (reported if any source has
-- an unflagged value, flagged if only flagged values, else missing), number of values, and the indicators,
-- scopes and sources (publishers) held in the cell, labelled in $lang. Rows ordered by our region (Central Asia first).
WITH cells AS (
    SELECT a.iso3, a.year,
           CASE WHEN bool_or(a.status = 'reported') THEN 'reported'
                WHEN bool_or(a.status = 'flagged') THEN 'flagged' ELSE 'missing' END AS status,
           sum(a.n_values) AS n_values,
           list_filter(flatten(list(string_split(coalesce(a.indicators, ''), ';'))), lambda x: x <> '') AS indicators,
           list_filter(flatten(list(string_split(coalesce(a.scopes, ''), ';'))), lambda x: x <> '') AS scopes,
           list(a.source_id) FILTER (WHERE a.n_values > 0) AS sources
    FROM availability a
    WHERE $source = '' OR a.source_id = $source
    GROUP BY a.iso3, a.year
)
SELECT c.iso3,
       CASE WHEN $lang = 'ru' THEN c.name_ru ELSE c.name_en END AS name,
       c.region,
       CASE WHEN $lang = 'ru' THEN r.name_ru ELSE r.name_en END AS region_name,
       r.sort AS region_sort,
       c.is_central_asia,
       cells.year, cells.status, cells.n_values,
       (SELECT string_agg(CASE WHEN $lang = 'ru' THEN i.label_ru ELSE i.label_en END, '; ' ORDER BY i.sort)
        FROM indicator i WHERE list_contains(cells.indicators, i.code)) AS indicators,
       (SELECT string_agg(CASE WHEN $lang = 'ru' THEN s.label_ru ELSE s.label_en END, '; ' ORDER BY s.sort)
        FROM scope s WHERE list_contains(cells.scopes, s.code)) AS scopes,
       (SELECT string_agg(CASE WHEN $lang = 'ru' THEN src.publisher_ru ELSE src.publisher END, '; '
                          ORDER BY src.precedence)
        FROM source src WHERE list_contains(cells.sources, src.id)) AS sources
FROM cells
JOIN country c ON c.iso3 = cells.iso3
JOIN region r ON r.code = c.region
ORDER BY r.sort, name, cells.year
