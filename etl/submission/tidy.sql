-- The rows without a failing cell -> staged tidy rows (etl/tidy.py), numbered by their row in the file.
CREATE OR REPLACE TEMP VIEW sub_input AS SELECT * FROM sub_cells;
INSERT INTO staged
SELECT $batch, row, p_country, CAST(p_year AS BIGINT), p_indicator, p_value, p_scope, p_flags, p_note,
       $source_id, '', p_source_title, p_source_url, $file || ':' || row, $snapshot_id
FROM sub_parsed WHERE row NOT IN (SELECT row FROM sub_problems)
