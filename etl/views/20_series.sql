-- Every value once, shares from the share view, with our possible-break check and the previous vintage's value.
-- A table made at build time, not a view: the window functions cost seconds per query at a million rows
-- (bench/README.md). Sorted by country so a profile reads only that country's row groups.
CREATE TABLE series AS
WITH v AS (
    SELECT iso3, year, indicator, scope, source_id, vintage, bound, value, women, total, method,
           flags, note, citation, url, origin
    FROM share
    UNION ALL
    SELECT o.iso3, o.year, o.indicator, o.scope, o.source_id, o.vintage, o.bound, o.value,
           NULL, NULL, 'reported', o.flags, o.note, o.citation, o.url, o.origin
    FROM observation o JOIN indicator i ON i.code = o.indicator
    WHERE i.role NOT IN ('share', 'share_avg3')
),
-- Only a source with several vintages can have a previous vintage's value: the window over vintages runs on
-- its rows alone (every other row would be alone in its partition, with no previous value).
revised AS (SELECT source_id FROM v GROUP BY source_id HAVING count(DISTINCT vintage) > 1),
vintaged AS (
    SELECT v.*, LAG(value) OVER (PARTITION BY iso3, year, indicator, scope, source_id, bound ORDER BY vintage)
               AS previous_vintage_value
    FROM v SEMI JOIN revised USING (source_id)
    UNION ALL
    SELECT v.*, NULL FROM v ANTI JOIN revised USING (source_id)
),
checked AS (
    SELECT v.*, i.role,
           LAG(value) OVER w AS previous_value,
           LAG(year) OVER w AS previous_year
    FROM vintaged v JOIN indicator i ON i.code = v.indicator
    WINDOW w AS (PARTITION BY iso3, indicator, scope, source_id, vintage, bound ORDER BY year)
)
SELECT iso3, year, indicator, scope, source_id, vintage, bound, value, women, total, method,
       CASE WHEN role = 'share' AND previous_value IS NOT NULL AND abs(value - previous_value) >= 5
                 AND flags NOT LIKE '%possible_break%'
            THEN array_to_string(list_sort(list_filter(string_split(flags, ';') || ['possible_break'],
                                                       lambda x: x <> '')), ';')
            ELSE flags END AS flags,
       note, citation, url, origin, previous_year, previous_vintage_value
FROM checked
ORDER BY iso3, indicator, scope, year, source_id, vintage, bound;
