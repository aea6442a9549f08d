-- Every indicator, scope and flag in the chosen language ($lang) with the values held (series view, scanned once).
-- kind: 'indicator' | 'scope' | 'flag'; unit only for indicators; flag counts include our own checks.
WITH s AS MATERIALIZED (SELECT indicator, scope, flags FROM series),
held AS (
    SELECT 'indicator' AS kind, indicator AS code, count(*) AS n FROM s GROUP BY indicator
    UNION ALL
    SELECT 'scope', scope, count(*) FROM s GROUP BY scope
    UNION ALL
    SELECT 'flag', flag, count(*)
    FROM (SELECT unnest(string_split(flags, ';')) AS flag FROM s WHERE flags <> '') GROUP BY flag
),
defs AS (
    SELECT 'indicator' AS kind, code, unit, label_en, label_ru, definition_en, definition_ru, sort FROM indicator
    UNION ALL
    SELECT 'scope', code, NULL, label_en, label_ru, definition_en, definition_ru, sort FROM scope
    UNION ALL
    SELECT 'flag', code, NULL, label_en, label_ru, definition_en, definition_ru, sort FROM flag
)
SELECT d.kind, d.code, d.unit,
       CASE WHEN $lang = 'ru' THEN d.label_ru ELSE d.label_en END AS label,
       CASE WHEN $lang = 'ru' THEN d.definition_ru ELSE d.definition_en END AS definition,
       coalesce(h.n, 0) AS n_values
FROM defs d LEFT JOIN held h ON h.kind = d.kind AND h.code = d.code
ORDER BY d.kind, d.sort, d.code
