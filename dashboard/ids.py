"""Component ids: kebab-case '<page>-<thing>' constants, one section per page."""

# --- app shell (app.py, components.py) ---
URL = "app-url"
LANG = "app-lang"
PAGE = "app-page"
TITLE = "app-title"
LANG_EN = "app-lang-en"
LANG_RU = "app-lang-ru"
SKIP_LINK = "app-skip-link"
MAIN = "app-main"

# --- sources ---
SOURCES_TOC = "sources-toc"
SOURCES_SOURCES = "sources-sources"
SOURCES_DOCUMENTS = "sources-documents"
SOURCES_CAVEATS = "sources-caveats"
SOURCES_INDICATORS = "sources-indicators"
SOURCES_SCOPES = "sources-scopes"
SOURCES_FLAGS = "sources-flags"
SOURCES_REGIONS = "sources-regions"
SOURCES_BUILD = "sources-build"

# --- associations (and their section of the country profile) ---
ASSOCIATIONS_TOC = "associations-toc"
ASSOCIATIONS_FINDING = "associations-finding"
ASSOCIATIONS_GROUP = "associations-group"      # prefix: one section per group, '<prefix>-<region code>'
ASSOCIATIONS_STATES = "associations-states"
COUNTRY_ASSOCIATIONS = "country-associations"

# --- overview ---
OVERVIEW_SCOPE = "overview-scope"
OVERVIEW_YEAR = "overview-year"
OVERVIEW_YEAR_SLIDER = "overview-year-slider"
OVERVIEW_YEARS = "overview-years"
OVERVIEW_YEAR_LABEL = "overview-year-label"
OVERVIEW_YEAR_NOTE = "overview-year-note"
OVERVIEW_PLAY = "overview-play"
OVERVIEW_TICK = "overview-tick"
OVERVIEW_CARDS = "overview-cards"
OVERVIEW_MAP = "overview-map"
OVERVIEW_MAP_SUMMARY = "overview-map-summary"
OVERVIEW_MISSING = "overview-missing"
OVERVIEW_RANKING = "overview-ranking"
OVERVIEW_RANKING_SUMMARY = "overview-ranking-summary"
OVERVIEW_TABLE = "overview-table"

# --- coverage ---
COVERAGE_SOURCE = "coverage-source"
COVERAGE_FINDING = "coverage-finding"
COVERAGE_MATRIX = "coverage-matrix"
COVERAGE_SUMMARY = "coverage-summary"
COVERAGE_TABLE = "coverage-table"

# --- trends ---
TRENDS_COUNTRIES = "trends-countries"
TRENDS_REGIONS = "trends-regions"
TRENDS_SCOPE = "trends-scope"
TRENDS_MODE = "trends-mode"
TRENDS_REF = "trends-ref"
TRENDS_GRAPH = "trends-graph"
TRENDS_SUMMARY = "trends-summary"
TRENDS_LATEST = "trends-latest"
TRENDS_COVERAGE = "trends-coverage"
TRENDS_DATA = "trends-data"

# --- country ---
COUNTRY_SELECT = "country-select"
COUNTRY_GRAPH = "country-graph"

# --- explorer ---
EXPLORER_COUNTRIES = "explorer-countries"
EXPLORER_REGIONS = "explorer-regions"
EXPLORER_YEAR_FROM = "explorer-year-from"
EXPLORER_YEAR_TO = "explorer-year-to"
EXPLORER_INDICATORS = "explorer-indicators"
EXPLORER_SOURCES = "explorer-sources"
EXPLORER_SCOPES = "explorer-scopes"
EXPLORER_FLAGS = "explorer-flags"
EXPLORER_PREFERRED = "explorer-preferred"
EXPLORER_COLUMNS = "explorer-columns"
EXPLORER_SORT = "explorer-sort"
EXPLORER_GRID = "explorer-grid"
EXPLORER_COUNT = "explorer-count"
EXPLORER_DOWNLOADS = "explorer-downloads"
EXPLORER_SNIPPETS = "explorer-snippets"
EXPLORER_RESET = "explorer-reset"

# --- present ---
PRESENT_ROOT = "present-root"
PRESENT_DECK = "present-deck"                  # store: the slides on screen, then every slide in both languages
PRESENT_REST = "present-rest"                  # store: present.js asks for the rest of the deck through it
PRESENT_POSITION = "present-position"          # store: slide index, language, blanked (the slide show)
PRESENT_SPEAKER_POSITION = "present-speaker-position"   # the same for the speaker view
PRESENT_STAGE = "present-stage"
PRESENT_TITLE = "present-title"
PRESENT_TAKEAWAY = "present-takeaway"
PRESENT_GRAPH = "present-graph"
PRESENT_NUMBER = "present-number"
PRESENT_TOTAL = "present-total"
PRESENT_QR = "present-qr"
PRESENT_SHORT = "present-short"
PRESENT_SUMMARY = "present-summary"
PRESENT_TABLE = "present-table"
PRESENT_LIVE = "present-live"
PRESENT_BLANK = "present-blank"
PRESENT_TOOLBAR = "present-toolbar"
PRESENT_NOTES = "present-notes"
PRESENT_NEXT_TITLE = "present-next-title"
PRESENT_NEXT_GRAPH = "present-next-graph"
PRESENT_ADD = "present-add"                    # header button: add the current view to my deck
PRESENT_ADD_STATUS = "present-add-status"
PRESENT_DRAFT = "present-draft"                # local-storage store: the deck being edited
PRESENT_DRAFT_LIST = "present-draft-list"
PRESENT_DRAFT_LINKS = "present-draft-links"
PRESENT_DRAFT_STATUS = "present-draft-status"
PRESENT_DRAFT_CLEAR = "present-draft-clear"
PRESENT_EXPORT = "present-export"
PRESENT_DOWNLOAD = "present-download"
PRESENT_IMPORT = "present-import"
PRESENT_DRAFT_ITEM = "present-draft-item"      # pattern-matching type: {"type": ..., "index": i, "field": ...}
PRESENT_SPEAKER_TITLE = "present-speaker-title"
PRESENT_SPEAKER_TAKEAWAY = "present-speaker-takeaway"
PRESENT_SPEAKER_NUMBER = "present-speaker-number"
