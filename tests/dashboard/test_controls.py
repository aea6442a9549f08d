"""dashboard.controls, dashboard.tables and wording.wrapped as component trees: names, roles, pressed states, cells."""
from __future__ import annotations

import pytest
from dash import dcc, html
from dash_tree import by_id, texts, walk

from dashboard import controls, tables
from dashboard.figures.wording import wrapped


def test_labelled_puts_label_and_control_in_a_group_the_label_names():
    group = controls.labelled("Scope", dcc.Dropdown(id="x-scope"), "x-scope", "x-class")
    label = by_id(group, "x-scope-label")
    assert group.role == "group" and getattr(group, "aria-labelledby") == "x-scope-label"
    assert (label.children, label.htmlFor) == ("Scope", "x-scope")
    assert group.className == "control x-class"


def test_a_toggle_group_is_a_fieldset_of_buttons_under_its_legend_with_the_choice_in_a_store():
    group = controls.toggle_group("x-mode", "Mode", [("a", "First"), ("b", "Second")], "b")
    assert isinstance(group, html.Fieldset) and group.children[0].children == "Mode"
    buttons = [c for c in walk(group) if isinstance(c, html.Button)]
    assert [(b.id, b.type, getattr(b, "aria-pressed")) for b in buttons] == [
        ({"type": "x-mode-option", "value": "a"}, "button", "false"),
        ({"type": "x-mode-option", "value": "b"}, "button", "true")]
    assert by_id(group, "x-mode").data == "b" and isinstance(by_id(group, "x-mode"), dcc.Store)


@pytest.mark.parametrize("clicked,chosen,multi,expected", [
    ("b", "a", False, "b"),
    ("a", "a", False, "a"),
    (50, [30, 50], True, [30]),
    (30, [50], True, [30, 50]),         # the buttons' order, not the click order
    (30, None, True, [30]),
])
def test_choose_takes_one_option_or_toggles_one_of_several(clicked, chosen, multi, expected):
    assert controls.choose(clicked, chosen, [30, 50] if multi else ["a", "b"], multi) == expected


def test_pressed_says_true_only_for_the_chosen_options():
    assert [controls.pressed(v, [30], True) for v in (30, 50)] == ["true", "false"]
    assert [controls.pressed(v, "a", False) for v in ("a", "b")] == ["true", "false"]
    assert controls.pressed(30, None, True) == "false"


def test_table_has_caption_column_headers_row_headers_and_right_aligned_numbers():
    table = tables.table("Caption", ["State", "Share"], [["Kazakhstan", "8%"], ["Uzbekistan", "no data"]],
                         numeric=(1,), class_name="x-table", row_classes=["is-ca", None])
    assert table.className == "data x-table" and table.children[0].children == "Caption"
    heads = [c for c in walk(table.children[1]) if isinstance(c, html.Th)]
    assert [(h.children, h.scope) for h in heads] == [("State", "col"), ("Share", "col")]
    first, second = table.children[2].children
    assert first.className == "is-ca" and second.className is None
    assert (first.children[0].scope, first.children[1].className) == ("row", "num")
    assert texts(table) == ["Caption", "State", "Share", "Kazakhstan", "8%", "Uzbekistan", "no data"]


def test_folded_puts_a_summary_line_before_the_body():
    details = tables.folded("Table: data", html.P("body"), class_name="x")
    assert isinstance(details, html.Details) and details.className == "x"
    assert texts(details) == ["Table: data", "body"]


def test_wrapped_breaks_long_lines_at_spaces_with_br():
    assert wrapped("Source: one two three", 12) == "Source: one<br>two three"
    assert wrapped("short", 12) == "short"
