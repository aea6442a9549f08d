-- Women counts above the total for the same country, year, scope, source, vintage and rank group (exact values only).
WITH r AS (
    SELECT t.*, i.grp, i.role FROM rows t JOIN ind i ON i.code = t.indicator
    WHERE t.flags NOT LIKE '%lower_bound%' AND t.flags NOT LIKE '%upper_bound%' AND i.role IN ('women', 'total')
)
SELECT w.origin, w.value, t.value AS value_total, t.origin AS origin_total
FROM r w JOIN r t
  ON w.role = 'women' AND t.role = 'total' AND w.grp = t.grp AND w.iso3 = t.iso3 AND w.year = t.year
 AND w.scope = t.scope AND w.source_id = t.source_id AND w.vintage = t.vintage
WHERE w.value > t.value
ORDER BY w.origin
