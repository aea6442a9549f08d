-- The rows that may hold a failing cell. The failing cells are few and known (the Python verdicts, passed as lists): the rows holding one are found by a
-- cheap filter first, and only they are joined to their verdicts.
CREATE OR REPLACE TEMP TABLE sub_suspect AS
    SELECT * FROM sub_cells
    WHERE list_contains($bad.country, country) OR list_contains($bad.year, year)
       OR list_contains($bad.indicator, indicator) OR list_contains($bad.scope, scope)
       OR list_contains($bad.source_url, source_url) OR list_contains($bad.flags, flags)
       OR list_contains($bad.source_title, source_title) OR list_contains($bad.note, note)
       OR list_contains($bad.unit, unit) OR list_contains($bad.value, value)
       OR (starts_with(value, '0') AND contains(value, '.'));  -- a plain share between 0 and 1 (a fraction)
