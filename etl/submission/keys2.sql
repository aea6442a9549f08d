-- Distinct (cell, unit of the row's indicator) pairs of the unit column, and of values that are not plain.
WITH r AS (
    SELECT c.unit, c.value, coalesce(i.unit, '') AS ind_unit
    FROM sub_cells c
    JOIN (SELECT key, parsed FROM sub_lookup WHERE col = 'indicator') li ON li.key = c.indicator
    LEFT JOIN ind i ON i.code = li.parsed
)
SELECT 'unit' AS col, unit AS key, ind_unit FROM r GROUP BY ALL
UNION ALL
SELECT 'value', value, ind_unit FROM r WHERE NOT plain_number(value, ind_unit) GROUP BY ALL
