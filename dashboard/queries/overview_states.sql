-- Every OSCE State with its preferred women's share for $year in $scope (NULL value = no figure),
-- names, labels and source publisher in $lang, provenance (the document's own citation, else the source's in
-- $lang), flags, other scopes that year and its latest year in this scope.
WITH chosen AS (
    SELECT * FROM preferred
    WHERE indicator = 'share_women_police' AND bound = '' AND year = $year AND scope = $scope
)
SELECT c.iso3,
       CASE WHEN $lang = 'ru' THEN c.name_ru ELSE c.name_en END AS name,
       c.is_central_asia, c.region,
       p.value, p.women, p.total, p.method, coalesce(p.flags, '') AS flags,
       (SELECT string_agg(CASE WHEN $lang = 'ru' THEN f.label_ru ELSE f.label_en END, ', ' ORDER BY f.sort)
        FROM flag f WHERE list_contains(string_split(p.flags, ';'), f.code)) AS flag_labels,
       p.source_id, CASE WHEN $lang = 'ru' THEN src.publisher_ru ELSE src.publisher END AS publisher, p.vintage,
       coalesce(nullif(p.citation, ''), CASE WHEN $lang = 'ru' THEN src.citation_ru ELSE src.citation END)
           AS citation,
       coalesce(nullif(p.url, ''), src.url) AS url,
       (SELECT string_agg(DISTINCT CASE WHEN $lang = 'ru' THEN sc.label_ru ELSE sc.label_en END, ', ')
        FROM preferred o JOIN scope sc ON sc.code = o.scope
        WHERE o.iso3 = c.iso3 AND o.year = $year AND o.indicator = 'share_women_police'
          AND o.bound = '' AND o.scope <> $scope) AS other_scopes,
       (SELECT max(l.year) FROM preferred l
        WHERE l.iso3 = c.iso3 AND l.indicator = 'share_women_police' AND l.bound = '' AND l.scope = $scope)
           AS latest_year
FROM country c
LEFT JOIN chosen p ON p.iso3 = c.iso3
LEFT JOIN source src ON src.id = p.source_id
WHERE c.osce_participating
ORDER BY p.value DESC NULLS LAST, name
