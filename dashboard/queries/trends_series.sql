-- The preferred women's share per year for $countries (OSCE participating States: the page's whitelist) in $scope:
-- one row per country-year (a bound only when no exact figure exists), with flags, source, vintage and note.
SELECT p.iso3, c.name_en, c.name_ru, p.year, p.value, p.bound, p.flags, p.source_id, p.vintage, p.note,
       p.n_alternatives
FROM osce_share p
JOIN country c ON c.iso3 = p.iso3
WHERE list_contains($countries, p.iso3) AND p.scope = $scope
ORDER BY p.iso3, p.year
