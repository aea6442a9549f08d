-- Every OSCE participating State with the latest year of any dated figure on women in police (share or count,
-- any scope; NULL = none ever), how many years it has, and how many undated figures: iso3, name_en, name_ru,
-- is_central_asia, latest_year, n_years, n_undated.
WITH dated AS (
    SELECT p.iso3, max(p.year) AS latest_year, count(DISTINCT p.year) AS n_years
    FROM preferred p JOIN indicator i ON i.code = p.indicator AND i.role IN ('share', 'women')
    GROUP BY p.iso3
),
undated AS (
    SELECT u.iso3, count(*) AS n_undated
    FROM undated_figure u JOIN indicator i ON i.code = u.indicator AND i.role IN ('share', 'women')
    GROUP BY u.iso3
)
SELECT c.iso3, c.name_en, c.name_ru, c.is_central_asia, d.latest_year, coalesce(d.n_years, 0) AS n_years,
       coalesce(u.n_undated, 0) AS n_undated
FROM country c
LEFT JOIN dated d ON d.iso3 = c.iso3
LEFT JOIN undated u ON u.iso3 = c.iso3
WHERE c.osce_participating
ORDER BY c.is_central_asia DESC, c.iso3
