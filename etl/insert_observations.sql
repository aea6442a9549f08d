-- All sources' rows, sorted by key; an exact repeat (same key and value) is stored once.
INSERT INTO observation
SELECT iso3, year, indicator, value, scope, flags, bound, note, source_id, vintage, citation, url, snapshot_id, origin
FROM (
    SELECT *, ROW_NUMBER() OVER (
        PARTITION BY iso3, year, indicator, scope, source_id, vintage, bound, value ORDER BY origin) AS nth
    FROM incoming
)
WHERE nth = 1
ORDER BY iso3, year, indicator, scope, source_id, vintage, bound
