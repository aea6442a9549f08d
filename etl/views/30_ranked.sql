-- All values ranked per country-year-indicator-scope: exact before bounds, then source precedence, newest vintage.
-- A table made at build time (see 20_series.sql), sorted by country for profiles and downloads.
-- A value alone in its country-year-indicator-scope is ranked 1 of 0 alternatives without the window: a
-- hash aggregate finds the groups with several values, and only their rows are ranked.
CREATE TABLE ranked AS
WITH s AS (SELECT s.*, src.precedence FROM series s JOIN source src ON src.id = s.source_id),
several AS (SELECT iso3, year, indicator, scope FROM s GROUP BY ALL HAVING count(*) > 1)
SELECT * FROM (
    SELECT s.*, 1::BIGINT AS rank, 0::BIGINT AS n_alternatives
    FROM s ANTI JOIN several USING (iso3, year, indicator, scope)
    UNION ALL
    SELECT s.*,
           ROW_NUMBER() OVER (
               PARTITION BY s.iso3, s.year, s.indicator, s.scope
               ORDER BY (s.bound <> ''), s.precedence, s.vintage DESC, s.source_id, s.bound
           ) AS rank,
           COUNT(*) OVER (PARTITION BY s.iso3, s.year, s.indicator, s.scope) - 1 AS n_alternatives
    FROM s SEMI JOIN several USING (iso3, year, indicator, scope)
)
ORDER BY iso3, indicator, scope, year, rank;
