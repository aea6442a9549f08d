-- The data rows below the header, blank rows dropped, one text column per template column ('' where the
-- file has none). Cells are as read, not stripped: each distinct cell is judged as a whole by Python.
-- (Rows above the header are blank; with the header itself they are skipped too.)
CREATE OR REPLACE TEMP VIEW sub_cells AS
SELECT row, coalesce(country, '') AS country, coalesce(year, '') AS year, coalesce(indicator, '') AS indicator,
       coalesce(value, '') AS value, coalesce(unit, '') AS unit, coalesce(scope, '') AS scope,
       coalesce(flags, '') AS flags, coalesce(source_title, '') AS source_title,
       coalesce(source_url, '') AS source_url, coalesce(note, '') AS note
FROM (SELECT * FROM sub_template UNION ALL BY NAME SELECT * FROM sub_raw)
WHERE row NOT IN (SELECT row FROM sub_skip)
