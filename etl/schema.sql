-- Warehouse schema: reference tables, provenance, observations. Built from scratch on every build.

CREATE TABLE build (
    build_id      VARCHAR NOT NULL,   -- sha256 of every input (first 16 hex): same inputs, same id
    built_at      TIMESTAMP NOT NULL,
    git_commit    VARCHAR,
    release       VARCHAR NOT NULL    -- human label: date of the newest input + build id
);

CREATE TABLE region (
    code     VARCHAR PRIMARY KEY,
    name_en  VARCHAR NOT NULL,
    name_ru  VARCHAR NOT NULL,
    sort     INTEGER NOT NULL
);

CREATE TABLE country (
    iso3               VARCHAR PRIMARY KEY,
    iso2               VARCHAR NOT NULL,
    m49                VARCHAR,
    eurostat_geo       VARCHAR,
    name_en            VARCHAR NOT NULL,
    name_ru            VARCHAR NOT NULL,
    region             VARCHAR REFERENCES region(code),  -- our grouping, not an OSCE classification
    un_subregion       VARCHAR,
    osce_participating BOOLEAN NOT NULL,
    is_central_asia    BOOLEAN NOT NULL,
    eu_member          BOOLEAN NOT NULL
);

CREATE TABLE indicator (
    code           VARCHAR PRIMARY KEY,
    unit           VARCHAR NOT NULL CHECK (unit IN ('persons', 'percent', 'per_100k')),
    grp            VARCHAR NOT NULL,  -- all, entry, supervisory, senior, recruits
    role           VARCHAR NOT NULL,  -- women, total, share, share_avg3, rate
    label_en       VARCHAR NOT NULL,
    label_ru       VARCHAR NOT NULL,
    definition_en  VARCHAR NOT NULL,
    definition_ru  VARCHAR NOT NULL,
    sort           INTEGER NOT NULL
);

CREATE TABLE scope (
    code           VARCHAR PRIMARY KEY,
    label_en       VARCHAR NOT NULL,
    label_ru       VARCHAR NOT NULL,
    definition_en  VARCHAR NOT NULL,
    definition_ru  VARCHAR NOT NULL,
    sort           INTEGER NOT NULL
);

CREATE TABLE flag (
    code           VARCHAR PRIMARY KEY,
    label_en       VARCHAR NOT NULL,
    label_ru       VARCHAR NOT NULL,
    definition_en  VARCHAR NOT NULL,
    definition_ru  VARCHAR NOT NULL,
    sort           INTEGER NOT NULL
);

CREATE TABLE source (
    id          VARCHAR PRIMARY KEY,
    precedence  INTEGER NOT NULL,     -- lower wins when several sources give the same figure
    kind        VARCHAR NOT NULL CHECK (kind IN ('international', 'national')),
    publisher     VARCHAR NOT NULL,
    publisher_ru  VARCHAR NOT NULL,
    title         VARCHAR NOT NULL,
    title_ru      VARCHAR NOT NULL,
    url           VARCHAR,
    licence       VARCHAR,
    citation      VARCHAR NOT NULL,
    citation_ru   VARCHAR NOT NULL
);

CREATE TABLE snapshot (
    id            VARCHAR PRIMARY KEY,  -- sha256 of the raw bytes (first 16 hex)
    source_id     VARCHAR NOT NULL REFERENCES source(id),
    path          VARCHAR NOT NULL,     -- file name as received
    sha256        VARCHAR NOT NULL,
    bytes         BIGINT NOT NULL,
    retrieved_at  VARCHAR,              -- ISO date-time when known
    vintage       VARCHAR NOT NULL      -- release(s) contained, '' when none
);

