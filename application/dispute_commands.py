"""Disputes (劳动争议): acceptance, mediation, evidence, escalation, settlement, closure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

from application.base import RecordStore
from application.commands import (
    AddEvidence,
    AssignMediator,
    CloseDispute,
    DisputeCommand,
    EscalateDispute,
    OpenDispute,
    RecordSession,
    ReopenDispute,
    SettleDispute,
)
from application.dispute_views import dispute_details, events_for
from application.exceptions import DisputeNotFound
from application.views import DisputeDetails, Recorded, RecordedEvent
from domain.actor import Actor
from domain.dispute import Dispute


class DisputeService:
    def __init__(self, store: RecordStore) -> None:
        self.store = store

    def open_dispute(self, command: OpenDispute) -> Recorded:
        """Accept (受理) an active worker's dispute with an employer. The
        acceptance date starts the 15-day mediation clock (劳动争议调解仲裁法
        art. 14); a worker may have several disputes."""
        worker = self.store.active_worker(command.worker_id, "open a dispute", command)
        dispute = Dispute.open(
            worker=worker.dates,
            employer_name=command.employer_name,
            employer_code=command.employer_code,
            kind=command.kind,
            amount_claimed=command.amount_claimed,
            description=command.description,
            note=command.note,
            **self.store.stamp(command),
        )
        return self.store.create(dispute, "dispute")

    def assign_mediator(self, command: AssignMediator) -> Recorded:
        """Assign the mediator (by default the acting user); the dispute is then
        in mediation. A later assignment replaces the earlier one; the mediator
        already assigned records nothing."""
        mediator = command.mediator if command.mediator is not None else command.actor.user
        return self._change_dispute(
            command,
            lambda d: d.assign_mediator(
                mediator=mediator, note=command.note, **self.store.stamp(command)
            ),
        )

    def record_dispute_session(self, command: RecordSession) -> Recorded:
        """Record a mediation session, its attendees and a summary; only in mediation."""
        return self._change_dispute(
            command,
            lambda d: d.record_session(
                attendees=command.attendees,
                summary=command.summary,
                note=command.note,
                **self.store.stamp(command),
            ),
        )

    def add_dispute_evidence(self, command: AddEvidence) -> Recorded:
        """Add a document and its SHA-256 digest as evidence, until settlement or
        closure. The same document with the same digest again records nothing."""
        return self._change_dispute(
            command,
            lambda d: d.add_evidence(
                document_id=command.document_id,
                sha256=command.sha256,
                description=command.description,
                media_type=command.media_type,
                size=command.size,
                note=command.note,
                **self.store.stamp(command),
            ),
        )

    def escalate_dispute(self, command: EscalateDispute) -> Recorded:
        """Refer an unsettled dispute to arbitration, work-injury determination or a court."""
        return self._change_dispute(
            command,
            lambda d: d.escalate(
                to=command.to, reason=command.reason, note=command.note, **self.store.stamp(command)
            ),
        )

    def settle_dispute(self, command: SettleDispute) -> Recorded:
        """Record the agreement: the amount agreed and recovered (never more than agreed)."""
        return self._change_dispute(
            command,
            lambda d: d.settle(
                amount_agreed=command.amount_agreed,
                amount_recovered=command.amount_recovered,
                note=command.note,
                **self.store.stamp(command),
            ),
        )

    def close_dispute(self, command: CloseDispute) -> Recorded:
        """Close the dispute with its outcome, from any status but closed."""
        return self._change_dispute(
            command,
            lambda d: d.close(
                outcome=command.outcome,
                reason=command.reason,
                note=command.note,
                **self.store.stamp(command),
            ),
        )

    def reopen_dispute(self, command: ReopenDispute) -> Recorded:
        """Reopen a closed dispute, not before its closure: back in mediation if
        it has a mediator. The reopening starts a new 15-day mediation period."""
        return self._change_dispute(
            command,
            lambda d: d.reopen(
                reason=command.reason, note=command.note, **self.store.stamp(command)
            ),
        )

    def dispute_details(
        self,
        dispute_id: UUID,
        reader: Actor,
        *,
        version: int | None = None,
        today: date | None = None,
    ) -> DisputeDetails:
        """The dispute as `reader` may see it, with the mediation clock as of
        `today` (by default today). Caseworkers see kind, status, amounts and
        dates, not the case notes. `version`: as it was at that version."""
        dispute = self.store.load_as(
            Dispute, dispute_id, DisputeNotFound, at_version=version, reader=reader
        )
        return dispute_details(dispute, reader=reader.role, today=today or self.store.today())

    def dispute_events(self, dispute_id: UUID, reader: Actor) -> list[RecordedEvent]:
        """The dispute's events in order; for caseworkers without the case notes."""
        events = self.store.record_events(Dispute, dispute_id, DisputeNotFound, reader)
        return events_for(events, reader.role)

    def _change_dispute(
        self, command: DisputeCommand, change: Callable[[Dispute], None]
    ) -> Recorded:
        return self.store.change(Dispute, command.dispute_id, command, DisputeNotFound, change)
