-- Every flag: code, labels and definitions in both languages.
SELECT code, label_en, label_ru, definition_en, definition_ru
FROM flag
ORDER BY sort, code
