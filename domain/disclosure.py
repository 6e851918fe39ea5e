"""Disclosure (查阅留痕): someone read personal or confidential data — a full ID
number, or a dispute's case notes. Reading leaves a trace, as an event of its
own: who, when, which record, and why."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor
from domain.text import clean_text

__all__ = ["Disclosure", "DisclosureKind"]


class DisclosureKind(StrEnum):
    ID_NUMBER = "id_number"  # the full resident ID number was revealed
    DISPUTE_CASE_NOTES = "dispute_case_notes"  # a dispute's description, sessions, evidence
    EVIDENCE_FILE = "evidence_file"  # a dispute's evidence file was sent (its hash in the reason)


class Disclosure(Aggregate):
    """One disclosure. Its id is random: every reading is a fact of its own."""

    @classmethod
    def record(
        cls,
        *,
        kind: DisclosureKind,
        record_id: UUID,
        worker_id: UUID,
        reason: str | None,
        actor: Actor,
        today: date,
    ) -> Disclosure:
        """A full ID number is revealed only for a stated reason; reading case
        notes is part of the reader's work, so a reason is optional there."""
        if kind is DisclosureKind.ID_NUMBER or reason is not None:
            reason = clean_text(reason or "", "reason", max_length=500)
        return cls(
            kind=kind.value,
            record_id=record_id,
            worker_id=worker_id,
            reason=reason,
            actor=actor,
            occurred_on=today,
        )

    @event("Recorded")
    def __init__(
        self,
        *,
        kind: str,
        record_id: UUID,
        worker_id: UUID,
        reason: str | None,
        actor: Actor,
        occurred_on: date,
    ) -> None:
        self.kind = DisclosureKind(kind)
        self.record_id = record_id
        self.worker_id = worker_id
        self.reason = reason
        self.disclosed_to = actor
        self.disclosed_on = occurred_on
