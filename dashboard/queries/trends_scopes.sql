-- Scopes in which at least one OSCE State reports a women's share of police: code, labels, definitions.
SELECT s.code, s.label_en, s.label_ru, s.definition_en, s.definition_ru, s.sort
FROM scope s
WHERE EXISTS (SELECT 1 FROM osce_share p WHERE p.scope = s.code)
ORDER BY s.sort, s.code
