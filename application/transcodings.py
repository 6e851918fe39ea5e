"""How the value types of our events are stored as JSON.

Every Application or projection that decodes these events must register them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.actor import Actor, Role
from domain.ledger_entry import LedgerEntry


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class ActorAsDict(Transcoding):
    type = Actor
    name = "actor"

    def encode(self, obj: Actor) -> dict[str, Any]:
        data: dict[str, Any] = {"user": obj.user, "role": obj.role.value, "office": obj.office}
        if obj.imported_from is not None:
            data["imported_from"] = obj.imported_from.as_dict()
        return data

    def __init__(self) -> None:
        # The same few staff act on thousands of events: decode each once.
        # (Actor is frozen, so sharing one instance is safe.)
        self._known: dict[tuple[str, str, str], Actor] = {}

    def decode(self, data: dict[str, Any]) -> Actor:
        entry = data.get("imported_from")
        if entry is not None:  # one row's stamp: not worth keeping
            return Actor(
                user=data["user"],
                role=Role(data["role"]),
                office=data["office"],
                imported_from=LedgerEntry(entry["ledger_sha256"], entry["sheet"], entry["row"]),
            )
        key = (data["user"], data["role"], data["office"])
        actor = self._known.get(key)
        if actor is None:
            if len(self._known) > 10_000:
                self._known.clear()
            actor = self._known[key] = Actor(user=key[0], role=Role(key[1]), office=key[2])
        return actor


def register_domain_transcodings(transcoder: JSONTranscoder) -> None:
    transcoder.register(DateAsISO())
    transcoder.register(ActorAsDict())
