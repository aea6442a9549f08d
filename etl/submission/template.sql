-- The template's columns (etl/sources/submission_io.py COLUMNS), with no rows: a file may leave optional ones out.
CREATE OR REPLACE TEMP TABLE sub_template (row BIGINT, country VARCHAR, year VARCHAR, indicator VARCHAR,
    value VARCHAR, unit VARCHAR, scope VARCHAR, flags VARCHAR, source_title VARCHAR, source_url VARCHAR, note VARCHAR);
-- A plain number: digits with at most six decimals, which the general rule (etl/sources/submission_cells.py
-- value) reads as the same number, so it is converted here; for a count or a rate '1.234' is not plain
-- (ambiguous: 1234 or 1.234?). Every other value is judged by Python, once per distinct cell.
CREATE OR REPLACE TEMP MACRO plain_number(x, unit) AS CASE
    WHEN NOT regexp_full_match(x, '-?\d{1,15}(\.\d{1,6})?') THEN false
    WHEN unit <> 'percent' THEN NOT regexp_full_match(x, '-?\d{1,3}\.\d{3}')
    ELSE true END;
