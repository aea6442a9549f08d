"""A page's view state <-> the URL query: parse, clean, serialise, and one callback that keeps both in sync."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import parse_qsl, urlencode

from dash import Input, Output, State, callback, ctx, no_update


@dataclass(frozen=True)
class Field:
    """One piece of view state: query parameter `param` mirrors `component`.`prop`.

    kind: 'str' | 'int' | 'bool' | 'list' (comma-separated in the URL). `clean` turns any
    user-supplied value into an allowed one (or the default), so a hand-edited URL cannot break a page.
    """

    param: str
    component: str
    default: Any
    kind: str = "str"
    prop: str = "value"
    clean: Callable[[Any], Any] | None = None


def parse_search(search: str | None) -> dict[str, str]:
    """'?a=1&b=x,y' -> {'a': '1', 'b': 'x,y'} (the last value wins when a parameter repeats)."""
    return dict(parse_qsl((search or "").lstrip("?"), keep_blank_values=True))


def _from_text(field: Field, text: str | None):
    if text is None:
        return field.default
    try:
        if field.kind == "int":
            value = int(text)
        elif field.kind == "bool":
            value = text in ("1", "true", "yes", "on")
        elif field.kind == "list":
            value = [v for v in text.split(",") if v]
        else:
            value = text
    except ValueError:
        return field.default
    return field.clean(value) if field.clean else value


def _to_text(field: Field, value) -> str | None:
    if value is None or value == field.default:
        return None
    if field.kind == "list":
        return ",".join(str(v) for v in value)
    if field.kind == "bool":
        return "1" if value else "0"
    return str(value)


def read(fields: list[Field], query: dict[str, str]) -> dict[str, Any]:
    """Clean view state from a parsed query (layout functions call this with their **kwargs)."""
    return {f.param: _from_text(f, query.get(f.param)) for f in fields}


def to_search(fields: list[Field], values: dict[str, Any], keep: dict[str, str]) -> str:
    """The query string for a view: only non-default values, plus parameters to keep (e.g. lang)."""
    pairs = {k: v for k, v in keep.items() if v}
    for f in fields:
        text = _to_text(f, values.get(f.param))
        if text is not None:
            pairs[f.param] = text
    return "?" + urlencode(pairs, safe=",") if pairs else ""


def location_id(page: str) -> str:
    """The id of the dcc.Location the router puts inside page `page` (the module name, e.g. 'trends').

    Each page syncs with a Location of its own so that all of a sync callback's components live on that
    page: Dash reports a callback whose inputs exist only in part as an error in the browser console.
    """
    return f"{page}-url"


def register(page: str, fields: list[Field], hold: tuple[str, str, Any] | None = None) -> None:
    """Controls -> URL (push a history entry), and URL (back/forward) -> controls, in one callback.

    hold = (component, prop, value): while component.prop equals value (e.g. an animation playing), the
    controls' changes are not written to the URL; when it changes, the URL catches up in one history entry.
    """
    url_id = location_id(page)
    outputs = [Output(url_id, "search", allow_duplicate=True)]
    outputs += [Output(f.component, f.prop, allow_duplicate=True) for f in fields]
    inputs = [Input(url_id, "search")] + [Input(f.component, f.prop) for f in fields]
    holds = [Input(hold[0], hold[1])] if hold else []

    @callback(outputs, inputs + holds, State(url_id, "pathname"), prevent_initial_call=True)
    def sync(search, *rest):
        control_values = rest[:len(fields)]
        query = parse_search(search)
        if ctx.triggered_id == url_id:
            state = read(fields, query)
            return [no_update] + [
                no_update if state[f.param] == current else state[f.param]
                for f, current in zip(fields, control_values)
            ]
        if hold and rest[len(fields)] == hold[2]:
            return [no_update] * (len(fields) + 1)
        values = {f.param: v for f, v in zip(fields, control_values)}
        keep = {"lang": query.get("lang", "")}
        new_search = to_search(fields, values, keep)
        return [no_update if new_search == (search or "") else new_search] + [no_update] * len(fields)
