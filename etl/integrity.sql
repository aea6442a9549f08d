-- Violations of the warehouse's keys and references (no rows = sound); run on every new file before the swap.
SELECT 'duplicate observation key' AS rule, iso3 || ' ' || year || ' ' || indicator || ' ' || scope || ' ' || source_id AS detail
FROM observation GROUP BY iso3, year, indicator, scope, source_id, vintage, bound HAVING count(*) > 1
UNION ALL
SELECT 'observation for an unknown country', iso3 FROM observation ANTI JOIN country USING (iso3)
UNION ALL
SELECT 'observation of an unknown indicator', indicator FROM observation o ANTI JOIN indicator i ON i.code = o.indicator
UNION ALL
SELECT 'observation in an unknown scope', scope FROM observation o ANTI JOIN scope s ON s.code = o.scope
UNION ALL
SELECT 'observation from an unknown source', source_id FROM observation o ANTI JOIN source s ON s.id = o.source_id
UNION ALL
SELECT 'observation from an unknown snapshot', snapshot_id FROM observation o
ANTI JOIN snapshot s ON s.id = o.snapshot_id WHERE o.snapshot_id IS NOT NULL
LIMIT 20
