-- One OSCE participating State by $iso3 (no row: no profile): names, our region and its names.
SELECT c.iso3, c.name_en, c.name_ru, c.region, r.name_en AS region_en, r.name_ru AS region_ru, c.is_central_asia
FROM country c
LEFT JOIN region r ON r.code = c.region
WHERE c.iso3 = $iso3 AND c.osce_participating
