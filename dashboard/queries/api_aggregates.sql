-- Regional aggregates (region_aggregate view) matching a filter: empty lists ($regions, $indicators, $scopes) = all.
SELECT a.region, a.year, a.indicator, a.scope, a.mean_share, a.n_reporting, a.n_members,
       a.pooled_share, a.n_pooled, a.women, a.total, a.members_reporting, coalesce(a.members_pooled, '') AS members_pooled
FROM region_aggregate a
JOIN region r ON r.code = a.region
JOIN indicator i ON i.code = a.indicator
JOIN scope sc ON sc.code = a.scope
WHERE (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], a.region))
  AND (len($indicators::VARCHAR[]) = 0 OR list_contains($indicators::VARCHAR[], a.indicator))
  AND (len($scopes::VARCHAR[]) = 0 OR list_contains($scopes::VARCHAR[], a.scope))
  AND a.year >= coalesce($year_from, a.year)
  AND a.year <= coalesce($year_to, a.year)
ORDER BY r.sort, i.sort, sc.sort, a.year
