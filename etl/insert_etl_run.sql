-- One row per source of this build, with the rows actually loaded and the rest counted as rejected.
INSERT INTO etl_run
SELECT r.build_id, r.source_id, r.started, r.finished, r.git_commit, r.rows_read,
       coalesce(o.n, 0) AS rows_loaded, r.rows_read - coalesce(o.n, 0) AS rows_rejected
FROM runs r
LEFT JOIN (SELECT source_id, count(*) AS n FROM observation GROUP BY source_id) o USING (source_id)
ORDER BY r.source_id
