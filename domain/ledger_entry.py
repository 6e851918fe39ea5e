"""Where an imported fact came from: a row of an office's ledger (台账).

Facts taken from a spreadsheet are the same events the commands record, dated
with the ledger's business dates; each is stamped with the file's SHA-256 and
the row it came from, so an auditor can put the spreadsheet next to the record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.exceptions import InvalidValue

_SHA256 = re.compile(r"[0-9a-f]{64}")
SHEET_NAME_MAX_LENGTH = 31  # Excel's own limit


@dataclass(frozen=True)
class LedgerEntry:
    """The ledger file (its SHA-256), the sheet and the spreadsheet row number."""

    ledger_sha256: str
    sheet: str
    row: int

    def __post_init__(self) -> None:
        if not _SHA256.fullmatch(self.ledger_sha256):
            raise InvalidValue("ledger_sha256", "must be 64 lowercase hexadecimal digits")
        if self.row < 1:
            raise InvalidValue("row", "must be 1 or more")
        if len(self.sheet) > SHEET_NAME_MAX_LENGTH:
            raise InvalidValue("sheet", f"must be at most {SHEET_NAME_MAX_LENGTH} characters")

    def as_dict(self) -> dict[str, str | int]:
        return {"ledger_sha256": self.ledger_sha256, "sheet": self.sheet, "row": self.row}
