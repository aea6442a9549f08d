-- Our region groups plus 'osce' (all participating States), in display order: code, names, sort.
SELECT code, name_en, name_ru, sort
FROM region
ORDER BY sort, code
