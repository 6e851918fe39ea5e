"""Reading one subsidy: its state, why it is owed, and the events it relied on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from application.base import RecordStore
from application.event_views import recorded_event
from application.exceptions import SubsidyNotFound
from application.views import DOCUMENTED, RecordedEvent
from domain.actor import Actor
from domain.subsidy import Subsidy


@dataclass(frozen=True)
class EvidenceEvent:
    """One event an entitlement relied on, where it is in the log, as recorded."""

    __pydantic_config__ = DOCUMENTED

    aggregate_id: UUID
    version: int
    position: int
    """Where the event is in the log."""
    event: RecordedEvent | None
    """None only if the event is no longer in the store."""


@dataclass(frozen=True)
class SubsidyDetails:
    __pydantic_config__ = DOCUMENTED

    id: UUID
    version: int
    worker_id: UUID
    kind: str
    """transport_living, stable_job or life_adaptation."""
    basis: str
    """What makes it unique for the worker: transfer:<id>, month:YYYY-MM or once."""
    status: str
    """assessed, approved, rejected, paid, revoked, withdrawn or overpaid."""
    amount: Decimal
    """CNY the history supports (0 if it no longer does)."""
    policy_version: str
    arose_on: date
    explanation_zh: str
    explanation_en: str
    evaluated_at: int
    """The log position its last evaluation read up to."""
    evidence: list[EvidenceEvent]
    assessed_on: date
    decided_on: date | None
    decided_by: str | None
    decision_reason: str | None
    paid_amount: Decimal | None
    paid_on: date | None
    payment_reference: str | None
    overpaid_amount: Decimal | None
    """Paid but no longer supported."""
    revoked_on: date | None
    revocation_reason: str | None
    withdrawal_reason_zh: str | None
    withdrawal_reason_en: str | None
    created_at: datetime
    modified_at: datetime


class SubsidyQueries:
    def __init__(self, store: RecordStore) -> None:
        self.store = store

    def subsidy_details(
        self, subsidy_id: UUID, reader: Actor, *, version: int | None = None
    ) -> SubsidyDetails:
        s = self.store.load_as(
            Subsidy, subsidy_id, SubsidyNotFound, at_version=version, reader=reader
        )
        return SubsidyDetails(
            id=s.id,
            version=s.version,
            worker_id=s.worker_id,
            kind=s.kind.value,
            basis=s.basis,
            status=s.status.value,
            amount=s.amount,
            policy_version=s.policy_version,
            arose_on=s.arose_on,
            explanation_zh=s.explanation_zh,
            explanation_en=s.explanation_en,
            evaluated_at=s.evaluated_at,
            evidence=sorted((self._evidence(e) for e in s.evidence), key=lambda e: e.position),
            assessed_on=s.assessed_on,
            decided_on=s.decided_on,
            decided_by=s.decided_by,
            decision_reason=s.decision_reason,
            paid_amount=s.paid_amount,
            paid_on=s.paid_on,
            payment_reference=s.payment_reference,
            overpaid_amount=s.overpaid_amount,
            revoked_on=s.revoked_on,
            revocation_reason=s.revocation_reason,
            withdrawal_reason_zh=s.withdrawal_reason_zh,
            withdrawal_reason_en=s.withdrawal_reason_en,
            created_at=s.created_on,
            modified_at=s.modified_on,
        )

    def subsidy_events(self, subsidy_id: UUID, reader: Actor) -> list[RecordedEvent]:
        return self.store.record_events(Subsidy, subsidy_id, SubsidyNotFound, reader)

    def _evidence(self, ref: dict[str, object]) -> EvidenceEvent:
        aggregate_id = UUID(str(ref["aggregate_id"]))
        version = int(str(ref["version"]))
        found = list(self.store.events.get(aggregate_id, gt=version - 1, lte=version))
        return EvidenceEvent(
            aggregate_id=aggregate_id,
            version=version,
            position=int(str(ref["position"])),
            event=recorded_event(found[0]) if found else None,
        )
