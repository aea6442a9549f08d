-- The preferred value per country, year, indicator and scope (alternatives stay in `ranked`).
-- A table made at build time, sorted by indicator, scope and year: the pages ask for one indicator in one scope
-- (often one year), and DuckDB then skips the other row groups by their min/max.
CREATE TABLE preferred AS
SELECT * EXCLUDE (rank) FROM ranked WHERE rank = 1
ORDER BY indicator, scope, year, iso3, bound;
