-- For each column without a name in the header (named _<number>): does any row below the header hold a value?
SELECT bool_or(NOT is_blank(COLUMNS('^_\d+$'))) FROM sub_raw WHERE row > $header_row
