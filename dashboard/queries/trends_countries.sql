-- The OSCE participating States for the /trends country picker: iso3, names, our region, Central Asia or not.
SELECT iso3, name_en, name_ru, region, is_central_asia
FROM country
WHERE osce_participating
ORDER BY iso3