-- No PRIMARY KEY / REFERENCES here: on a million rows the index costs 8 s of a 10 s build. The same
-- rules hold all the same: etl.checks refuses conflicting keys and unknown codes before loading, and
-- etl/integrity.sql proves key uniqueness and every reference on the finished file before the swap.
CREATE TABLE observation (
    iso3         VARCHAR NOT NULL,      -- country(iso3)
    year         INTEGER NOT NULL,
    indicator    VARCHAR NOT NULL,      -- indicator(code)
    value        DOUBLE NOT NULL,
    scope        VARCHAR NOT NULL,      -- scope(code)
    flags        VARCHAR NOT NULL,      -- ';'-joined flag codes, sorted; '' = none
    bound        VARCHAR NOT NULL,      -- '', 'lower' or 'upper' (from the flags): a range is two rows
    note         VARCHAR NOT NULL,
    source_id    VARCHAR NOT NULL,      -- source(id)
    vintage      VARCHAR NOT NULL,
    citation     VARCHAR NOT NULL,      -- document the figure was read from ('' = the source's citation)
    url          VARCHAR NOT NULL,
    snapshot_id  VARCHAR,               -- snapshot(id)
    origin       VARCHAR NOT NULL       -- file:row in the input
    -- key: (iso3, year, indicator, scope, source_id, vintage, bound)
);

-- Policy targets are not observations: kept apart, never drawn as data points.
CREATE TABLE target (
    iso3       VARCHAR NOT NULL REFERENCES country(iso3),
    year       INTEGER NOT NULL,       -- year by which the target is to be met
    indicator  VARCHAR NOT NULL REFERENCES indicator(code),
    value      DOUBLE NOT NULL,
    scope      VARCHAR NOT NULL REFERENCES scope(code),
    note       VARCHAR NOT NULL,
    citation   VARCHAR NOT NULL,
    url        VARCHAR NOT NULL
);

-- Figures read in public pages that state no reference year: shown in country profiles, never charted.
CREATE TABLE undated_figure (
    iso3       VARCHAR NOT NULL REFERENCES country(iso3),
    indicator  VARCHAR NOT NULL REFERENCES indicator(code),
    value      DOUBLE NOT NULL,
    scope      VARCHAR NOT NULL REFERENCES scope(code),
    flags      VARCHAR NOT NULL,
    note       VARCHAR NOT NULL,
    citation   VARCHAR NOT NULL,
    url        VARCHAR NOT NULL
);

-- Women police associations and networks, as read in the cited page (data/bundled/associations.csv, from the
-- hand-compiled women_police_associations.csv): what exists where, not a figure, never charted. A regional or
-- international body has no country (iso3 NULL, reach 'multinational'). founded_year NULL: the source does not
-- state it (never guessed). *_lang: the text's language when its letters tell it (etl/sources/text_lang.py).
-- Absence from this table means "none found in the sources read", not "none exists".
CREATE TABLE association (
    name_en            VARCHAR NOT NULL,   -- English name as printed, or a translation (the note says so)
    name_local         VARCHAR,            -- name in the local language as printed; NULL: not seen
    name_local_lang    VARCHAR,
    iso3               VARCHAR REFERENCES country(iso3),
    reach              VARCHAR NOT NULL CHECK (reach IN ('country', 'multinational')),
    scope              VARCHAR NOT NULL CHECK (scope IN ('national', 'subnational', 'regional', 'international')),
    type               VARCHAR NOT NULL CHECK (type IN ('association', 'network', 'union', 'council')),
    founded_year       INTEGER,
    source_title       VARCHAR NOT NULL,   -- page the founding or existence statement was read in
    source_title_lang  VARCHAR,
    source_url         VARCHAR NOT NULL,
    quote              VARCHAR NOT NULL,   -- that statement, in the original language
    quote_lang         VARCHAR,
    note               VARCHAR NOT NULL,   -- English: other sources, disagreements, members, status
    origin             VARCHAR NOT NULL,   -- file:row in the raw file
    CHECK ((iso3 IS NULL) = (reach = 'multinational'))
);

CREATE TABLE etl_run (
    build_id       VARCHAR NOT NULL,
    source_id      VARCHAR NOT NULL,
    started        TIMESTAMP NOT NULL,
    finished       TIMESTAMP NOT NULL,
    git_commit     VARCHAR,
    rows_read      BIGINT NOT NULL,
    rows_loaded    BIGINT NOT NULL,
    rows_rejected  BIGINT NOT NULL
);
