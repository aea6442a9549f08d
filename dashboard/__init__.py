"""The Dash dashboard: reads the warehouse built by `python -m etl build`, never writes it."""
