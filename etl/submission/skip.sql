-- Rows that are not data: the header and any row above it, and blank rows below it.
CREATE OR REPLACE TEMP TABLE sub_skip AS
SELECT row FROM sub_raw WHERE row <= $header_row OR is_blank(COLUMNS(* EXCLUDE (row)))
