-- Per OSCE State for $source ('' = all sources): years with any value, years with only flagged values,
-- first and last such year; and, whatever the source chosen, whether any international source (kind, not a
-- national submission) holds a value for it, whether any source holds a dated figure on women (count or share), and how
-- many figures without a year (never charted) it has. Read from coverage_cell (made at build time from availability,
-- which holds every observation's State, year and source), but for the figures without a year.
WITH held AS (
    SELECT k.iso3,
           count(*) FILTER (WHERE k.source = $source AND k.status <> 'missing') AS years_reported,
           count(*) FILTER (WHERE k.source = $source AND k.status = 'flagged') AS years_flagged,
           min(k.year) FILTER (WHERE k.source = $source AND k.status <> 'missing') AS first_year,
           max(k.year) FILTER (WHERE k.source = $source AND k.status <> 'missing') AS last_year,
           bool_or(k.status <> 'missing' AND s.kind = 'international') AS international,
           bool_or(k.source = '' AND k.women) AS women_figure
    FROM coverage_cell k
    LEFT JOIN source s ON s.id = k.source
    GROUP BY k.iso3
),
undated AS (SELECT iso3, count(*) AS n FROM undated_figure GROUP BY iso3)
SELECT c.iso3,
       CASE WHEN $lang = 'ru' THEN c.name_ru ELSE c.name_en END AS name,
       CASE WHEN $lang = 'ru' THEN r.name_ru ELSE r.name_en END AS region_name,
       r.sort AS region_sort,
       c.is_central_asia,
       h.years_reported, h.years_flagged, h.first_year, h.last_year, h.international,
       coalesce(u.n, 0) AS undated,
       h.women_figure
FROM country c
JOIN region r ON r.code = c.region
JOIN held h ON h.iso3 = c.iso3
LEFT JOIN undated u ON u.iso3 = c.iso3
WHERE c.osce_participating
ORDER BY r.sort, name
