"""The cursor of a keyset-paginated list: the log position of the last row
shown, as digits. Opaque to callers, who pass back what `next_cursor` gave."""

from __future__ import annotations

from domain.exceptions import InvalidValue

# Positions are 64-bit; 18 digits reach 10^18 events, which no log gets near.
# Stating the shape exactly lets the OpenAPI say which cursors exist.
CURSOR_DIGITS = 18
CURSOR_PATTERN = f"^[0-9]{{0,{CURSOR_DIGITS}}}$"


def position_after(cursor: str | None) -> int:
    """The position a cursor stands for; no cursor (or an empty one) is the start."""
    if cursor is None or cursor == "":
        return 0
    if not cursor.isascii() or not cursor.isdigit() or len(cursor) > CURSOR_DIGITS:
        raise InvalidValue("cursor", "is not a cursor this list gave out")
    return int(cursor)
