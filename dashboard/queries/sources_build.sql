-- The build being served and what was kept apart from the observations (targets, undated figures).
SELECT b.build_id, b.built_at, coalesce(b.git_commit, '') AS git_commit, b.release,
       (SELECT count(*) FROM observation) AS n_observations,
       (SELECT count(*) FROM target) AS n_targets,
       (SELECT count(*) FROM undated_figure) AS n_undated,
       (SELECT min(started) FROM etl_run WHERE build_id = b.build_id) AS started,
       (SELECT max(finished) FROM etl_run WHERE build_id = b.build_id) AS finished
FROM build b
