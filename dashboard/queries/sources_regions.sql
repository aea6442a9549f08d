-- Our region groups (region table, region_member view) with their members, names in the chosen language ($lang).
SELECT r.code,
       CASE WHEN $lang = 'ru' THEN r.name_ru ELSE r.name_en END AS name,
       count(m.iso3) AS n_members,
       string_agg(CASE WHEN $lang = 'ru' THEN c.name_ru ELSE c.name_en END, ', '
                  ORDER BY CASE WHEN $lang = 'ru' THEN c.name_ru ELSE c.name_en END) AS members
FROM region r
LEFT JOIN region_member m ON m.region = r.code
LEFT JOIN country c ON c.iso3 = m.iso3
GROUP BY r.code, r.name_en, r.name_ru, r.sort
ORDER BY r.sort, r.code
