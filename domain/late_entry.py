"""Late entry (补录): a fact recorded long after the day it happened.

Every fact has two times: its business date (`occurred_on`, the day it happened
in the world, as the user or a ledger gives it) and the time it was recorded
(never settable). Entering the past is legitimate — offices digitise years of
ledgers (台账) — and it is also what an auditor looks at first, so a fact
recorded long after its business date is flagged, never refused.

Why 30 days: an office closes a month's ledger within the following month (the
employers' payroll confirmations, the month's subsidy list), so a fact recorded
in the ordinary course of work is in within a month of happening. One recorded
later was caught up afterwards: transcribed from paper, imported from a
spreadsheet, or back-dated by hand.
"""

from __future__ import annotations

from datetime import date

LATE_ENTRY_DAYS = 30


def days_late(occurred_on: date, recorded_on: date) -> int:
    """How many days after its business date a fact was recorded; `recorded_on`
    is the recorded time's date in Asia/Shanghai, where the offices are. Never
    negative: a business date is never after the day it is recorded."""
    return max(0, (recorded_on - occurred_on).days)


def entered_late(occurred_on: date, recorded_on: date) -> bool:
    """Whether the fact was recorded more than LATE_ENTRY_DAYS after it happened."""
    return days_late(occurred_on, recorded_on) > LATE_ENTRY_DAYS
