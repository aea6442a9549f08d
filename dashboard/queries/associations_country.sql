-- The associations recorded for one country ($iso3), oldest founding first (not stated: last).
SELECT a.name_en, a.name_local, a.name_local_lang, a.scope, a.type, a.founded_year, a.source_title,
       a.source_title_lang, a.source_url, a.quote, a.quote_lang, a.note
FROM association a
WHERE a.iso3 = $iso3
ORDER BY a.founded_year NULLS LAST, a.name_en
