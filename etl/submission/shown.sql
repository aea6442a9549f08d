-- The cells of some rows, to show values as the sender typed them.
SELECT * FROM sub_cells WHERE list_contains($rows, row)
