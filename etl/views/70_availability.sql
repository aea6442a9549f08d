-- Data availability for every OSCE State x year x source: reported, flagged or missing.
-- A table made at build time: the full country x year x source grid, read by the coverage page.
CREATE TABLE availability AS
WITH years AS (
    SELECT unnest(range(min(year), max(year) + 1)) AS year FROM observation
),
cells AS (
    SELECT iso3, year, source_id, count(*) AS n_values,
           bool_or(string_split(flags, ';') && ['estimated', 'provisional', 'break_in_series', 'possible_break',
               'approximate', 'lower_bound', 'upper_bound', 'ambiguous', 'inconsistent', 'low_reliability',
               'definition_differs', 'year_inferred', 'year_of_publication']) AS flagged,
           string_agg(DISTINCT indicator, ';' ORDER BY indicator) AS indicators,
           string_agg(DISTINCT scope, ';' ORDER BY scope) AS scopes
    FROM series
    GROUP BY iso3, year, source_id
)
SELECT c.iso3, y.year, s.id AS source_id,
       coalesce(cells.n_values, 0) AS n_values,
       CASE WHEN cells.n_values IS NULL THEN 'missing'
            WHEN cells.flagged THEN 'flagged' ELSE 'reported' END AS status,
       cells.indicators, cells.scopes
FROM country c CROSS JOIN years y CROSS JOIN source s
LEFT JOIN cells ON cells.iso3 = c.iso3 AND cells.year = y.year AND cells.source_id = s.id
WHERE c.osce_participating
ORDER BY c.iso3, y.year, s.id;
