-- Sources for the selector: id, publisher and title in $lang, international (kind: an international file, not a
-- national submission), n_values held.
SELECT s.id,
       CASE WHEN $lang = 'ru' THEN s.publisher_ru ELSE s.publisher END AS publisher,
       CASE WHEN $lang = 'ru' THEN s.title_ru ELSE s.title END AS title,
       s.kind = 'international' AS international,
       (SELECT count(*) FROM observation o WHERE o.source_id = s.id) AS n_values
FROM source s
ORDER BY s.precedence, s.id
