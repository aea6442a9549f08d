-- Per scope: $iso3's latest preferred women's share and its rank among the OSCE States reporting that year in
-- that scope (1 = highest share), with how many reported and how many participating States there are.
WITH shares AS (
    SELECT iso3, year, scope, value FROM osce_share WHERE bound = ''
),
latest AS (
    SELECT scope, max(year) AS year FROM shares WHERE iso3 = $iso3 GROUP BY scope
),
placed AS (
    SELECT s.iso3, s.year, s.scope, s.value,
           RANK() OVER (PARTITION BY s.scope ORDER BY s.value DESC) AS position,
           COUNT(*) OVER (PARTITION BY s.scope) AS n_reporting
    FROM shares s JOIN latest l ON l.scope = s.scope AND l.year = s.year
)
SELECT p.scope, sc.label_en AS scope_en, sc.label_ru AS scope_ru, p.year, p.value, p.position, p.n_reporting,
       (SELECT count(*) FROM country WHERE osce_participating) AS n_states
FROM placed p JOIN scope sc ON sc.code = p.scope
WHERE p.iso3 = $iso3
ORDER BY sc.sort
