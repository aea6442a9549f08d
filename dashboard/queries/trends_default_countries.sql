-- Default countries for /trends in $scope: the Central Asian States with a figure, then the best-covered State
-- of each of the two region groups that follow Central Asia in our grouping's order (its western neighbours).
WITH counts AS (
    SELECT c.iso3, c.region, c.is_central_asia, r.sort, count(*) AS n_years
    FROM osce_share p
    JOIN country c ON c.iso3 = p.iso3
    JOIN region r ON r.code = c.region
    WHERE p.scope = $scope AND p.bound = ''
    GROUP BY c.iso3, c.region, c.is_central_asia, r.sort
),
central_asia AS (
    SELECT min(r.sort) AS sort FROM region r JOIN country c ON c.region = r.code WHERE c.is_central_asia
),
neighbours AS (
    SELECT counts.iso3, counts.sort,
           ROW_NUMBER() OVER (PARTITION BY counts.region ORDER BY counts.n_years DESC, counts.iso3) AS pick
    FROM counts, central_asia
    WHERE NOT counts.is_central_asia AND counts.sort BETWEEN central_asia.sort + 1 AND central_asia.sort + 2
)
SELECT iso3 FROM (
    SELECT iso3, 0 AS sort FROM counts WHERE is_central_asia
    UNION ALL
    SELECT iso3, sort FROM neighbours WHERE pick = 1
)
ORDER BY sort, iso3
