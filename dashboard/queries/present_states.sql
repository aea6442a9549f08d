-- Every OSCE participating State with its preferred women's share of police for $year in $scope (NULL = no
-- figure): iso3, name_en, name_ru, is_central_asia, value.
SELECT c.iso3, c.name_en, c.name_ru, c.is_central_asia, p.value
FROM country c
LEFT JOIN preferred p
       ON p.iso3 = c.iso3 AND p.indicator = 'share_women_police' AND p.bound = '' AND p.year = $year
      AND p.scope = $scope
WHERE c.osce_participating
ORDER BY c.is_central_asia DESC, c.iso3
