-- The flags that appear on $iso3's dated or undated figures, with labels and definitions.
SELECT f.code, f.label_en, f.label_ru, f.definition_en, f.definition_ru
FROM flag f
WHERE f.code IN (
    SELECT unnest(string_split(flags, ';')) FROM series WHERE iso3 = $iso3
    UNION
    SELECT unnest(string_split(flags, ';')) FROM undated_figure WHERE iso3 = $iso3
)
ORDER BY f.sort, f.code
