-- Membership of our region groups, plus 'osce' = all participating States.
CREATE VIEW region_member AS
SELECT region, iso3 FROM country WHERE osce_participating AND region IS NOT NULL
UNION ALL
SELECT 'osce', iso3 FROM country WHERE osce_participating;
