"""The CLI's own error: a problem the user can fix, printed as one line."""

from __future__ import annotations


class CommandError(Exception):
    """A problem the user can fix; printed as one line, no traceback."""
