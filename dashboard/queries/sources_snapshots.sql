-- Every raw file in this build (snapshot table): which source, file name, checksum, size, retrieval date, vintage.
SELECT source_id, id, path, sha256, bytes, coalesce(retrieved_at, '') AS retrieved_at, vintage
FROM snapshot
ORDER BY source_id, path
