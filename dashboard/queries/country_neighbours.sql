-- For comparison: the preferred women's share of the other States in $iso3's region group, every scope.
SELECT p.iso3, c.name_en, c.name_ru, p.scope, s.label_en AS scope_en, s.label_ru AS scope_ru,
       p.year, p.value, p.flags, p.source_id, p.vintage
FROM osce_share p
JOIN country c ON c.iso3 = p.iso3
JOIN scope s ON s.code = p.scope
WHERE p.bound = '' AND p.iso3 <> $iso3 AND c.region = (SELECT region FROM country WHERE iso3 = $iso3)
ORDER BY c.iso3, s.sort, p.year
