-- Rows whose key (country, year, indicator, scope, source, vintage, bound) repeats with another value.
WITH r AS (
    SELECT *, CASE WHEN flags LIKE '%lower_bound%' THEN 'lower' WHEN flags LIKE '%upper_bound%' THEN 'upper' ELSE '' END AS bound,
           ROW_NUMBER() OVER () AS pos
    FROM rows
),
k AS (
    SELECT *, FIRST_VALUE(value) OVER w AS value_first, FIRST_VALUE(origin) OVER w AS origin_first
    FROM r
    WINDOW w AS (PARTITION BY iso3, year, indicator, scope, source_id, vintage, bound ORDER BY pos)
)
SELECT origin, value, value_first, origin_first FROM k WHERE value <> value_first ORDER BY pos
