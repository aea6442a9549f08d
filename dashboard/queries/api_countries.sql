-- Every country the warehouse knows, names in both languages, our region, OSCE participation, values held.
SELECT c.iso3, c.iso2, coalesce(c.m49, '') AS m49, c.name_en, c.name_ru, coalesce(c.region, '') AS region,
       c.osce_participating, c.is_central_asia, c.eu_member,
       (SELECT count(*) FROM series s WHERE s.iso3 = c.iso3) AS n_values
FROM country c
ORDER BY c.iso3
