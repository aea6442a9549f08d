-- Every flag code with its labels (hover texts name flags, never show codes).
SELECT code, label_en, label_ru
FROM flag
ORDER BY sort, code
