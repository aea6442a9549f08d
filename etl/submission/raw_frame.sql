-- Records read by Python (XLSX, or a CSV the DuckDB reader cannot take as it is), already numbered.
CREATE OR REPLACE TEMP TABLE sub_file AS SELECT * FROM sub_frame;
CREATE OR REPLACE TEMP VIEW sub_raw AS SELECT * FROM sub_file;
