-- Scopes in which at least one OSCE State reports a women's share of police: code, labels, definitions.
SELECT s.code, s.label_en, s.label_ru, s.definition_en, s.definition_ru, s.sort
FROM scope s
WHERE EXISTS (
    SELECT 1 FROM preferred p JOIN country c ON c.iso3 = p.iso3
    WHERE p.scope = s.code AND p.indicator = 'share_women_police' AND c.osce_participating
)
ORDER BY s.sort, s.code
