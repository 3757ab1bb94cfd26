"""Exports for people who read spreadsheets and slides: the results workbook and the committee deck.

`style` holds the shared look, `safety` the formula-injection rule, `names` what may be shown of people;
see docs/exports.md.
"""

from optimiser.export.result_book import book_sha256, write_result_book
from optimiser.export.safety import safe_text

__all__ = ["book_sha256", "safe_text", "write_result_book"]
