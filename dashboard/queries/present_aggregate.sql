-- The OSCE and Central Asia aggregates of the women's share of police in $scope, every year: region, year,
-- mean_share (unweighted), n_reporting, n_members.
SELECT region, year, mean_share, n_reporting, n_members
FROM region_aggregate
WHERE region IN ('osce', 'central_asia') AND indicator = 'share_women_police' AND scope = $scope
ORDER BY region, year
