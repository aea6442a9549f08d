-- OSCE and Central Asia aggregates of the women's share for $year and $scope (zero reporting when no row).
SELECT r.code AS region,
       CASE WHEN $lang = 'ru' THEN r.name_ru ELSE r.name_en END AS name,
       m.n_members,
       coalesce(a.n_reporting, 0) AS n_reporting,
       a.mean_share,
       a.pooled_share,
       coalesce(a.n_pooled, 0) AS n_pooled,
       coalesce(a.members_reporting, '') AS members_reporting
FROM region r
JOIN (SELECT region, count(*) AS n_members FROM region_member GROUP BY region) m ON m.region = r.code
LEFT JOIN region_aggregate a
       ON a.region = r.code AND a.year = $year AND a.scope = $scope AND a.indicator = 'share_women_police'
WHERE r.code IN ('osce', 'central_asia')
ORDER BY r.sort
