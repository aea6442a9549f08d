-- Every failing cell: (row, column, kind, cell, rule) of the suspect rows (suspect.sql); a flags cell with
-- unknown codes gives one per code.
CREATE OR REPLACE TEMP TABLE sub_problems AS
WITH bad AS MATERIALIZED (SELECT * FROM sub_parsed WHERE NOT ok)
SELECT row, 'country' AS column, k_country AS kind, country AS cell, r_country AS rule FROM bad WHERE k_country <> ''
UNION ALL SELECT row, 'year', k_year, year, r_year FROM bad WHERE k_year <> ''
UNION ALL SELECT row, 'indicator', k_indicator, indicator, r_indicator FROM bad WHERE k_indicator <> ''
UNION ALL SELECT row, 'value', k_value, value, r_value FROM bad WHERE k_value <> ''
UNION ALL SELECT row, 'unit', k_unit, unit, r_unit FROM bad WHERE k_unit <> ''
UNION ALL SELECT row, 'scope', k_scope, scope, r_scope FROM bad WHERE k_scope <> ''
UNION ALL SELECT row, 'flags', k_flags, flags, r_flags FROM bad WHERE k_flags NOT IN ('', 'flag')
UNION ALL SELECT b.row, 'flags', 'flag', f.code, f.rule FROM bad b JOIN sub_flag_bad f ON f.key = b.flags WHERE b.k_flags = 'flag'
UNION ALL SELECT row, 'source_title', k_source_title, source_title, r_source_title FROM bad WHERE k_source_title <> ''
UNION ALL SELECT row, 'source_url', k_source_url, source_url, r_source_url FROM bad WHERE k_source_url <> ''
UNION ALL SELECT row, 'note', k_note, note, r_note FROM bad WHERE k_note <> ''
