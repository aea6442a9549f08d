-- The observation rows of one build (export_observations.sql, held in memory as `observations`) matching a filter.
-- Lists are VARCHAR[] ($countries, $regions, $indicators, $sources, $scopes, $flags): empty = no restriction.
-- Countries and regions add up (a row passes when its country is listed OR belongs to a listed region).
-- A row passes the flag filter when it carries at least one listed flag.
SELECT * EXCLUDE (lang, regions, indicator_sort, scope_sort, rank)
FROM observations
WHERE lang = $lang
  AND (is_preferred OR NOT $preferred)
  AND ((len($countries::VARCHAR[]) = 0 AND len($regions::VARCHAR[]) = 0)
       OR list_contains($countries::VARCHAR[], iso3)
       OR list_has_any(string_split(regions, ';'), $regions::VARCHAR[]))
  AND (len($indicators::VARCHAR[]) = 0 OR list_contains($indicators::VARCHAR[], indicator))
  AND (len($sources::VARCHAR[]) = 0 OR list_contains($sources::VARCHAR[], source_id))
  AND (len($scopes::VARCHAR[]) = 0 OR list_contains($scopes::VARCHAR[], scope))
  AND (len($flags::VARCHAR[]) = 0 OR list_has_any(string_split(flags, ';'), $flags::VARCHAR[]))
  AND year >= coalesce($year_from, year)
  AND year <= coalesce($year_to, year)
ORDER BY country, iso3, indicator_sort, scope_sort, year, rank  -- by name in $lang, as a reader looks for it
