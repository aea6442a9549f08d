-- One batch's tidy rows in reading order.
SELECT iso3, year, indicator, value, scope, flags, note, source_id, vintage, citation, url, origin
FROM staged WHERE batch = $batch ORDER BY pos
