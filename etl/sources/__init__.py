"""One module per source; each turns its raw format into tidy rows (etl.tidy.TIDY_COLUMNS)."""
