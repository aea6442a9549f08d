-- Women's share per country-year-scope-source-vintage: computed from counts where both exist, else as reported.
CREATE VIEW share AS
WITH pairs AS (
    SELECT w.iso3, w.year, s.code AS indicator, w.scope, w.source_id, w.vintage,
           w.value AS women, t.value AS total,
           round(100.0 * w.value / t.value, 6) AS value,
           array_to_string(list_sort(list_distinct(list_filter(
               string_split(w.flags, ';') || string_split(t.flags, ';') || ['computed'], lambda x: x <> ''))), ';') AS flags,
           concat_ws(' | ', nullif(w.note, ''), nullif(t.note, '')) AS note,
           w.citation, w.url, w.origin || ' + ' || t.origin AS origin
    FROM observation w
    JOIN indicator iw ON iw.code = w.indicator AND iw.role = 'women'
    JOIN indicator it ON it.grp = iw.grp AND it.role = 'total'
    JOIN indicator s ON s.grp = iw.grp AND s.role = 'share'
    JOIN observation t ON t.indicator = it.code AND t.iso3 = w.iso3 AND t.year = w.year
         AND t.scope = w.scope AND t.source_id = w.source_id AND t.vintage = w.vintage AND t.bound = ''
    WHERE w.bound = '' AND t.value > 0
)
SELECT iso3, year, indicator, scope, source_id, vintage, '' AS bound, value, women, total,
       'computed' AS method, flags, note, citation, url, origin
FROM pairs
UNION ALL
SELECT o.iso3, o.year, o.indicator, o.scope, o.source_id, o.vintage, o.bound, o.value,
       NULL AS women, NULL AS total, 'reported' AS method, o.flags, o.note, o.citation, o.url, o.origin
FROM observation o
JOIN indicator i ON i.code = o.indicator AND i.role IN ('share', 'share_avg3')
WHERE NOT EXISTS (
    SELECT 1 FROM pairs p
    WHERE p.iso3 = o.iso3 AND p.year = o.year AND p.indicator = o.indicator AND p.scope = o.scope
      AND p.source_id = o.source_id AND p.vintage = o.vintage AND o.bound = ''
);
