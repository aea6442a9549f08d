-- Every association recorded, in the page's order: Central Asia first, then our regions in their order, then
-- countries outside the 57 participating States (no region), then regional and international bodies (iso3 NULL).
-- Country and region names in the chosen language ($lang); *_lang NULL when the text's language was not told.
SELECT a.name_en, a.name_local, a.name_local_lang, a.iso3,
       CASE WHEN $lang = 'ru' THEN c.name_ru ELSE c.name_en END AS country,
       c.osce_participating, c.is_central_asia, c.region,
       CASE WHEN $lang = 'ru' THEN r.name_ru ELSE r.name_en END AS region_name,
       a.reach, a.scope, a.type, a.founded_year, a.source_title, a.source_title_lang, a.source_url,
       a.quote, a.quote_lang, a.note
FROM association a
LEFT JOIN country c ON c.iso3 = a.iso3
LEFT JOIN region r ON r.code = c.region
ORDER BY a.reach = 'multinational', NOT coalesce(c.is_central_asia, false), r.sort NULLS LAST,
         country, a.founded_year NULLS LAST, a.name_en
