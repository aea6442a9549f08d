-- Every source with its publisher and title in both languages (the line under the chart names the sources drawn).
SELECT id, publisher AS publisher_en, publisher_ru, title AS title_en, title_ru, url, precedence
FROM source
ORDER BY precedence, id
