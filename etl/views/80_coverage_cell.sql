-- The coverage matrix's cells, made at build time from `availability`: for every OSCE State x year, per source
-- (source = its id) and for all sources together (source = ''), the cell's status (reported if any source has an
-- unflagged value, flagged if only flagged values, else missing), its number of values, whether one of them is on
-- women (a count or a share), and the indicators, scopes and sources (publishers) it holds, labelled in both
-- languages. A few thousand rows ((sources + 1) x 57 x years):
-- the page reads its cells instead of grouping and labelling availability on every request.
CREATE TABLE coverage_cell AS
WITH picked AS (
    SELECT '' AS source, * FROM availability
    UNION ALL
    SELECT source_id AS source, * FROM availability
),
cells AS (
    SELECT a.source, a.iso3, a.year,
           CASE WHEN bool_or(a.status = 'reported') THEN 'reported'
                WHEN bool_or(a.status = 'flagged') THEN 'flagged' ELSE 'missing' END AS status,
           sum(a.n_values) AS n_values,
           list_filter(flatten(list(string_split(coalesce(a.indicators, ''), ';'))), lambda x: x <> '') AS indicators,
           list_filter(flatten(list(string_split(coalesce(a.scopes, ''), ';'))), lambda x: x <> '') AS scopes,
           list(a.source_id) FILTER (WHERE a.n_values > 0) AS sources
    FROM picked a
    GROUP BY a.source, a.iso3, a.year
)
SELECT cells.source, cells.iso3, cells.year, cells.status, cells.n_values,
       EXISTS (SELECT 1 FROM indicator i WHERE list_contains(cells.indicators, i.code)
                                          AND i.role IN ('women', 'share', 'share_avg3')) AS women,
       (SELECT string_agg(i.label_en, '; ' ORDER BY i.sort)
        FROM indicator i WHERE list_contains(cells.indicators, i.code)) AS indicators_en,
       (SELECT string_agg(i.label_ru, '; ' ORDER BY i.sort)
        FROM indicator i WHERE list_contains(cells.indicators, i.code)) AS indicators_ru,
       (SELECT string_agg(s.label_en, '; ' ORDER BY s.sort)
        FROM scope s WHERE list_contains(cells.scopes, s.code)) AS scopes_en,
       (SELECT string_agg(s.label_ru, '; ' ORDER BY s.sort)
        FROM scope s WHERE list_contains(cells.scopes, s.code)) AS scopes_ru,
       (SELECT string_agg(src.publisher, '; ' ORDER BY src.precedence)
        FROM source src WHERE list_contains(cells.sources, src.id)) AS sources_en,
       (SELECT string_agg(src.publisher_ru, '; ' ORDER BY src.precedence)
        FROM source src WHERE list_contains(cells.sources, src.id)) AS sources_ru
FROM cells
ORDER BY cells.source, cells.iso3, cells.year;
