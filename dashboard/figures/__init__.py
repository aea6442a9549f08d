"""Pure figure builders: DataFrames and a language in, plotly Figures out (no SQL, no Dash)."""
