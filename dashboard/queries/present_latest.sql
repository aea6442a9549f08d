-- The latest preferred women's share of police (exact, not a bound) of each State in $countries in $scope:
-- iso3, name_en, name_ru, is_central_asia, year, value. States without a figure have no row.
SELECT c.iso3, c.name_en, c.name_ru, c.is_central_asia, p.year, p.value
FROM preferred p
JOIN country c ON c.iso3 = p.iso3
WHERE list_contains($countries, p.iso3) AND p.indicator = 'share_women_police' AND p.scope = $scope
  AND p.bound = ''
QUALIFY ROW_NUMBER() OVER (PARTITION BY p.iso3 ORDER BY p.year DESC) = 1
ORDER BY c.iso3
