-- Observations added, removed and changed per source between the attached old warehouse and this one.
WITH new_obs AS (SELECT iso3, year, indicator, scope, source_id, vintage, bound, value FROM observation),
old_obs AS (SELECT iso3, year, indicator, scope, source_id, vintage, bound, value FROM old.observation),
joined AS (
    SELECT coalesce(n.source_id, o.source_id) AS source_id, n.value AS new_value, o.value AS old_value
    FROM new_obs n FULL OUTER JOIN old_obs o
      ON n.iso3 = o.iso3 AND n.year = o.year AND n.indicator = o.indicator AND n.scope = o.scope
     AND n.source_id = o.source_id AND n.vintage = o.vintage AND n.bound = o.bound
)
SELECT source_id,
       count(*) FILTER (WHERE old_value IS NULL) AS added,
       count(*) FILTER (WHERE new_value IS NULL) AS removed,
       count(*) FILTER (WHERE new_value IS NOT NULL AND old_value IS NOT NULL AND new_value <> old_value) AS changed
FROM joined
GROUP BY source_id
ORDER BY source_id
