-- Labels and definitions in $lang of every indicator, scope, flag and region: kind, code, unit, label, definition.
SELECT kind, code, unit, label, definition FROM (
    SELECT 'indicator' AS kind, code, unit,
           CASE WHEN $lang = 'ru' THEN label_ru ELSE label_en END AS label,
           CASE WHEN $lang = 'ru' THEN definition_ru ELSE definition_en END AS definition, sort
    FROM indicator
    UNION ALL
    SELECT 'scope', code, '', CASE WHEN $lang = 'ru' THEN label_ru ELSE label_en END,
           CASE WHEN $lang = 'ru' THEN definition_ru ELSE definition_en END, sort
    FROM scope
    UNION ALL
    SELECT 'flag', code, '', CASE WHEN $lang = 'ru' THEN label_ru ELSE label_en END,
           CASE WHEN $lang = 'ru' THEN definition_ru ELSE definition_en END, sort
    FROM flag
    UNION ALL
    SELECT 'region', code, '', CASE WHEN $lang = 'ru' THEN name_ru ELSE name_en END, '', sort
    FROM region
)
ORDER BY kind, sort, code
