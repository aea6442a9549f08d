"""ETL: official police workforce statistics and national submissions -> one DuckDB warehouse."""
