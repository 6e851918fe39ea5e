"""Running a declared command from a form, as the JSON route runs it.

The page builds the same body (validated by the same model), the same command
(the actor from the session, the record from the path, the version the form
was rendered from as If-Match) and calls the same handler. What the domain or
the application refuse comes back as the form's errors, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from application.exceptions import (
    ConcurrentUpdate,
    DuplicateRecord,
    DuplicateRegistration,
    VersionMismatch,
    WorkerInactive,
)
from application.journey import Journey
from application.views import Recorded
from domain.actor import Actor
from domain.exceptions import InvalidTransition, InvalidValue
from interfaces.http.commands import COMMANDS
from interfaces.http.commands.declaration import Declared
from interfaces.i18n.catalogue import Language
from interfaces.i18n.errors import domain_message
from interfaces.web.forms import FormRefused, body_from

DECLARED: dict[str, Declared] = {declared.name: declared for declared in COMMANDS}


class Refused(Exception):
    """The command was not recorded: field errors, or a reason for the whole form."""

    def __init__(self, fields: list[tuple[str, str]], general: list[str], status: int) -> None:
        super().__init__(f"refused ({status})")
        self.fields = fields
        self.general = general
        self.status = status


class Stale(Exception):
    """Someone else changed the record since the form was rendered."""

    def __init__(self, expected: int, current: int) -> None:
        super().__init__(f"stale: {expected} < {current}")
        self.expected = expected
        self.current = current


class AlreadyRegistered(Exception):
    def __init__(self, worker_id: UUID) -> None:
        super().__init__("already registered")
        self.worker_id = worker_id


def run_declared(
    journey: Journey,
    declared: Declared,
    submitted: Mapping[str, str],
    lang: Language,
    *,
    actor: Actor,
    record_id: UUID | None,
    expected: int | None,
    fixed: Mapping[str, Any],
) -> Recorded:
    try:
        body = body_from(declared.body, submitted, lang, fixed=fixed)
        command = declared.command_for(body, actor, record_id, expected)
        return declared.handler(journey, command)
    except FormRefused as refused:
        raise Refused(refused.errors, [], 422) from None
    except InvalidValue as invalid:
        raise Refused([(invalid.field, domain_message(invalid.message, lang))], [], 422) from None
    except DuplicateRegistration as duplicate:
        raise AlreadyRegistered(duplicate.existing_id) from None
    except VersionMismatch as stale:
        raise Stale(stale.expected, stale.current) from None
    except (InvalidTransition, WorkerInactive, DuplicateRecord, ConcurrentUpdate) as refused:
        raise Refused([], [domain_message(str(refused), lang)], 409) from None
