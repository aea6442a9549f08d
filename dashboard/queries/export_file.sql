-- The rows of a download (exports.COLUMNS only, no display labels): export_filter.sql's filter, rows and order.
-- Filter first on `ranked` (sorted by country: only the row groups of the places asked for are read), then the
-- country's name in $lang and the units, sorts and source defaults of the rows kept. Lists are VARCHAR[]:
-- empty = no restriction; countries and regions add up; a row passes the flag filter carrying any listed flag.
-- Kept lean (no label joins, no CTE to plan): planning is most of the cost of a small answer.
SELECT k.iso3,
       CASE WHEN $lang = 'ru' THEN c.name_ru ELSE c.name_en END AS country,
       coalesce(c.region, '') AS region,
       k.year, k.indicator, i.unit, k.value, k.scope, k.flags, k.bound, k.source_id, k.vintage,
       coalesce(nullif(k.citation, ''), src.citation) AS citation,
       coalesce(nullif(k.url, ''), src.url, '') AS url,
       k.note,
       k.rank = 1 AS is_preferred
FROM (
    SELECT r.iso3, r.year, r.indicator, r.value, r.scope, r.flags, r.bound, r.source_id, r.vintage, r.citation,
           r.url, r.note, r.rank
    FROM ranked r
    WHERE ((len($countries::VARCHAR[]) = 0 AND len($regions::VARCHAR[]) = 0)
           OR r.iso3 IN (SELECT unnest($countries::VARCHAR[])
                         UNION ALL
                         SELECT iso3 FROM region_member WHERE list_contains($regions::VARCHAR[], region)))
      AND (r.rank = 1 OR NOT $preferred)
      AND (len($indicators::VARCHAR[]) = 0 OR list_contains($indicators::VARCHAR[], r.indicator))
      AND (len($sources::VARCHAR[]) = 0 OR list_contains($sources::VARCHAR[], r.source_id))
      AND (len($scopes::VARCHAR[]) = 0 OR list_contains($scopes::VARCHAR[], r.scope))
      AND (len($flags::VARCHAR[]) = 0 OR list_has_any(string_split(r.flags, ';'), $flags::VARCHAR[]))
      AND r.year >= coalesce($year_from, r.year)
      AND r.year <= coalesce($year_to, r.year)
) k
JOIN country c ON c.iso3 = k.iso3
JOIN indicator i ON i.code = k.indicator
JOIN scope sc ON sc.code = k.scope
JOIN source src ON src.id = k.source_id
ORDER BY country, k.iso3, i.sort, sc.sort, k.year, k.rank  -- by name in $lang, as a reader looks for it
