-- Sources for the selector: id, publisher, title, international (not a national submission), n_values held.
SELECT s.id, s.publisher, s.title,
       s.id NOT LIKE 'submission:%' AS international,  -- national submissions are ids 'submission:<file>'
       (SELECT count(*) FROM observation o WHERE o.source_id = s.id) AS n_values
FROM source s
ORDER BY s.precedence, s.id
