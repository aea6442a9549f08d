-- Years outside FIRST_YEAR..this year, and values outside what their indicator's unit allows.
SELECT * FROM (
    SELECT 1 AS k, batch, pos, origin, 'year' AS column, year, value FROM rows
    WHERE year < $first_year OR year > $this_year
    UNION ALL
    SELECT CASE i.unit WHEN 'percent' THEN 2 WHEN 'persons' THEN 3 ELSE 4 END, batch, pos, origin, 'value', year, value
    FROM rows JOIN ind i ON i.code = rows.indicator
    WHERE CASE i.unit
        WHEN 'percent' THEN value IS NULL OR isnan(value) OR NOT value BETWEEN 0 AND 100
        WHEN 'persons' THEN value IS NULL OR isnan(value) OR value < 0 OR value <> round(value)
        WHEN 'per_100k' THEN value < 0
        ELSE false END
)
ORDER BY k, batch, pos
