"""Message catalogs -> checks: both languages complete and alike, every key used, no user-visible text outside t()."""
from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import plotly
import pytest

from dashboard.i18n import LANGS, LOCALES

DASHBOARD = LOCALES.parent
# Keys built at run time (f-strings): the constant prefix before the first {placeholder}, and why.
# Every catalog key starting with an allowed prefix counts as used; a prefix no key starts with is stale.
DYNAMIC_PREFIXES = {
    "api.doc_": "OpenAPI descriptions: one per endpoint, parameter and response code",
    "api.error_": "one API error message per error code",
    "app.maintenance_reason_": "one reason per db.WarehouseUnavailable code (missing, not a warehouse, unreadable)",
    "explorer.col_": "grid headers and the column picker: one label per observation column",
    "explorer.download_": "one link text per download format",
    "explorer.dropdown_": "dcc.Dropdown's own labels (search, select all, ...): one per Dash label key",
    "explorer.grid_": "AG Grid's own interface texts (localeText): one per grid text key",
    "explorer.label_": "one label per filter control",
    "explorer.placeholder_": "one dropdown placeholder per filter parameter",
    "explorer.snippet_": "one heading per code snippet (how to fetch the same data)",
    "explorer.unit_": "one label per indicator unit (persons, percent, per_100k)",
    "export.col_": "one description per observation column in the exports",
    "export.file_": "one description per file of the data package",
    "export.head_": "workbook column headings: one per provenance field",
    "export.language_": "the export's language, named in that language (en, ru)",
    "export.param_": "one label per filter parameter in the workbook's metadata sheet",
    "export.section_": "one heading per metadata section of the workbook",
    "overview.col_": "table column headers named after the DataFrame columns they show",
    "trends.bound_": "one message per bound of a range ('lower', 'upper') from the observation row",
    "trends.col_": "table column headers named after the DataFrame columns they show",
    "trends.coverage_": "coverage sentence per aggregate mode ('n of N reporting' / 'n of N pooled')",
    "trends.dropdown_": "dcc.Dropdown's own labels (search, select all, ...): one per Dash label key",
    "trends.mode_": "one label per regional aggregate mode offered in the radio items",
    "trends.proj_": "one message per projection status computed by dashboard.projection",
    "trends.ref_": "one label per reference line (30 %, parity) offered in the checklist",
    "trends.region_": "one message per regional aggregate mode (pooled, mean)",
}
# Places where text reaches the user: first positional argument, these keywords, these dict keys.
VISIBLE_KEYWORDS = {"children", "label", "title", "placeholder", "alt", "summary"}
VISIBLE_DICT_KEYS = {"label", "title", "aria-label", "aria-description", "placeholder"}
COMPONENT_MODULES = {"html", "dcc"}
# Literal text allowed outside the catalog, with the reason.
ALLOWED_LITERALS = {
    "EN": "language switch button: the language code reads the same in both languages",
    "RU": "language switch button: the language code reads the same in both languages",
}
SCANNED_FOR_LITERALS = ["pages/*.py", "callbacks/*.py", "components.py", "router.py"]


def catalogs() -> dict[str, dict[str, dict[str, str]]]:
    """{lang: {namespace: {key: text}}} straight from the JSON files."""
    return {lang: {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((LOCALES / lang).glob("*.json"))}
            for lang in LANGS}


def all_keys(lang: str = "en") -> set[str]:
    return {f"{ns}.{key}" for ns, messages in catalogs()[lang].items() for key in messages}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def python_files() -> list[Path]:
    return sorted(DASHBOARD.rglob("*.py"))


def trees() -> dict[Path, ast.AST]:
    return {path: ast.parse(path.read_text(encoding="utf-8"), filename=str(path)) for path in python_files()}


