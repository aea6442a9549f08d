-- Scopes in which at least one OSCE State has a women's share of police: code, label ($lang), n_states.
SELECT sc.code,
       CASE WHEN $lang = 'ru' THEN sc.label_ru ELSE sc.label_en END AS label,
       count(DISTINCT p.iso3) AS n_states
FROM osce_share p
JOIN scope sc ON sc.code = p.scope
WHERE p.bound = ''
GROUP BY sc.code, sc.label_en, sc.label_ru, sc.sort
ORDER BY sc.sort, sc.code
