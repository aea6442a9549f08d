-- Our region groups with names in both languages and their members (';'-joined ISO3 codes).
SELECT r.code, r.name_en, r.name_ru, count(m.iso3) AS n_members,
       coalesce(string_agg(m.iso3, ';' ORDER BY m.iso3), '') AS members
FROM region r
LEFT JOIN region_member m ON m.region = r.code
GROUP BY r.code, r.name_en, r.name_ru, r.sort
ORDER BY r.sort, r.code
