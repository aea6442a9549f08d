-- A tidy frame (registered as `frame`) -> staged rows of one batch, in the frame's order.
INSERT INTO staged
SELECT $batch, pos, iso3, year, indicator, value, scope, flags, note, source_id, vintage,
       citation, url, origin, $snapshot_id
FROM frame
