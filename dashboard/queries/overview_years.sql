-- Years in which OSCE States report a women's share of police in $scope: year, n_reporting, n_members,
-- members_reporting (';'-joined ISO3).
SELECT year, n_reporting, n_members, members_reporting
FROM region_aggregate
WHERE region = 'osce' AND indicator = 'share_women_police' AND scope = $scope
ORDER BY year
