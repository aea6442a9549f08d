-- Sources for the selector: id, publisher and title in $lang, international (kind: an international file, not a
-- national submission), n_values held (the observations this build loaded from it: etl_run.rows_loaded, counted
-- at build time; every run of a source holds the same count).
SELECT s.id,
       CASE WHEN $lang = 'ru' THEN s.publisher_ru ELSE s.publisher END AS publisher,
       CASE WHEN $lang = 'ru' THEN s.title_ru ELSE s.title END AS title,
       s.kind = 'international' AS international,
       coalesce((SELECT max(e.rows_loaded) FROM etl_run e WHERE e.source_id = s.id), 0) AS n_values
FROM source s
ORDER BY s.precedence, s.id
