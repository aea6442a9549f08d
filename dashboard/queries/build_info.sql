-- The build being served: id, time, git commit, release label.
SELECT build_id, built_at, git_commit, release FROM build
