-- A build's staging area, in temporary tables of the connection that writes the new warehouse (temporary
-- objects are never stored in the file): every input's tidy rows, one batch per input, in reading order.
CREATE OR REPLACE TEMP TABLE staged (
    batch        INTEGER NOT NULL,   -- one per input file or frame
    pos          BIGINT NOT NULL,    -- reading order within the batch (the row number for a submission)
    iso3         VARCHAR,
    year         BIGINT,
    indicator    VARCHAR,
    value        DOUBLE,
    scope        VARCHAR,
    flags        VARCHAR,
    note         VARCHAR,
    source_id    VARCHAR,
    vintage      VARCHAR,
    citation     VARCHAR,
    url          VARCHAR,
    origin       VARCHAR,
    snapshot_id  VARCHAR
);
CREATE OR REPLACE TEMP SEQUENCE batches;
-- The batches the rules in etl/rules/ look at (as the view `rows`).
CREATE OR REPLACE TEMP TABLE checking (batch INTEGER NOT NULL);
CREATE OR REPLACE TEMP VIEW rows AS SELECT * FROM staged WHERE batch IN (SELECT batch FROM checking);
-- '' for an exact value, 'lower' / 'upper' for a bound (a range is a lower and an upper row). Flag codes are
-- whole words and no other code contains these two, so a substring test is exact.
CREATE OR REPLACE TEMP MACRO bound_of(flags) AS
    CASE WHEN flags LIKE '%lower_bound%' THEN 'lower' WHEN flags LIKE '%upper_bound%' THEN 'upper' ELSE '' END;
-- Python's str.strip(): the characters str.isspace() accepts (tests/etl/test_stage.py holds the two together).
-- CASE, unlike AND and OR in a select list, evaluates a branch only on the rows that reach it: the cheap test
-- on the first and last character spares trim() the cells that need none.
CREATE OR REPLACE TEMP MACRO py_space(c) AS c IN (
    9, 10, 11, 12, 13, 28, 29, 30, 31, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200,
    8201, 8202, 8232, 8233, 8239, 8287, 12288);
CREATE OR REPLACE TEMP MACRO py_strip(x) AS CASE
    WHEN x IS NULL THEN ''
    WHEN py_space(ord(x)) OR py_space(ord(x[-1:])) THEN
        trim(x, list_aggregate(list_transform(
            [9, 10, 11, 12, 13, 28, 29, 30, 31, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199,
             8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288], lambda c: chr(c)), 'string_agg', ''))
    ELSE x END;
CREATE OR REPLACE TEMP MACRO is_blank(x) AS CASE
    WHEN x IS NULL OR x = '' THEN true
    WHEN py_space(ord(x)) THEN py_strip(x) = ''
    ELSE false END;
