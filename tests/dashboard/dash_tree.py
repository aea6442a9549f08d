"""Dash component trees -> the components, texts and ids the page tests look for; query and SQL helpers."""
from __future__ import annotations

import json
import sys

import dash
import duckdb
from dash._callback_context import context_value
from dash._utils import AttributeDict


def walk(component):
    """Every component of a Dash tree, depth first."""
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if hasattr(child, "to_plotly_json"):
            yield from walk(child)


def texts(component) -> list[str]:
    """Every string or number shown as a child anywhere in the tree, in document order."""
    found = []
    for c in walk(component):
        children = getattr(c, "children", None)
        found += [str(x) for x in (children if isinstance(children, (list, tuple)) else [children])
                  if isinstance(x, (str, int, float))]
    return found


def by_id(component, component_id):
    return next(c for c in walk(component) if getattr(c, "id", None) == component_id)


def page_module(path: str):
    """The page module as Dash imported it ('pages.<name>'), after the app exists.

    Importing dashboard.pages.<name> again would register its path a second time, without a layout, and the
    router, which takes the first page matching a URL, would then fail on that path for the rest of the run.
    """
    import dashboard.app  # noqa: F401  (the app imports the pages)
    entry = next(p for p in dash.page_registry.values() if p["path"] == path and "layout" in p)
    return sys.modules[entry["module"]]


def check_query(name: str, params: dict, columns: list[str]) -> None:
    """A query file runs on the served warehouse and returns rows with exactly its documented columns."""
    from dashboard import db
    frame = db.query(name, **params)
    assert list(frame.columns) == columns
    assert len(frame) > 0


def sql(warehouse, statement: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(statement).fetchall()


def triggered(*prop_ids) -> None:
    """Run a callback body as if these inputs had fired (Dash reads them from its context variable).

    A prop id is 'component.prop', or (dict id, prop) for a pattern-matching component.
    """
    inputs = [{"prop_id": p if isinstance(p, str) else f"{json.dumps(p[0], separators=(',', ':'))}.{p[1]}",
               "value": None} for p in prop_ids]
    context_value.set(AttributeDict(triggered_inputs=inputs))
