-- Every source with its publisher and title (the line under the chart names the sources drawn).
SELECT id, publisher, title, url, citation, precedence
FROM source
ORDER BY precedence, id
