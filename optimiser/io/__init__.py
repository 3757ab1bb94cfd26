"""The Excel workbook: the template planners fill in, reading it back, and validation messages.

Public API:
* `write_template(path)` — the empty template; `write_book(instance, path)` — a filled book;
* `read_book(path) -> ReadResult` (never raises for bad input); `load_instance(path)` (raises BookError);
* `render(problem, lang)`, `format_problems(problems, lang)` — problems as a planner reads them.
"""

from optimiser.io.messages import format_problems, is_error, render
from optimiser.io.read import BookError, ReadResult, load_instance, read_book
from optimiser.io.template import write_book, write_template

__all__ = [
    "BookError",
    "ReadResult",
    "format_problems",
    "is_error",
    "load_instance",
    "read_book",
    "render",
    "write_book",
    "write_template",
]
