-- Records numbered as the sender sees them (the file is read in order, so rowid 0 is line 1).
CREATE OR REPLACE TEMP VIEW sub_raw AS SELECT rowid + 1 AS row, * FROM sub_file
