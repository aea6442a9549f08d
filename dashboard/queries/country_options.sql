-- The OSCE participating States a profile exists for (the country picker): iso3 and names.
SELECT iso3, name_en, name_ru
FROM country
WHERE osce_participating
ORDER BY iso3
