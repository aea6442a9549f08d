-- The preferred women's share of police (every scope, year and bound) of the OSCE participating States only: what
-- the overview, trends and country pages compare. A table made at build time, a few thousand rows (57 States x
-- years x scopes), so those pages never scan `preferred`, which grows with every other entity and indicator.
-- Same columns as `preferred`.
CREATE TABLE osce_share AS
SELECT p.*
FROM preferred p
WHERE p.indicator = 'share_women_police'
  AND p.iso3 IN (SELECT iso3 FROM country WHERE osce_participating)
ORDER BY p.scope, p.year, p.iso3, p.bound;
