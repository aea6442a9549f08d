-- Rows whose key (country, year, indicator, scope, source, vintage, bound) repeats with another value.
WITH r AS (SELECT *, bound_of(flags) AS bound FROM rows),
-- Keys that may hold more than one value, found by grouping on a hash of the key (a collision only costs
-- its rows the exact test below): only their rows need the ordered window.
suspect AS (
    SELECT hash(iso3, year, indicator, scope, source_id, vintage, bound) AS h FROM r
    GROUP BY h HAVING min(value) <> max(value)
),
k AS (
    SELECT *, FIRST_VALUE(value) OVER w AS value_first, FIRST_VALUE(origin) OVER w AS origin_first
    FROM r WHERE hash(iso3, year, indicator, scope, source_id, vintage, bound) IN (SELECT h FROM suspect)
    WINDOW w AS (PARTITION BY iso3, year, indicator, scope, source_id, vintage, bound ORDER BY batch, pos)
)
SELECT origin, value, value_first, origin_first FROM k WHERE value <> value_first ORDER BY batch, pos
