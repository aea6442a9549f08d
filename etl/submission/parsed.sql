-- Each data row with the verdicts on its cells joined back (sub_lookup, sub_lookup2: kind '' = fine, else
-- formula, empty, rule or flag) and plain numbers converted; `ok` = no failing cell. Over the rows of
-- `sub_input`: first the few rows holding a failing cell (problems.sql), then all of them (tidy.sql).
CREATE OR REPLACE TEMP VIEW sub_input AS SELECT * FROM sub_suspect;
CREATE OR REPLACE TEMP VIEW sub_parsed AS
WITH lk AS (SELECT * FROM sub_lookup), l2 AS (SELECT * FROM sub_lookup2), j AS (
    SELECT c.*, coalesce(i.unit, '') AS ind_unit,
           lc.parsed AS p_country, lc.kind AS k_country, lc.rule AS r_country,
           ly.parsed AS p_year, ly.kind AS k_year, ly.rule AS r_year,
           li.parsed AS p_indicator, li.kind AS k_indicator, li.rule AS r_indicator,
           ls.parsed AS p_scope, ls.kind AS k_scope, ls.rule AS r_scope,
           lu.parsed AS p_source_url, lu.kind AS k_source_url, lu.rule AS r_source_url,
           lf.parsed AS p_flags, lf.kind AS k_flags, lf.rule AS r_flags,
           lt.parsed AS p_source_title, lt.kind AS k_source_title, lt.rule AS r_source_title,
           coalesce(ln.parsed, c.note) AS p_note, coalesce(ln.kind, '') AS k_note, coalesce(ln.rule, '') AS r_note
    FROM sub_input c
    JOIN (SELECT * FROM lk WHERE col = 'country') lc ON lc.key = c.country
    JOIN (SELECT * FROM lk WHERE col = 'year') ly ON ly.key = c.year
    JOIN (SELECT * FROM lk WHERE col = 'indicator') li ON li.key = c.indicator
    JOIN (SELECT * FROM lk WHERE col = 'scope') ls ON ls.key = c.scope
    JOIN (SELECT * FROM lk WHERE col = 'source_url') lu ON lu.key = c.source_url
    JOIN (SELECT * FROM lk WHERE col = 'flags') lf ON lf.key = c.flags
    JOIN (SELECT * FROM lk WHERE col = 'source_title') lt ON lt.key = c.source_title
    LEFT JOIN (SELECT * FROM lk WHERE col = 'note') ln ON ln.key = c.note
    LEFT JOIN ind i ON i.code = li.parsed
), v AS (
    SELECT j.*, un.kind AS k_unit, un.rule AS r_unit,
           CASE WHEN plain_number(j.value, j.ind_unit) THEN CAST(j.value AS DOUBLE) ELSE lv.value END AS p_value,
           CASE WHEN NOT plain_number(j.value, j.ind_unit) THEN lv.kind
                WHEN j.ind_unit = 'percent' AND CAST(j.value AS DOUBLE) > 0 AND CAST(j.value AS DOUBLE) < 1 THEN 'fraction'
                ELSE '' END AS k_value,
           coalesce(lv.rule, '') AS r_value
    FROM j
    JOIN (SELECT * FROM l2 WHERE col = 'unit') un ON un.key = j.unit AND un.ind_unit = j.ind_unit
    LEFT JOIN (SELECT * FROM l2 WHERE col = 'value') lv ON lv.key = j.value AND lv.ind_unit = j.ind_unit
)
SELECT *, k_country = '' AND k_year = '' AND k_indicator = '' AND k_scope = '' AND k_source_url = ''
          AND k_flags = '' AND k_source_title = '' AND k_note = '' AND k_unit = '' AND k_value = '' AS ok
FROM v
