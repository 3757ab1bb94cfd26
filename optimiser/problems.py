"""Validation problems as a planner reads them: sheet, row, column, what is wrong, how to fix it.

A `Problem` carries a message code and its arguments; `optimiser.io.messages` renders it in Danish
(default) or English. Rows are the Excel row numbers the planner sees (header is row 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["da", "en"]


@dataclass(frozen=True)
class Problem:
    sheet: str | None
    row: int | None
    column: str | None
    code: str
    args: dict[str, object] = field(default_factory=dict)
