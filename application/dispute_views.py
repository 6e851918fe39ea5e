"""A dispute as each reader may see it: case notes only for mediators and auditors."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from application.views import DisputeDetails, DisputeEvidence, DisputeSession, RecordedEvent
from application.views import MediationPeriod as MediationPeriodView
from domain.actor import Role
from domain.dispute import Dispute
from domain.dispute_terms import (
    CONFIDENTIAL_FIELDS,
    MediationPeriod,
    is_confidential_event,
    may_read_case_notes,
)


def dispute_details(dispute: Dispute, *, reader: Role, today: date) -> DisputeDetails:
    """The dispute's current state; `overdue` is reckoned on `today`."""
    full = may_read_case_notes(reader)
    return DisputeDetails(
        id=dispute.id,
        version=dispute.version,
        worker_id=dispute.worker_id,
        status=dispute.status.value,
        kind=dispute.kind.value,
        employer_name=dispute.employer_name,
        employer_code=dispute.employer_code,
        amount_claimed=dispute.amount_claimed,
        amount_agreed=dispute.amount_agreed,
        amount_recovered=dispute.amount_recovered,
        opened_on=dispute.opened_on,
        mediation_due_on=dispute.mediation_due_on,
        overdue=dispute.is_overdue(today),
        mediation_periods=[_period(p) for p in dispute.mediation_periods],
        mediator=dispute.mediator,
        escalated_to=dispute.escalated_to.value if dispute.escalated_to else None,
        escalated_on=dispute.escalated_on,
        settled_on=dispute.settled_on,
        outcome=dispute.outcome.value if dispute.outcome else None,
        closed_on=dispute.closed_on,
        reopened_on=dispute.reopened_on,
        restricted=not full,
        description=dispute.description if full else None,
        sessions=[DisputeSession(**s) for s in dispute.sessions] if full else [],
        evidence=[DisputeEvidence(**e) for e in dispute.evidence] if full else [],
        escalation_reason=dispute.escalation_reason if full else None,
        closure_reason=dispute.closure_reason if full else None,
        reopen_reason=dispute.reopen_reason if full else None,
        created_at=dispute.created_on,
        modified_at=dispute.modified_on,
    )


def _period(period: MediationPeriod) -> MediationPeriodView:
    return MediationPeriodView(
        started_on=period.started_on,
        started_by=period.started_by.value,
        due_on=period.due_on,
        ended_on=period.ended_on,
        ended_by=period.ended_by.value if period.ended_by else None,
    )


def events_for(events: list[RecordedEvent], reader: Role) -> list[RecordedEvent]:
    """All events for mediators and auditors. For anyone else each event keeps
    its type, version, dates and actor, but sessions and evidence lose their
    whole payload and the other events their free text."""
    if may_read_case_notes(reader):
        return events
    return [replace(e, payload=_redacted(e)) for e in events]


def _redacted(event: RecordedEvent) -> dict[str, object]:
    if is_confidential_event(event.type):
        return {}
    return {k: v for k, v in event.payload.items() if k not in CONFIDENTIAL_FIELDS}
