-- One block of the explorer's grid: rows $offset .. $offset + $limit - 1 of a filter in the grid's order, with the
-- grid's display labels in $lang. The filter is export_filter.sql's (same parameters, same rows: lists are
-- VARCHAR[], empty = no restriction; countries and regions add up; a row passes the flag filter carrying any listed
-- flag; $value_from, $value_to: NULL, or the ends of a run of values); with $sort_by = '' the order is
-- export_filter.sql's, so the grid shows the rows in the downloads' order.
-- $sort_by: a grid column id (dashboard/callbacks/explorer.COLUMNS) or ''; $sort_desc: descending. A column that
-- shows labels sorts by its label in $lang; units and 'preferred' are labelled from our catalog, so their order
-- comes as lists of codes in the order of their labels ($unit_order VARCHAR[], $preferred_order BOOLEAN[]).
-- Ties keep export_filter.sql's order, then the key (iso3, indicator, scope, year, rank): every block is a slice of
-- one total order, so no row is shown twice or skipped from one block to the next.
-- Sort narrow, label after: each label is replaced by its position among the labels of a small table, so the sort
-- over the rows kept compares numbers; only the block's rows are read again (by rowid) and labelled. The tables
-- only some sorts need (sources, flag lists) are empty for the others, so their joins cost nothing.
-- In an order that keeps runs of rows together (a country's, a year's...), a block is read with the filter narrowed
-- to the runs it falls in (explorer_buckets.sql, dashboard/explorer_grid.py), not from every row of the filter.
WITH places AS (  -- the countries asked for by code or by region (no row of this table: every country)
    SELECT unnest($countries::VARCHAR[]) AS iso3
    UNION ALL
    SELECT iso3 FROM region_member WHERE list_contains($regions::VARCHAR[], region)
),
kept AS NOT MATERIALIZED (
    SELECT r.rowid AS rid, r.iso3, r.year, r.indicator, r.value, r.scope, r.flags, r.bound, r.source_id, r.vintage,
           r.citation, r.url, r.note, r.rank
    FROM ranked r
    WHERE ((len($countries::VARCHAR[]) = 0 AND len($regions::VARCHAR[]) = 0) OR r.iso3 IN (SELECT iso3 FROM places))
      AND (r.rank = 1 OR NOT $preferred)
      AND (len($indicators::VARCHAR[]) = 0 OR list_contains($indicators::VARCHAR[], r.indicator))
      AND (len($sources::VARCHAR[]) = 0 OR list_contains($sources::VARCHAR[], r.source_id))
      AND (len($scopes::VARCHAR[]) = 0 OR list_contains($scopes::VARCHAR[], r.scope))
      AND (len($flags::VARCHAR[]) = 0 OR list_has_any(string_split(r.flags, ';'), $flags::VARCHAR[]))
      AND r.year >= coalesce($year_from, r.year)
      AND r.year <= coalesce($year_to, r.year)
      AND r.value >= coalesce($value_from, r.value)  -- not the filter's: a run of values (explorer_buckets.sql)
      AND r.value <= coalesce($value_to, r.value)
),
-- Positions of labels in $lang (ties by code): the sort keys of the columns that show labels.
country_pos AS (
    SELECT c.iso3,
           row_number() OVER (ORDER BY CASE WHEN $lang = 'ru' THEN c.name_ru ELSE c.name_en END, c.iso3) AS by_name,
           dense_rank() OVER (ORDER BY coalesce(CASE WHEN $lang = 'ru' THEN rg.name_ru ELSE rg.name_en END, ''))
               AS by_region
    FROM country c LEFT JOIN region rg ON rg.code = c.region
),
indicator_pos AS (
    SELECT code, sort, unit,
           row_number() OVER (ORDER BY CASE WHEN $lang = 'ru' THEN label_ru ELSE label_en END, code) AS by_label
    FROM indicator
),
scope_pos AS (
    SELECT code, sort,
           row_number() OVER (ORDER BY CASE WHEN $lang = 'ru' THEN label_ru ELSE label_en END, code) AS by_label
    FROM scope
),
source_pos AS (  -- only for the sorts that read it
    SELECT id, citation, url, dense_rank() OVER (ORDER BY publisher || ': ' || title) AS by_label
    FROM source
    WHERE $sort_by IN ('source', 'citation', 'url')
),
flag_pos AS (  -- only for a sort by flags: each flag list of the rows kept -> the position of its labels
    SELECT d.flags,
           dense_rank() OVER (ORDER BY coalesce((
               SELECT string_agg(CASE WHEN $lang = 'ru' THEN f.label_ru ELSE f.label_en END, '; ' ORDER BY f.sort)
               FROM flag f WHERE list_contains(string_split(d.flags, ';'), f.code)), '')) AS by_label
    FROM (SELECT DISTINCT flags FROM kept WHERE $sort_by = 'flags') d
),
keyed AS NOT MATERIALIZED (  -- the rows kept: rowid and sort keys (a number, or a text for columns of plain text)
    SELECT k.rid, k.year, k.rank, k.indicator, k.scope, cp.by_name, ip.sort AS indicator_sort, sp.sort AS scope_sort,
           CASE $sort_by WHEN 'country' THEN cp.by_name
                         WHEN 'region' THEN cp.by_region
                         WHEN 'year' THEN k.year
                         WHEN 'indicator' THEN ip.by_label
                         WHEN 'value' THEN k.value
                         WHEN 'unit' THEN list_position($unit_order::VARCHAR[], ip.unit)
                         WHEN 'scope' THEN sp.by_label
                         WHEN 'flags' THEN fp.by_label
                         WHEN 'source' THEN so.by_label
                         WHEN 'preferred' THEN list_position($preferred_order::BOOLEAN[], k.rank = 1)
           END::DOUBLE AS number_key,
           CASE $sort_by WHEN 'iso3' THEN k.iso3
                         WHEN 'bound' THEN k.bound
                         WHEN 'vintage' THEN k.vintage
                         WHEN 'note' THEN k.note
                         WHEN 'citation' THEN coalesce(nullif(k.citation, ''), so.citation)
                         WHEN 'url' THEN coalesce(nullif(k.url, ''), so.url, '')
           END AS text_key
    FROM kept k
    JOIN country_pos cp ON cp.iso3 = k.iso3
    JOIN indicator_pos ip ON ip.code = k.indicator
    JOIN scope_pos sp ON sp.code = k.scope
    LEFT JOIN source_pos so ON so.id = k.source_id
    LEFT JOIN flag_pos fp ON fp.flags = k.flags
),
block AS MATERIALIZED (  -- the block's rows: rowid and sort keys only
    SELECT * FROM keyed
    ORDER BY CASE WHEN $sort_desc THEN -number_key ELSE number_key END NULLS LAST,
             CASE WHEN NOT $sort_desc THEN text_key END ASC NULLS LAST,
             CASE WHEN $sort_desc THEN text_key END DESC NULLS LAST,
             by_name, indicator_sort, scope_sort, year, rank, indicator, scope
    LIMIT $limit OFFSET $offset
)
SELECT CASE WHEN $lang = 'ru' THEN c.name_ru ELSE c.name_en END AS country,
       r.iso3,
       coalesce(CASE WHEN $lang = 'ru' THEN rg.name_ru ELSE rg.name_en END, '') AS region_label,
       r.year,
       CASE WHEN $lang = 'ru' THEN i.label_ru ELSE i.label_en END AS indicator_label,
       r.value, i.unit,
       CASE WHEN $lang = 'ru' THEN sc.label_ru ELSE sc.label_en END AS scope_label,
       coalesce((SELECT string_agg(CASE WHEN $lang = 'ru' THEN f.label_ru ELSE f.label_en END, '; ' ORDER BY f.sort)
                 FROM flag f WHERE list_contains(string_split(r.flags, ';'), f.code)), '') AS flag_labels,
       r.bound,
       src.publisher || ': ' || src.title AS source_label,
       r.vintage, r.rank = 1 AS is_preferred, r.note,
       coalesce(nullif(r.citation, ''), src.citation) AS citation,
       coalesce(nullif(r.url, ''), src.url, '') AS url
FROM ranked r
JOIN block b ON b.rid = r.rowid
JOIN country c ON c.iso3 = r.iso3
JOIN indicator i ON i.code = r.indicator
JOIN scope sc ON sc.code = r.scope
JOIN source src ON src.id = r.source_id
LEFT JOIN region rg ON rg.code = c.region
WHERE r.rowid IN (SELECT rid FROM block)
ORDER BY CASE WHEN $sort_desc THEN -b.number_key ELSE b.number_key END NULLS LAST,  -- the block's order, again
         CASE WHEN NOT $sort_desc THEN b.text_key END ASC NULLS LAST,
         CASE WHEN $sort_desc THEN b.text_key END DESC NULLS LAST,
         b.by_name, b.indicator_sort, b.scope_sort, b.year, b.rank, b.indicator, b.scope
