-- Figures for $iso3 that state no reference year (shown, never charted), with indicator and scope labels.
SELECT u.indicator, i.label_en AS indicator_en, i.label_ru AS indicator_ru, i.unit,
       u.scope, s.label_en AS scope_en, s.label_ru AS scope_ru, u.value, u.flags, u.note, u.citation, u.url
FROM undated_figure u
JOIN indicator i ON i.code = u.indicator
JOIN scope s ON s.code = u.scope
WHERE u.iso3 = $iso3
ORDER BY i.sort, s.sort, u.value
