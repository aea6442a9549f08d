-- How many rows of a filter fall in each bucket of the explorer grid's order, and the first row of each (from 0):
-- a block of the grid is then read from the buckets it falls in alone (explorer_page.sql with the filter narrowed
-- to them, dashboard/explorer_grid.py), not by sorting every row of the filter.
-- A bucket is a run of rows that the grid's order for ($sort_by, $sort_desc) keeps together, named by the codes
-- that narrow the filter to it (`members`, ';'-joined: a text column is remembered and read back fast):
--   $bucket = 'country'   one country (the default order, and sorts by country, ISO3 or region)
--   $bucket = 'year'      one year (sort by year)
--   $bucket = 'indicator' one indicator (sort by indicator)     $bucket = 'unit'   a unit's indicators (by unit)
--   $bucket = 'scope'     one scope (sort by scope)             $bucket = 'source' the sources of one label
--   $bucket = 'value'     a range of values holding about $run_rows rows (sort by value; `lo`, `hi`: its ends)
-- The keys are explorer_page.sql's (label positions in $lang, ties by code); $unit_order as there.
-- The filter is export_filter.sql's (same parameters, same rows). Every row of `ranked` has its country,
-- indicator, scope and source (etl/integrity.sql), so counting needs no join. With $bucket = 'country' and
-- $sort_by = '' the buckets also give the filter's row count and the countries that have rows.
WITH places AS (  -- the countries asked for by code or by region (no row of this table: every country)
    SELECT unnest($countries::VARCHAR[]) AS iso3
    UNION ALL
    SELECT iso3 FROM region_member WHERE list_contains($regions::VARCHAR[], region)
),
kept AS (
    SELECT r.iso3, r.year, r.indicator, r.scope, r.source_id, r.value
    FROM ranked r
    WHERE ((len($countries::VARCHAR[]) = 0 AND len($regions::VARCHAR[]) = 0) OR r.iso3 IN (SELECT iso3 FROM places))
      AND (r.rank = 1 OR NOT $preferred)
      AND (len($indicators::VARCHAR[]) = 0 OR list_contains($indicators::VARCHAR[], r.indicator))
      AND (len($sources::VARCHAR[]) = 0 OR list_contains($sources::VARCHAR[], r.source_id))
      AND (len($scopes::VARCHAR[]) = 0 OR list_contains($scopes::VARCHAR[], r.scope))
      AND (len($flags::VARCHAR[]) = 0 OR list_has_any(string_split(r.flags, ';'), $flags::VARCHAR[]))
      AND r.year >= coalesce($year_from, r.year)
      AND r.year <= coalesce($year_to, r.year)
),
value_runs AS (  -- each distinct value in a run of about $run_rows rows (a value's rows never split)
    SELECT value, n, ((sum(n) OVER (ORDER BY value ROWS UNBOUNDED PRECEDING) - n) // $run_rows)::BIGINT AS run
    FROM (SELECT value, count(*) AS n FROM kept WHERE $bucket = 'value' GROUP BY value)
),
counted AS (  -- one branch runs: the others are empty
    SELECT iso3 AS code, count(*) AS n, NULL::DOUBLE AS lo, NULL::DOUBLE AS hi
    FROM kept WHERE $bucket = 'country' GROUP BY iso3
    UNION ALL
    SELECT year::VARCHAR, count(*), NULL, NULL FROM kept WHERE $bucket = 'year' GROUP BY year
    UNION ALL
    SELECT indicator, count(*), NULL, NULL FROM kept WHERE $bucket IN ('indicator', 'unit') GROUP BY indicator
    UNION ALL
    SELECT scope, count(*), NULL, NULL FROM kept WHERE $bucket = 'scope' GROUP BY scope
    UNION ALL
    SELECT source_id, count(*), NULL, NULL FROM kept WHERE $bucket = 'source' GROUP BY source_id
    UNION ALL
    SELECT run::VARCHAR, sum(n), min(value), max(value) FROM value_runs GROUP BY run
),
-- Positions of labels in $lang, as in explorer_page.sql.
country_pos AS (
    SELECT c.iso3,
           row_number() OVER (ORDER BY CASE WHEN $lang = 'ru' THEN c.name_ru ELSE c.name_en END, c.iso3) AS by_name,
           dense_rank() OVER (ORDER BY coalesce(CASE WHEN $lang = 'ru' THEN rg.name_ru ELSE rg.name_en END, ''))
               AS by_region
    FROM country c LEFT JOIN region rg ON rg.code = c.region
    WHERE $bucket = 'country'
),
indicator_pos AS (
    SELECT code, unit,
           row_number() OVER (ORDER BY CASE WHEN $lang = 'ru' THEN label_ru ELSE label_en END, code) AS by_label
    FROM indicator
),
scope_pos AS (
    SELECT code, row_number() OVER (ORDER BY CASE WHEN $lang = 'ru' THEN label_ru ELSE label_en END, code) AS by_label
    FROM scope
),
source_pos AS (
    SELECT id, dense_rank() OVER (ORDER BY publisher || ': ' || title) AS by_label FROM source
),
keyed AS (  -- each code's sort key (a number, or a text) and, for countries, the position of its name
    SELECT n.code, n.n, n.lo, n.hi, cp.by_name,
           CASE $bucket WHEN 'country' THEN CASE $sort_by WHEN 'country' THEN cp.by_name
                                                          WHEN 'region' THEN cp.by_region END
                        WHEN 'year' THEN TRY_CAST(n.code AS INTEGER)
                        WHEN 'indicator' THEN ip.by_label
                        WHEN 'unit' THEN list_position($unit_order::VARCHAR[], ip.unit)
                        WHEN 'scope' THEN sp.by_label
                        WHEN 'source' THEN so.by_label
                        WHEN 'value' THEN TRY_CAST(n.code AS BIGINT)
           END::DOUBLE AS number_key,
           CASE WHEN $bucket = 'country' AND $sort_by = 'iso3' THEN n.code END AS text_key
    FROM counted n
    LEFT JOIN country_pos cp ON cp.iso3 = n.code
    LEFT JOIN indicator_pos ip ON ip.code = n.code AND $bucket IN ('indicator', 'unit')
    LEFT JOIN scope_pos sp ON sp.code = n.code AND $bucket = 'scope'
    LEFT JOIN source_pos so ON so.id = n.code AND $bucket = 'source'
),
buckets AS (  -- codes with one key make one bucket (a unit's indicators, sources of one label)
    SELECT min(code) AS code, string_agg(code, ';' ORDER BY code) AS members, sum(n)::BIGINT AS n,
           min(lo) AS lo, max(hi) AS hi, number_key, text_key, by_name
    FROM keyed
    GROUP BY number_key, text_key, by_name
)
SELECT code, members, n, lo, hi,
       (sum(n) OVER (ORDER BY CASE WHEN $sort_desc THEN -number_key ELSE number_key END NULLS LAST,
                              CASE WHEN NOT $sort_desc THEN text_key END ASC NULLS LAST,
                              CASE WHEN $sort_desc THEN text_key END DESC NULLS LAST,
                              by_name
                     ROWS UNBOUNDED PRECEDING) - n)::BIGINT AS first_row
FROM buckets
ORDER BY first_row
