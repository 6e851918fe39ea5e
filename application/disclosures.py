"""Reading that leaves a trace: revealing a full ID number, and reading a
dispute's case notes (directly or in a replay), are each recorded as a
Disclosure before the data is shown (an auditor's replay: application/audit_history)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from application.base import RecordStore
from application.commands import RevealIdNumber
from application.dispute_views import dispute_details, events_for
from application.exceptions import DisputeNotFound, RecordNotFound, WorkerNotFound
from application.views import DOCUMENTED, DisputeDetails, RecordedEvent
from domain.actor import Actor
from domain.disclosure import Disclosure, DisclosureKind
from domain.dispute import Dispute
from domain.dispute_terms import may_read_case_notes
from domain.worker import Worker


@dataclass(frozen=True)
class DisclosureDetails:
    """Someone was shown sensitive data: a full ID number or a dispute's case notes."""

    __pydantic_config__ = DOCUMENTED

    id: UUID
    version: int
    kind: str
    """id_number, dispute_case_notes or evidence_file (the file's SHA-256 in `reason`)."""
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


class Disclosures:
    def __init__(self, store: RecordStore) -> None:
        self.store = store

    def reveal_id_number(self, command: RevealIdNumber) -> RevealedIdNumber:
        """The worker's full ID number, once the reveal — who, when, why — is
        recorded. If recording fails, nothing is revealed."""
        self.store.access.ensure_records(
            command.actor, command.fact, command.worker_id, WorkerNotFound, command.worker_id
        )
        worker = self.store.load_as(Worker, command.worker_id, WorkerNotFound)
        disclosure = Disclosure.record(
            kind=DisclosureKind.ID_NUMBER,
            record_id=worker.id,
            worker_id=worker.id,
            reason=command.reason,
            actor=command.actor,
            today=self.store.today(),
        )
        recorded = self.store.record(disclosure)
        return RevealedIdNumber(worker.id, worker.id_number, disclosure.id, recorded.position)

    def disclosure_details(
        self, disclosure_id: UUID, reader: Actor, *, version: int | None = None
    ) -> DisclosureDetails:
        d = self.store.load_as(
            Disclosure, disclosure_id, RecordNotFound, at_version=version, reader=reader
        )
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

    def read_dispute(self, dispute_id: UUID, reader: Actor) -> DisputeDetails:
        """The dispute as `reader` may see it; a reader shown the case notes is recorded."""
        dispute = self.store.load_as(Dispute, dispute_id, DisputeNotFound, reader=reader)
        shown = dispute_details(dispute, reader=reader.role, today=self.store.today())
        if not shown.restricted:
            self.record_case_notes_read(dispute.id, dispute.worker_id, reader)
        return shown

    def read_dispute_events(self, dispute_id: UUID, reader: Actor) -> list[RecordedEvent]:
        """The dispute's events as `reader` may see them, recorded likewise."""
        events = events_for(
            self.store.record_events(Dispute, dispute_id, DisputeNotFound, reader), reader.role
        )
        if may_read_case_notes(reader.role):
            worker_id = UUID(str(events[0].payload["worker_id"]))
            self.record_case_notes_read(dispute_id, worker_id, reader)
        return events

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
            today=self.store.today(),
        )
        return self.store.record(disclosure).position

    def record_evidence_file_read(self, dispute_id: UUID, sha256: str, reader: Actor) -> int:
        """Record that `reader` is being sent one of the dispute's evidence files
        (its hash in the reason), before a byte is sent; the log position.
        RecordNotFound unless that hash is evidence of that dispute."""
        dispute = self.store.load_as(Dispute, dispute_id, DisputeNotFound, reader=reader)
        if not any(e["sha256"] == sha256 and e.get("media_type") for e in dispute.evidence):
            raise RecordNotFound(f"{dispute_id}/evidence/{sha256}")
        disclosure = Disclosure.record(
            kind=DisclosureKind.EVIDENCE_FILE,
            record_id=dispute.id,
            worker_id=dispute.worker_id,
            reason=f"sha256:{sha256}",
            actor=reader,
            today=self.store.today(),
        )
        return self.store.record(disclosure).position