def string_constants(tree: ast.AST) -> set[str]:
    return {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def fstring_prefixes(tree: ast.AST, namespaces: set[str]) -> set[str]:
    """Constant heads of f-strings that look like message keys: f"trends.col_{k}" -> 'trends.col_'."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
            head = str(node.values[0].value)
            if re.fullmatch(r"[a-z_]+\.[a-z0-9_]*", head) and head.split(".")[0] in namespaces:
                found.add(head)
    return found


def t_call_literal_keys(tree: ast.AST) -> set[str]:
    """First arguments of t("...") calls that are plain string literals."""
    return {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t"
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)}


def test_both_languages_have_the_same_namespace_files():
    cats = catalogs()
    assert set(cats["en"]) == set(cats["ru"])


@pytest.mark.parametrize("namespace", sorted(catalogs()["en"]))
def test_each_namespace_has_the_same_keys_in_english_and_russian(namespace):
    cats = catalogs()
    en, ru = set(cats["en"][namespace]), set(cats["ru"].get(namespace, {}))
    assert (sorted(en - ru), sorted(ru - en)) == ([], [])


@pytest.mark.parametrize("lang", LANGS)
def test_no_message_is_empty(lang):
    empty = [f"{ns}.{k}" for ns, messages in catalogs()[lang].items() for k, v in messages.items()
             if not isinstance(v, str) or not v.strip()]
    assert empty == []


def test_placeholders_are_the_same_in_both_languages():
    cats = catalogs()
    differing = {f"{ns}.{k}": (placeholders(v), placeholders(cats["ru"][ns][k]))
                 for ns, messages in cats["en"].items() for k, v in messages.items()
                 if k in cats["ru"].get(ns, {}) and placeholders(v) != placeholders(cats["ru"][ns][k])}
    assert differing == {}


def test_every_literal_key_passed_to_t_exists_in_the_catalog():
    keys = all_keys()
    missing = {f"{path.relative_to(DASHBOARD)}: {key}" for path, tree in trees().items()
               for key in t_call_literal_keys(tree) if key not in keys}
    assert missing == set()


def test_every_key_built_at_run_time_has_an_allowed_prefix_with_a_reason():
    namespaces = set(catalogs()["en"])
    found = {f"{path.relative_to(DASHBOARD)}: {prefix}" for path, tree in trees().items()
             for prefix in fstring_prefixes(tree, namespaces) if prefix not in DYNAMIC_PREFIXES}
    assert found == set(), "add the prefix to DYNAMIC_PREFIXES with the reason, or write the keys out"


def test_no_allowed_dynamic_prefix_is_stale():
    keys = all_keys()
    assert {p for p in DYNAMIC_PREFIXES if not any(k.startswith(p) for k in keys)} == set()


def test_every_catalog_key_is_used_somewhere_in_the_dashboard_code():
    used = set().union(*(string_constants(tree) for tree in trees().values()))
    unused = {k for k in all_keys() if k not in used and not k.startswith(tuple(DYNAMIC_PREFIXES))}
    assert sorted(unused) == []


def has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def visible_nodes(call: ast.Call) -> list[ast.AST]:
    """Argument nodes of one component call whose text the user sees (list children are flattened)."""
    nodes = list(call.args[:1]) + [kw.value for kw in call.keywords if kw.arg in VISIBLE_KEYWORDS]
    for kw in call.keywords:
        if kw.arg is None and isinstance(kw.value, ast.Dict):  # **{"aria-label": ...}
            nodes += [v for k, v in zip(kw.value.keys, kw.value.values)
                      if isinstance(k, ast.Constant) and k.value in VISIBLE_DICT_KEYS]
    flat = []
    for node in nodes:
        flat += node.elts if isinstance(node, (ast.List, ast.Tuple)) else [node]
    return flat


def literal_text(node: ast.AST) -> str | None:
    """The user-visible literal text in a node: a string constant, or the constant parts of an f-string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
    return None


def is_component_call(node: ast.AST) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name) and node.func.value.id in COMPONENT_MODULES)


def option_labels(tree: ast.AST) -> list[ast.AST]:
    """Values of {"label": ...} dicts (dropdown, radio and checklist options)."""
    return [v for node in ast.walk(tree) if isinstance(node, ast.Dict)
            for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant) and k.value == "label"]


def user_visible_literals(path: Path, root: Path = DASHBOARD) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = [n for call in ast.walk(tree) if is_component_call(call) for n in visible_nodes(call)]
    nodes += option_labels(tree)
    return [f"{path.relative_to(root)}:{node.lineno}: {text!r}" for node in nodes
            if (text := literal_text(node)) is not None and has_letters(text) and text not in ALLOWED_LITERALS]


def test_no_user_visible_text_is_written_in_the_code_outside_the_catalog():
    paths = sorted({p for pattern in SCANNED_FOR_LITERALS for p in DASHBOARD.glob(pattern)})
    assert [hit for path in paths for hit in user_visible_literals(path)] == []


def test_the_literal_scan_catches_hard_coded_children_keywords_aria_labels_and_option_labels(tmp_path):
    sample = tmp_path / "page.py"
    sample.write_text('from dash import html\nx = html.Button("Download", title=t("a.b", lang))\n'
                      'y = html.Div(["Total: ", t("a.c", lang)], **{"aria-label": "Chart"})\n'
                      'z = [{"label": f"Year {y}", "value": 1}]\nw = html.Span(" \u00b7 ")\n', encoding="utf-8")
    hits = sorted(hit.split(": ", 1)[1] for hit in user_visible_literals(sample, tmp_path))
    assert hits == ["'Chart'", "'Download'", "'Total: '", "'Year '"]


PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
PLOTLY_LOCALE_RU = DASHBOARD.parent / "assets" / "plotly-locale-ru.js"
MODEBAR_TITLES = {"Download plot as a PNG", "Zoom", "Pan", "Zoom in", "Zoom out", "Autoscale", "Reset axes",
                  "Toggle Spike Lines", "Show closest data on hover", "Compare data on hover", "Reset view"}


def plotly_locale_keys() -> set[str]:
    block = PLOTLY_LOCALE_RU.read_text(encoding="utf-8").split("dictionary: {", 1)[1].split("},", 1)[0]
    return set(re.findall(r'^\s*"([^"]+)":', block, flags=re.M))


def test_the_russian_plotly_locale_translates_every_modebar_title():
    assert MODEBAR_TITLES - plotly_locale_keys() == set()


def test_every_key_of_the_russian_plotly_locale_is_a_string_the_bundled_plotly_js_uses():
    """plotly.js looks the English text up verbatim: a key it does not use (e.g. after an upgrade) is dead."""
    bundle = PLOTLY_JS.read_text(encoding="utf-8")
    assert {key for key in plotly_locale_keys() if f'"{key}"' not in bundle} == set()


def test_the_russian_plotly_locale_uses_a_decimal_comma():
    assert re.search(r'decimal:\s*","', PLOTLY_LOCALE_RU.read_text(encoding="utf-8"))
