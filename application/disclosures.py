"""Reading that leaves a trace: revealing a full ID number, and reading a
dispute's case notes, are each recorded as a Disclosure before the data is shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from application.base import JourneyBase
from application.commands import RevealIdNumber
from application.exceptions import RecordNotFound, WorkerNotFound
from domain.actor import Actor
from domain.disclosure import Disclosure, DisclosureKind
from domain.worker import Worker


@dataclass(frozen=True)
class DisclosureDetails:
    id: UUID
    version: int
    kind: str
    record_id: UUID
    worker_id: UUID
    reason: str | None
    disclosed_to: Actor
    disclosed_on: date
    recorded_at: datetime


@dataclass(frozen=True)
class RevealedIdNumber:
    worker_id: UUID
    id_number: str
    disclosure_id: UUID
    position: int


class Disclosures(JourneyBase):
    def reveal_id_number(self, command: RevealIdNumber) -> RevealedIdNumber:
        """The worker's full ID number, once the reveal — who, when, why — is
        recorded. If recording fails, nothing is revealed."""
        worker = self._load_as(Worker, command.worker_id, WorkerNotFound)
        disclosure = Disclosure.record(
            kind=DisclosureKind.ID_NUMBER,
            record_id=worker.id,
            worker_id=worker.id,
            reason=command.reason,
            actor=command.actor,
            today=self.today(),
        )
        recorded = self._commit(disclosure)
        return RevealedIdNumber(worker.id, worker.id_number, disclosure.id, recorded.position)

    def disclosure_details(
        self, disclosure_id: UUID, *, version: int | None = None
    ) -> DisclosureDetails:
        d = self._load_as(Disclosure, disclosure_id, RecordNotFound, at_version=version)
        return DisclosureDetails(
            id=d.id,
            version=d.version,
            kind=d.kind.value,
            record_id=d.record_id,
            worker_id=d.worker_id,
            reason=d.reason,
            disclosed_to=d.disclosed_to,
            disclosed_on=d.disclosed_on,
            recorded_at=d.created_on,
        )

    def record_case_notes_read(
        self, dispute_id: UUID, worker_id: UUID, reader: Actor, reason: str | None = None
    ) -> int:
        """Record that `reader` is being shown a dispute's case notes; the log position."""
        disclosure = Disclosure.record(
            kind=DisclosureKind.DISPUTE_CASE_NOTES,
            record_id=dispute_id,
            worker_id=worker_id,
            reason=reason,
            actor=reader,
            today=self.today(),
        )
        return self._commit(disclosure).position
