"""Problems found in input: each names the file, row, column, value and the rule it breaks."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input. `row` is the 1-based line or sheet row (None: the whole file)."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        value = "" if self.value is None else f": value {self.value!r}"
        return f"{where}{value}: {self.rule}"


class InputError(Exception):
    """One or more problems that make an input unusable; nothing from it may be loaded."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or ""))
        super().__init__("\n".join(str(p) for p in self.problems))


class FetchError(Exception):
    """A download from a publisher failed (offline, HTTP error, unexpected payload); nothing was changed."""
