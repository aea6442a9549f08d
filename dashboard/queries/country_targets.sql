-- Policy targets announced for $iso3 (targets, not observations), with indicator and scope labels.
SELECT t.year, t.indicator, i.label_en AS indicator_en, i.label_ru AS indicator_ru, i.unit,
       t.scope, s.label_en AS scope_en, s.label_ru AS scope_ru, t.value, t.note, t.citation, t.url
FROM target t
JOIN indicator i ON i.code = t.indicator
JOIN scope s ON s.code = t.scope
WHERE t.iso3 = $iso3
ORDER BY t.year, i.sort
