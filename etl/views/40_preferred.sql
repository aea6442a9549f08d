-- The preferred value per country, year, indicator and scope (alternatives stay in `ranked`).
CREATE VIEW preferred AS
SELECT * EXCLUDE (rank) FROM ranked WHERE rank = 1;
