-- Every OSCE participating State with the number of associations recorded for it (0: none found in the sources
-- read), Central Asia first, then by our region grouping; names in the chosen language ($lang).
SELECT c.iso3,
       CASE WHEN $lang = 'ru' THEN c.name_ru ELSE c.name_en END AS name,
       c.region,
       CASE WHEN $lang = 'ru' THEN r.name_ru ELSE r.name_en END AS region_name,
       c.is_central_asia,
       count(a.iso3) AS n_associations
FROM country c
JOIN region r ON r.code = c.region
LEFT JOIN association a ON a.iso3 = c.iso3
WHERE c.osce_participating
GROUP BY c.iso3, c.name_en, c.name_ru, c.region, r.name_en, r.name_ru, r.sort, c.is_central_asia
ORDER BY NOT c.is_central_asia, r.sort, name
