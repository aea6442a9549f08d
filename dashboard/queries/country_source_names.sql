-- Every source id with its publisher (legend and hover texts name the source).
SELECT id, publisher
FROM source
ORDER BY precedence, id
