-- Every source id with its publisher in both languages (legend and hover texts name the source).
SELECT id, publisher AS publisher_en, publisher_ru
FROM source
ORDER BY precedence, id
