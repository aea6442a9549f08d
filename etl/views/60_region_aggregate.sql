-- Regional aggregates per year and scope: pooled Σwomen/Σtotal (where counts exist) and unweighted mean of shares.
-- A table made at build time (a few hundred rows per scope), sorted for the pages' lookups.
CREATE TABLE region_aggregate AS
WITH members AS (
    SELECT region, count(*) AS n_members FROM region_member GROUP BY region
),
shares AS (
    SELECT m.region, p.iso3, p.year, p.indicator, p.scope, p.value, p.women, p.total
    FROM preferred p
    JOIN region_member m ON m.iso3 = p.iso3
    JOIN indicator i ON i.code = p.indicator AND i.role = 'share'
    WHERE p.bound = ''
)
SELECT s.region, s.year, s.indicator, s.scope,
       round(avg(s.value), 6) AS mean_share,
       count(*) AS n_reporting,
       mb.n_members,
       round(100.0 * sum(s.women) / nullif(sum(s.total), 0), 6) AS pooled_share,
       count(s.total) AS n_pooled,
       sum(s.women) AS women,
       sum(s.total) AS total,
       string_agg(s.iso3, ';' ORDER BY s.iso3) AS members_reporting,
       string_agg(CASE WHEN s.total IS NOT NULL THEN s.iso3 END, ';' ORDER BY s.iso3) AS members_pooled
FROM shares s JOIN members mb ON mb.region = s.region
GROUP BY s.region, s.year, s.indicator, s.scope, mb.n_members
ORDER BY s.indicator, s.scope, s.region, s.year;
