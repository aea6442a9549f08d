"""Labels + Dash controls -> named, keyboard-operable form controls: labelled dropdowns and toggle-button choices.

Dash 4's dropdown names its button after its value (aria-labelledby), never after its <label>; its RadioItems and
Checklist put their <input>s inside role="option" labels of an unnamed role="listbox" (axe-core: nested
interactive controls, a listbox without a name). Here a dropdown sits in a group named by its label, and a small
choice is a fieldset of native buttons with aria-pressed, keeping the choice in a Store that urlstate mirrors.
"""
from __future__ import annotations

from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update


def labelled(label: str, control, control_id: str, class_name: str = "") -> html.Div:
    """A visible label and its control in a group the label names (what a screen reader says on entering it)."""
    label_id = f"{control_id}-label"
    return html.Div([html.Label(label, htmlFor=control_id, id=label_id, className="control-label"), control],
                    className=f"control {class_name}".strip(), role="group", **{"aria-labelledby": label_id})


def option_type(store_id: str) -> str:
    """The pattern-matching id type of a group's buttons: {'type': '<store>-option', 'value': <option value>}."""
    return f"{store_id}-option"


def pressed(value, chosen, multi: bool) -> str:
    """aria-pressed of one option: 'true' when it is the choice (or one of the choices)."""
    return "true" if (value in (chosen or []) if multi else value == chosen) else "false"


def toggle_group(store_id: str, legend: str, options: list[tuple], chosen, multi: bool = False,
                 class_name: str = "") -> html.Fieldset:
    """The buttons under their legend and the Store holding the choice (a value, or a list when `multi`)."""
    buttons = [html.Button(label, id={"type": option_type(store_id), "value": value}, type="button",
                           className="toggle", **{"aria-pressed": pressed(value, chosen, multi)})
               for value, label in options]
    return html.Fieldset([
        html.Legend(legend, className="control-label"),
        html.Div(buttons, className="toggles toggles-any" if multi else "toggles toggles-one"),
        dcc.Store(id=store_id, data=chosen),
    ], className=f"control toggle-group {class_name}".strip())


def choose(clicked, chosen, values: list, multi: bool):
    """The new choice after a click on `clicked`: that option alone, or (multi) the list with it toggled."""
    if not multi:
        return clicked
    kept = set(chosen or []) ^ {clicked}
    return [v for v in values if v in kept]   # in the order of the buttons, whatever the click order


def register_toggles(store_id: str, multi: bool = False) -> None:
    """Clicks -> the Store; the Store (also when the URL changed it) -> every button's aria-pressed."""
    buttons = {"type": option_type(store_id), "value": ALL}

    @callback(Output(store_id, "data", allow_duplicate=True), Input(buttons, "n_clicks"),
              State(store_id, "data"), State(buttons, "id"), prevent_initial_call=True)
    def on_click(clicks, chosen, button_ids):
        hit = ctx.triggered_id
        # Fires when the buttons are rendered anew (language switch) too: only a real click counts.
        if not hit or not any(clicks or []):
            return no_update
        new = choose(hit["value"], chosen, [b["value"] for b in button_ids], multi)
        return no_update if new == chosen else new

    @callback(Output(buttons, "aria-pressed"), Input(store_id, "data"), State(buttons, "id"),
              prevent_initial_call=True)
    def show(chosen, button_ids):
        return [pressed(b["value"], chosen, multi) for b in button_ids]
