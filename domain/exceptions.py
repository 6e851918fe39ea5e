"""Errors the domain raises when a command breaks a rule."""

from __future__ import annotations


class DomainError(Exception):
    """A command was refused by a business rule."""


class InvalidValue(DomainError):
    """One input field does not hold a valid value.

    The message never repeats the value itself: it may be personal data.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class InvalidTransition(DomainError):
    """The command is not allowed in the aggregate's current state."""

    def __init__(self, command: str, state: str, reason: str = "") -> None:
        detail = f"cannot {command} when the record is {state}"
        super().__init__(f"{detail}: {reason}" if reason else detail)
        self.command = command
        self.state = state
