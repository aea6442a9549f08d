-- Regional aggregates of the women's share for $regions in $scope: mean and pooled share with their coverage
-- (n reporting of N members, which members) per year.
SELECT a.region, r.name_en, r.name_ru, r.sort, a.year, a.mean_share, a.pooled_share,
       a.n_reporting, a.n_pooled, a.n_members,
       coalesce(a.members_reporting, '') AS members_reporting, coalesce(a.members_pooled, '') AS members_pooled
FROM region_aggregate a
JOIN region r ON r.code = a.region
WHERE list_contains($regions, a.region) AND a.indicator = 'share_women_police' AND a.scope = $scope
ORDER BY r.sort, a.year
