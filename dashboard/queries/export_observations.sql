-- Every observation (ranked: every source and vintage; rank 1 = the preferred view) with provenance and display
-- labels in $lang, plus `regions` (';'-joined region_member codes). The whole table, labelled before filtering:
-- the tests' independent oracle for export_filter.sql (filtered in pandas), not read by the app.
SELECT r.iso3,
       CASE WHEN $lang = 'ru' THEN c.name_ru ELSE c.name_en END AS country,
       coalesce(c.region, '') AS region,
       r.year, r.indicator, i.unit, r.value, r.scope, r.flags, r.bound, r.source_id, r.vintage,
       coalesce(nullif(r.citation, ''), src.citation) AS citation,
       coalesce(nullif(r.url, ''), src.url, '') AS url,
       r.note,
       r.rank = 1 AS is_preferred,
       coalesce(CASE WHEN $lang = 'ru' THEN rg.name_ru ELSE rg.name_en END, '') AS region_label,
       CASE WHEN $lang = 'ru' THEN i.label_ru ELSE i.label_en END AS indicator_label,
       CASE WHEN $lang = 'ru' THEN sc.label_ru ELSE sc.label_en END AS scope_label,
       src.publisher || ': ' || src.title AS source_label,
       coalesce((SELECT string_agg(CASE WHEN $lang = 'ru' THEN f.label_ru ELSE f.label_en END, '; ' ORDER BY f.sort)
                 FROM flag f WHERE list_contains(string_split(r.flags, ';'), f.code)), '') AS flag_labels,
       coalesce((SELECT string_agg(m.region, ';' ORDER BY m.region) FROM region_member m WHERE m.iso3 = r.iso3), '')
           AS regions,
       i.sort AS indicator_sort, sc.sort AS scope_sort, r.rank
FROM ranked r
JOIN country c ON c.iso3 = r.iso3
JOIN indicator i ON i.code = r.indicator
JOIN scope sc ON sc.code = r.scope
JOIN source src ON src.id = r.source_id
LEFT JOIN region rg ON rg.code = c.region
ORDER BY r.iso3, i.sort, sc.sort, r.year, r.rank
