-- Codes that are not in data/reference (indicator, scope, and each flag of a ';'-joined list).
WITH bad_flags AS (
    -- Few distinct flag strings even in a million rows: judge each distinct string once.
    SELECT flags, array_to_string(list_filter(string_split(flags, ';'), lambda f: f <> '' AND NOT list_contains(known, f)), ';') AS unknown
    FROM (SELECT DISTINCT flags FROM rows), (SELECT list(code) AS known FROM ref_flag)
)
SELECT * FROM (
    SELECT 1 AS k, batch, pos, origin, 'indicator' AS column, indicator AS value FROM rows ANTI JOIN ind ON ind.code = rows.indicator
    UNION ALL
    SELECT 2, batch, pos, origin, 'scope', scope FROM rows ANTI JOIN ref_scope s ON s.code = rows.scope
    UNION ALL
    SELECT 3, batch, pos, origin, 'flags', b.unknown FROM rows JOIN bad_flags b USING (flags) WHERE b.unknown <> ''
)
ORDER BY k, batch, pos
