"""Rows of cells -> accessible HTML tables (caption, column headers, row headers), folded in <details> or not."""
from __future__ import annotations

from dash import html


def _cells(row: list, numeric: tuple[int, ...]) -> list:
    """The first cell names the row (a row header for screen readers); numbers are right-aligned."""
    return [html.Th(row[0], scope="row")] + [
        html.Td(value, className="num" if i in numeric else None) for i, value in enumerate(row[1:], start=1)]


def table(caption: str, headers: list[str], rows: list[list], numeric: tuple[int, ...] = (),
          class_name: str = "", row_classes: list[str | None] | None = None) -> html.Table:
    """A data table: `numeric` holds the indexes of number columns, `row_classes` one class (or None) per row."""
    classes = row_classes or [None] * len(rows)
    return html.Table([
        html.Caption(caption),
        html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
        html.Tbody([html.Tr(_cells(row, numeric), className=c) for row, c in zip(rows, classes, strict=True)]),
    ], className=f"data {class_name}".strip())


def folded(summary: str, *body, class_name: str = "") -> html.Details:
    """A table (or anything) behind a summary line: the chart stays first, its data one click away."""
    return html.Details([html.Summary(summary), *body], className=class_name or None)
