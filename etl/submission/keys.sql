-- Each distinct cell of the columns judged alone (a million rows hold a few dozen countries and codes), in one pass.
SELECT list(DISTINCT country), list(DISTINCT year), list(DISTINCT indicator), list(DISTINCT scope),
       list(DISTINCT source_url), list(DISTINCT flags), list(DISTINCT source_title), list(DISTINCT note)
FROM sub_cells
