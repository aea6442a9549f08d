-- Countries and years the staged rows hold (for the country table and the build report).
SELECT list(DISTINCT iso3 ORDER BY iso3), count(DISTINCT iso3), min(year), max(year) FROM staged
