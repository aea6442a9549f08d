-- A CSV file etl/sources/submission_csv.py found regular -> every record as text, one column per header position.
CREATE OR REPLACE TEMP TABLE sub_file AS
SELECT * FROM read_csv($path, header = false, columns = $columns, auto_detect = false, delim = $delim,
                       quote = '"', escape = '"', strict_mode = true, null_padding = false)
