"""How the value types of our events are stored as JSON.

Every Application or projection that decodes these events must register them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.actor import Actor, Role


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

    def encode(self, obj: Actor) -> dict[str, str]:
        return {"user": obj.user, "role": obj.role.value, "office": obj.office}

    def decode(self, data: dict[str, Any]) -> Actor:
        return Actor(user=data["user"], role=Role(data["role"]), office=data["office"])


def register_domain_transcodings(transcoder: JSONTranscoder) -> None:
    transcoder.register(DateAsISO())
    transcoder.register(ActorAsDict())
