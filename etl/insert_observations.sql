-- All sources' staged rows, sorted by key; an exact repeat (same key and value) is stored once (the first by
-- origin). Repeats are rare: a hash aggregate finds the keys given more than once (a hash collision only costs
-- its rows the exact window), and only their rows are numbered.
INSERT INTO observation
WITH s AS (
    SELECT *, bound_of(flags) AS bound,
           hash(iso3, year, indicator, scope, source_id, vintage, bound_of(flags)) AS h
    FROM staged
),
repeated AS (SELECT h FROM s GROUP BY h HAVING count(*) > 1)
SELECT iso3, year, indicator, value, scope, flags, bound, note, source_id, vintage, citation, url, snapshot_id, origin
FROM (
    SELECT * FROM s WHERE h NOT IN (SELECT h FROM repeated)
    UNION ALL
    SELECT * EXCLUDE (nth) FROM (
        SELECT *, ROW_NUMBER() OVER (
            PARTITION BY iso3, year, indicator, scope, source_id, vintage, bound, value ORDER BY origin) AS nth
        FROM s WHERE h IN (SELECT h FROM repeated)
    ) WHERE nth = 1
)
ORDER BY iso3, year, indicator, scope, source_id, vintage, bound
