-- Every flag code with its labels (hover texts and tables name flags, never show codes).
SELECT code, label_en, label_ru, definition_en, definition_ru, sort
FROM flag
ORDER BY sort, code
