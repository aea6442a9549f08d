-- Every OSCE State with its preferred women's share for $year in $scope (NULL value = no figure),
-- names, labels and source publisher in $lang, provenance (the document's own citation, else the source's in
-- $lang), flags, other scopes that year and its latest year in this scope. Read from osce_share (made at build time).
WITH chosen AS (
    SELECT * FROM osce_share WHERE bound = '' AND year = $year AND scope = $scope
),
labelled AS (
    SELECT p.iso3,
           string_agg(CASE WHEN $lang = 'ru' THEN f.label_ru ELSE f.label_en END, ', ' ORDER BY f.sort) AS flag_labels
    FROM chosen p JOIN flag f ON list_contains(string_split(p.flags, ';'), f.code)
    GROUP BY p.iso3
),
latest AS (
    SELECT iso3, max(year) AS latest_year FROM osce_share WHERE bound = '' AND scope = $scope GROUP BY iso3
),
others AS (
    SELECT o.iso3,
           string_agg(DISTINCT CASE WHEN $lang = 'ru' THEN sc.label_ru ELSE sc.label_en END, ', ') AS other_scopes
    FROM osce_share o JOIN scope sc ON sc.code = o.scope
    WHERE o.year = $year AND o.bound = '' AND o.scope <> $scope
    GROUP BY o.iso3
)
SELECT c.iso3,
       CASE WHEN $lang = 'ru' THEN c.name_ru ELSE c.name_en END AS name,
       c.is_central_asia, c.region,
       p.value, p.women, p.total, p.method, coalesce(p.flags, '') AS flags,
       fl.flag_labels,
       p.source_id, CASE WHEN $lang = 'ru' THEN src.publisher_ru ELSE src.publisher END AS publisher, p.vintage,
       coalesce(nullif(p.citation, ''), CASE WHEN $lang = 'ru' THEN src.citation_ru ELSE src.citation END)
           AS citation,
       coalesce(nullif(p.url, ''), src.url) AS url,
       os.other_scopes,
       l.latest_year
FROM country c
LEFT JOIN chosen p ON p.iso3 = c.iso3
LEFT JOIN source src ON src.id = p.source_id
LEFT JOIN labelled fl ON fl.iso3 = c.iso3
LEFT JOIN latest l ON l.iso3 = c.iso3
LEFT JOIN others os ON os.iso3 = c.iso3
WHERE c.osce_participating
ORDER BY p.value DESC NULLS LAST, name
