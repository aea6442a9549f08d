-- The observation rows matching a filter, read from the warehouse's `ranked` table (every source and vintage;
-- rank 1 = the preferred view), with provenance and display labels in $lang: the download columns plus labels.
-- Filter first, label after: places are resolved to ISO3 codes first, so DuckDB reads only those countries' row
-- groups (`ranked` is sorted by country), and labels are joined to the rows kept, never to the whole table.
-- Lists are VARCHAR[] ($countries, $regions, $indicators, $sources, $scopes, $flags): empty = no restriction.
-- Countries and regions add up (a row passes when its country is listed OR belongs to a listed region).
-- A row passes the flag filter when it carries at least one listed flag.
-- The same rows, columns and order as export_observations.sql filtered in pandas (tests/dashboard: the oracle).
WITH places AS (  -- the countries asked for by code or by region (no row of this table: every country)
    SELECT unnest($countries::VARCHAR[]) AS iso3
    UNION ALL
    SELECT iso3 FROM region_member WHERE list_contains($regions::VARCHAR[], region)
),
kept AS (
    SELECT r.iso3, r.year, r.indicator, r.value, r.scope, r.flags, r.bound, r.source_id, r.vintage, r.citation,
           r.url, r.note, r.rank
    FROM ranked r
    WHERE ((len($countries::VARCHAR[]) = 0 AND len($regions::VARCHAR[]) = 0) OR r.iso3 IN (SELECT iso3 FROM places))
      AND (r.rank = 1 OR NOT $preferred)
      AND (len($indicators::VARCHAR[]) = 0 OR list_contains($indicators::VARCHAR[], r.indicator))
      AND (len($sources::VARCHAR[]) = 0 OR list_contains($sources::VARCHAR[], r.source_id))
      AND (len($scopes::VARCHAR[]) = 0 OR list_contains($scopes::VARCHAR[], r.scope))
      AND (len($flags::VARCHAR[]) = 0 OR list_has_any(string_split(r.flags, ';'), $flags::VARCHAR[]))
      AND r.year >= coalesce($year_from, r.year)
      AND r.year <= coalesce($year_to, r.year)
),
flag_text AS (  -- each distinct flag list of the rows kept -> its labels, in the flags' own order
    SELECT d.flags, string_agg(CASE WHEN $lang = 'ru' THEN f.label_ru ELSE f.label_en END, '; ' ORDER BY f.sort)
               AS flag_labels
    FROM (SELECT DISTINCT flags FROM kept) d
    JOIN flag f ON list_contains(string_split(d.flags, ';'), f.code)
    GROUP BY d.flags
)
SELECT k.iso3,
       CASE WHEN $lang = 'ru' THEN c.name_ru ELSE c.name_en END AS country,
       coalesce(c.region, '') AS region,
       k.year, k.indicator, i.unit, k.value, k.scope, k.flags, k.bound, k.source_id, k.vintage,
       coalesce(nullif(k.citation, ''), src.citation) AS citation,
       coalesce(nullif(k.url, ''), src.url, '') AS url,
       k.note,
       k.rank = 1 AS is_preferred,
       coalesce(CASE WHEN $lang = 'ru' THEN rg.name_ru ELSE rg.name_en END, '') AS region_label,
       CASE WHEN $lang = 'ru' THEN i.label_ru ELSE i.label_en END AS indicator_label,
       CASE WHEN $lang = 'ru' THEN sc.label_ru ELSE sc.label_en END AS scope_label,
       src.publisher || ': ' || src.title AS source_label,
       coalesce(ft.flag_labels, '') AS flag_labels
FROM kept k
JOIN country c ON c.iso3 = k.iso3
JOIN indicator i ON i.code = k.indicator
JOIN scope sc ON sc.code = k.scope
JOIN source src ON src.id = k.source_id
LEFT JOIN region rg ON rg.code = c.region
LEFT JOIN flag_text ft ON ft.flags = k.flags
ORDER BY country, k.iso3, i.sort, sc.sort, k.year, k.rank  -- by name in $lang, as a reader looks for it
