-- Every value held for $iso3, every source, vintage and scope, ranked (rank 1 = the preferred figure), with
-- indicator, scope and source labels in both languages and the previous vintage's value (revisions). The
-- document a figure was read from is cited as published (any language); without one, the source's citation.
-- The State's rows first, on their own (MATERIALIZED): joined directly, the label tables' keys were pushed into the
-- scan of ranked as filters, checked on every row of the row group read (a third of the query's time at 10M rows).
WITH r AS MATERIALIZED (SELECT * FROM ranked WHERE iso3 = $iso3)
SELECT r.year, r.indicator, i.label_en AS indicator_en, i.label_ru AS indicator_ru, i.unit, i.role, i.sort AS indicator_sort,
       r.scope, s.label_en AS scope_en, s.label_ru AS scope_ru, s.sort AS scope_sort,
       r.source_id, src.publisher AS publisher_en, src.publisher_ru, r.vintage, r.bound, r.value, r.women, r.total,
       r.method, r.flags, r.note,
       coalesce(nullif(r.citation, ''), src.citation) AS citation_en,
       coalesce(nullif(r.citation, ''), src.citation_ru) AS citation_ru,
       coalesce(nullif(r.url, ''), src.url, '') AS url,
       r.previous_vintage_value, r.rank, r.n_alternatives
FROM r
JOIN indicator i ON i.code = r.indicator
JOIN scope s ON s.code = r.scope
JOIN source src ON src.id = r.source_id
ORDER BY i.sort, s.sort, r.year, r.source_id, r.vintage, r.bound
