"""Who may read a dispute's case notes, and the statutory clock."""

from __future__ import annotations

from datetime import date

import pytest

from domain.actor import Role
from domain.dispute_terms import (
    CONFIDENTIAL_FIELDS,
    is_confidential_event,
    may_read_case_notes,
    mediation_due_on,
)


@pytest.mark.parametrize(
    ("role", "may_read"),
    [
        (Role.MEDIATOR, True),
        (Role.AUDITOR, True),
        (Role.CASEWORKER, False),
        (Role.ADMIN, False),
    ],
)
def test_only_mediators_and_auditors_may_read_case_notes(role: Role, may_read: bool) -> None:
    assert may_read_case_notes(role) is may_read


@pytest.mark.parametrize(
    ("event_name", "confidential"),
    [
        ("Dispute.SessionRecorded", True),
        ("Dispute.EvidenceAdded", True),
        ("SessionRecorded", True),
        ("Dispute.Opened", False),
        ("Dispute.MediatorAssigned", False),
        ("Dispute.Escalated", False),
        ("Dispute.Settled", False),
        ("Dispute.Closed", False),
        ("Dispute.Reopened", False),
    ],
)
def test_sessions_and_evidence_are_case_notes_as_a_whole(
    event_name: str, confidential: bool
) -> None:
    assert is_confidential_event(event_name) is confidential


def test_free_text_of_other_events_is_confidential_but_amounts_and_kinds_are_not() -> None:
    assert {"description", "summary", "attendees", "reason", "note"} <= CONFIDENTIAL_FIELDS
    shown = {"kind", "amount_claimed", "amount_agreed", "amount_recovered", "outcome", "to"}
    assert not shown & CONFIDENTIAL_FIELDS


@pytest.mark.parametrize(
    ("accepted", "due"),
    [
        (date(2026, 1, 5), date(2026, 1, 20)),
        (date(2026, 2, 20), date(2026, 3, 7)),  # across the end of February
        (date(2026, 12, 25), date(2027, 1, 9)),  # across the end of the year
    ],
)
def test_the_mediation_period_ends_fifteen_days_after_acceptance(accepted: date, due: date) -> None:
    assert mediation_due_on(accepted) == due
