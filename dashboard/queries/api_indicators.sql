-- Every indicator: code, unit, group, role, labels and definitions in both languages.
SELECT code, unit, grp, role, label_en, label_ru, definition_en, definition_ru
FROM indicator
ORDER BY sort, code
