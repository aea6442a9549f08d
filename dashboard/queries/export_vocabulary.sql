-- Every code a filter may name (whitelists for URL and API parameters), in display order: kind, code.
SELECT kind, code FROM (
    SELECT 'country' AS kind, iso3 AS code, 0 AS sort FROM country
    UNION ALL SELECT 'region', code, sort FROM region
    UNION ALL SELECT 'indicator', code, sort FROM indicator
    UNION ALL SELECT 'source', id, precedence FROM source
    UNION ALL SELECT 'scope', code, sort FROM scope
    UNION ALL SELECT 'flag', code, sort FROM flag
)
ORDER BY kind, sort, code
