-- All values ranked per country-year-indicator-scope: exact before bounds, then source precedence, newest vintage.
-- A table made at build time (see 20_series.sql), sorted by country for profiles and downloads.
CREATE TABLE ranked AS
SELECT s.*, src.precedence,
       ROW_NUMBER() OVER (
           PARTITION BY s.iso3, s.year, s.indicator, s.scope
           ORDER BY (s.bound <> ''), src.precedence, s.vintage DESC, s.source_id, s.bound
       ) AS rank,
       COUNT(*) OVER (PARTITION BY s.iso3, s.year, s.indicator, s.scope) - 1 AS n_alternatives
FROM series s JOIN source src ON src.id = s.source_id
ORDER BY s.iso3, s.indicator, s.scope, s.year, rank;
