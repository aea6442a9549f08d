-- One submission's working tables, once its rows are staged.
DROP VIEW IF EXISTS sub_parsed;
DROP TABLE IF EXISTS sub_problems;
DROP VIEW IF EXISTS sub_input;
DROP TABLE IF EXISTS sub_suspect;
DROP VIEW IF EXISTS sub_cells;
DROP TABLE IF EXISTS sub_skip;
DROP VIEW IF EXISTS sub_raw;
DROP TABLE IF EXISTS sub_file;
