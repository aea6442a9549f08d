-- Every source with its provenance: id, precedence, publisher, title, url, licence, citation.
SELECT id, precedence, publisher, title, coalesce(url, '') AS url, coalesce(licence, '') AS licence, citation
FROM source
ORDER BY precedence, id
