-- Choices for the explorer's filters in $lang: kind, code, label (countries by name; others in their own order).
SELECT kind, code, label FROM (
    SELECT 'country' AS kind, iso3 AS code, CASE WHEN $lang = 'ru' THEN name_ru ELSE name_en END AS label,
           0 AS sort FROM country
    UNION ALL
    SELECT 'region', code, CASE WHEN $lang = 'ru' THEN name_ru ELSE name_en END, sort FROM region
    UNION ALL
    SELECT 'indicator', code, CASE WHEN $lang = 'ru' THEN label_ru ELSE label_en END, sort FROM indicator
    UNION ALL
    SELECT 'source', id, publisher || ': ' || title, precedence FROM source
    UNION ALL
    SELECT 'scope', code, CASE WHEN $lang = 'ru' THEN label_ru ELSE label_en END, sort FROM scope
    UNION ALL
    SELECT 'flag', code, CASE WHEN $lang = 'ru' THEN label_ru ELSE label_en END, sort FROM flag
    UNION ALL
    SELECT DISTINCT 'year', CAST(year AS VARCHAR), CAST(year AS VARCHAR), year FROM observation
)
ORDER BY kind, sort, label
