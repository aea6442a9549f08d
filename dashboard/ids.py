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
