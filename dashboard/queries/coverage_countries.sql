-- Per OSCE State for $source ('' = all sources): years with any value, years with only flagged values,
-- first and last such year; and, whatever the source chosen, whether any international source (kind, not a
-- national submission) holds a value for it, whether any source holds a dated figure on women (count or share), and how
-- many figures without a year (never charted) it has.
WITH years AS (
    SELECT a.iso3, a.year, bool_or(a.status = 'reported') AS clean
    FROM availability a
    WHERE a.status <> 'missing' AND ($source = '' OR a.source_id = $source)
    GROUP BY a.iso3, a.year
)
SELECT c.iso3,
       CASE WHEN $lang = 'ru' THEN c.name_ru ELSE c.name_en END AS name,
       CASE WHEN $lang = 'ru' THEN r.name_ru ELSE r.name_en END AS region_name,
       r.sort AS region_sort,
       c.is_central_asia,
       count(y.year) AS years_reported,
       count(y.year) FILTER (WHERE NOT y.clean) AS years_flagged,
       min(y.year) AS first_year,
       max(y.year) AS last_year,
       EXISTS (SELECT 1 FROM observation o JOIN source s ON s.id = o.source_id
               WHERE o.iso3 = c.iso3 AND s.kind = 'international') AS international,
       (SELECT count(*) FROM undated_figure u WHERE u.iso3 = c.iso3) AS undated,
       EXISTS (SELECT 1 FROM observation o JOIN indicator i ON i.code = o.indicator
               WHERE o.iso3 = c.iso3 AND i.role IN ('women', 'share', 'share_avg3')) AS women_figure
FROM country c
JOIN region r ON r.code = c.region
LEFT JOIN years y ON y.iso3 = c.iso3
WHERE c.osce_participating
GROUP BY c.iso3, c.name_en, c.name_ru, r.name_en, r.name_ru, r.sort, c.is_central_asia
ORDER BY r.sort, name
