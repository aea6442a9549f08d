-- Every scope (who is counted): code, labels and definitions in both languages.
SELECT code, label_en, label_ru, definition_en, definition_ru
FROM scope
ORDER BY sort, code
