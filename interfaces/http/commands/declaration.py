"""How a command is declared: once, with everything HTTP needs to serve it.

A declaration names the command's path, its request body, the application
command it becomes, the handler that runs it and the permission it needs.
The route, its OpenAPI entry and its access check are made from it
(`interfaces/http/commands/routes.py`); nothing copies the stamp by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any
from uuid import UUID

from pydantic import BaseModel

from application.commands import ChangeCommand, Command
from application.journey import Journey
from application.views import Recorded
from domain.actor import Actor
from interfaces.http.access import Permission


@dataclass(frozen=True)
class RecordKind:
    """A kind of record commands address: where it lives, how its path names it,
    and how a command's answer shows it to the caller."""

    collection: str  # "/workers"
    id_param: str  # "worker_id", as in the command and the path
    id_from_path: Callable[..., UUID]  # the dependency reading it (404 if no UUID)
    shape: type[Any]  # what `view` answers, for the OpenAPI
    view: Callable[[Journey, UUID, Actor], object]

    def location(self, record_id: UUID) -> str:
        return f"{self.collection}/{record_id}"


def body_fields(body: BaseModel) -> dict[str, Any]:
    """The body's fields as the command takes them: enums by their value."""
    return {
        name: value.value if isinstance(value, Enum) else value
        for name, value in ((name, getattr(body, name)) for name in type(body).model_fields)
    }


@dataclass(frozen=True)
class Declared:
    """One command. `action` is the path below the record ("/contact"); None
    for the command that creates the record (POST on the collection, 201)."""

    record: RecordKind
    action: str | None
    body: type[BaseModel]
    command: type[Command]
    handler: Callable[[Journey, Any], Recorded]
    permission: Permission
    doc: str
    # The command's own fields from the body, where they are not the same names.
    to_fields: Callable[[Any], Mapping[str, Any]] = field(default=body_fields)

    @property
    def name(self) -> str:
        return self.handler.__name__

    @property
    def creates(self) -> bool:
        return self.action is None

    @property
    def path(self) -> str:
        if self.action is None:
            return self.record.collection
        return f"{self.record.collection}/{{{self.record.id_param}}}{self.action}"

    def command_for(
        self, body: BaseModel, actor: Actor, record_id: UUID | None, expected: int | None
    ) -> Command:
        """The application command: the caller from the token, the record and
        If-Match from the request line and headers, the rest from the body."""
        stamp: dict[str, Any] = {"actor": actor}
        if record_id is not None:
            stamp |= {self.record.id_param: record_id, "expected_version": expected}
        return self.command(**stamp, **self.to_fields(body))

    def check(self) -> None:
        """Refuse a declaration whose body and command disagree (run at start-up
        and by the tests): every body field must reach the command, and a command
        on an existing record must take its id and the expected version."""
        taken = {f.name for f in fields(self.command)}
        changes = issubclass(self.command, ChangeCommand)
        if changes == self.creates or (changes and self.record.id_param not in taken):
            raise TypeError(f"{self.name}: {self.command.__name__} does not fit {self.path}")
        sample = set(self.body.model_fields)
        if self.to_fields is body_fields and not sample <= taken:
            raise TypeError(f"{self.name}: {sorted(sample - taken)} are not in the command")
