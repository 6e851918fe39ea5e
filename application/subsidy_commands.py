"""Subsidies (补贴): evaluating a worker's history, and the office's decisions.

An evaluation reads the worker's records as far as the log has been read
(`as_of`, a log position), asks the pure rules what they entitle, and compares
that with the subsidies already recorded: a new entitlement is assessed, one
no longer supported is withdrawn or flagged as overpaid, one supported for
another amount is reassessed. The same history evaluated twice records nothing.

A new subsidy is dated the day it arose (`Subsidy.assess`), so the office's
decisions on it may be dated back to that day: a payment made in 2024 and
entered today is recorded as made in 2024.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError, Tracking

from application.base import RecordStore
from application.commands import (
    ApproveSubsidy,
    EvaluateSubsidies,
    PaySubsidy,
    RejectSubsidy,
    RevokeSubsidy,
    SubsidyCommand,
)
from application.exceptions import EvaluationRace, SubsidyNotFound, WorkerNotFound
from application.identity import subsidy_id_for
from application.retries import retry_lost_races
from application.subsidy_facts import HISTORY_KINDS, FactRow, event_type, history_from
from application.views import Recorded
from domain.actor import Actor, Role
from domain.subsidy import Assessment, Evidence, Subsidy
from domain.subsidy_history import EventRef
from domain.subsidy_rules import Entitlement, evaluate

POLICY_PROCESS_USER = "subsidy-policy"


@dataclass(frozen=True)
class WorkerFacts:
    """What an evaluation may read of one worker, as far as the log was read:
    for each of the worker's records, its relevant versions and their log
    positions; and the subsidies already recorded for the worker."""

    worker_id: UUID
    as_of: int  # the log position the facts reach
    records: dict[UUID, dict[int, int]]  # record id → {version → position}
    subsidies: frozenset[UUID]


@dataclass(frozen=True)
class Evaluation:
    worker_id: UUID
    evaluated_at: int
    changed: list[UUID]  # the subsidies assessed or changed by this evaluation
    position: int | None  # where the last of its events is in the log, if any


class SubsidyService:
    def __init__(self, store: RecordStore) -> None:
        self.store = store

    # -- evaluation ------------------------------------------------------------------

    def subsidy_changes(self, facts: WorkerFacts, actor: Actor | None = None) -> list[Subsidy]:
        """The subsidies an evaluation of the facts assesses or changes, unsaved.
        `actor` is whoever asked; by default the policy process."""
        events = self._facts_events(facts)
        history = history_from(facts.worker_id, events)
        actor = actor or _process_actor(events)
        today = self.store.today()
        found = {
            subsidy_id_for(facts.worker_id, e.kind.value, e.basis): e
            for e in evaluate(history, self.store.policies)
        }
        changed: list[Subsidy] = []
        for subsidy_id in sorted(found.keys() | facts.subsidies):
            existing = self._existing_subsidy(subsidy_id)
            entitlement = found.get(subsidy_id)
            if entitlement is None:
                if existing is not None and existing.no_longer_supported(
                    evaluated_at=facts.as_of, actor=actor, today=today, **_unsupported(facts.as_of)
                ):
                    changed.append(existing)
                continue
            assessment = _assessment(entitlement, facts)
            if existing is None:
                changed.append(
                    Subsidy.assess(
                        subsidy_id=subsidy_id,
                        worker_id=facts.worker_id,
                        kind=entitlement.kind,
                        basis=entitlement.basis,
                        assessment=assessment,
                        actor=actor,
                        today=today,
                    )
                )
            elif existing.still_supported(assessment, actor=actor, today=today):
                changed.append(existing)
        return changed

    def record_subsidy_changes(
        self, subsidies: Sequence[Subsidy], tracking: Tracking | None = None
    ) -> int | None:
        """Save all of them — and the policy process's position, if given — in
        one transaction. A lost race (another evaluation saved first) saves
        nothing and raises EvaluationRace: evaluate again on the new state."""
        events = [e for s in subsidies for e in s.collect_events()]
        if not events and tracking is None:
            return None
        try:
            recordings = self.store.events.put(events, tracking=tracking)
        except IntegrityError:
            raise EvaluationRace() from None
        return int(recordings[-1].notification.id) if recordings else None

    def evaluate_subsidies(self, command: EvaluateSubsidies, facts: WorkerFacts) -> Evaluation:
        """Re-evaluate one worker now (on demand), on facts read at least as far
        as the caller's last write. A race with the policy process is run again
        (the rule for lost races, application/retries.py)."""
        self.store.access.ensure_records(
            command.actor, command.fact, command.worker_id, WorkerNotFound, command.worker_id
        )

        def attempt() -> Evaluation:
            changed = self.subsidy_changes(facts, command.actor)
            position = self.record_subsidy_changes(changed)
            return Evaluation(facts.worker_id, facts.as_of, [s.id for s in changed], position)

        return retry_lost_races(attempt, lost=(EvaluationRace,))

    # -- decisions -------------------------------------------------------------------

    def approve_subsidy(self, command: ApproveSubsidy) -> Recorded:
        """Approve (审批) an assessed subsidy, once: dated (`occurred_on`, by
        default today) on or after the date the subsidy arose, not after today."""
        return self._change_subsidy(
            command, lambda s: s.approve(note=command.note, **self.store.stamp(command))
        )

    def reject_subsidy(self, command: RejectSubsidy) -> Recorded:
        """Refuse an assessed subsidy, with the reason; dated like an approval."""
        return self._change_subsidy(
            command,
            lambda s: s.reject(
                reason=command.reason, note=command.note, **self.store.stamp(command)
            ),
        )

    def pay_subsidy(self, command: PaySubsidy) -> Recorded:
        """Record the payment of an approved subsidy: its reference and the day
        the money went out (`paid_on`, by default the business date), on or
        after the approval and not after today. Once only. Given `paid_on`
        alone, the payment's business date is that day: the fact happened when
        the money went out, whenever it is entered (a payment of 2024 entered
        today is dated 2024, and shows as entered late)."""
        stamp = self.store.stamp(command)
        if command.occurred_on is None and command.paid_on is not None:
            stamp["occurred_on"] = command.paid_on
        paid_on = command.paid_on or stamp["occurred_on"]
        return self._change_subsidy(
            command,
            lambda s: s.pay(
                payment_reference=command.payment_reference,
                paid_on=paid_on,
                note=command.note,
                **stamp,
            ),
        )

    def revoke_subsidy(self, command: RevokeSubsidy) -> Recorded:
        """Revoke (撤销) a subsidy, paid or not, with the reason: not before its
        last step (the date it arose, the approval, the payment date)."""
        return self._change_subsidy(
            command,
            lambda s: s.revoke(
                reason=command.reason, note=command.note, **self.store.stamp(command)
            ),
        )

    def subsidy(self, subsidy_id: UUID) -> Subsidy:
        return self.store.load_as(Subsidy, subsidy_id, SubsidyNotFound)

    # -- helpers ---------------------------------------------------------------------

    def _change_subsidy(self, command: SubsidyCommand, change: Any) -> Recorded:
        return self.store.change(Subsidy, command.subsidy_id, command, SubsidyNotFound, change)

    def _existing_subsidy(self, subsidy_id: UUID) -> Subsidy | None:
        try:
            found: object = self.store.repository.get(subsidy_id)
        except AggregateNotFoundError:
            return None
        return found if isinstance(found, Subsidy) else None

    def _facts_events(self, facts: WorkerFacts) -> list[Any]:
        """The history events the facts name — and no later ones, even if the
        store already holds them: the evaluation is as at `facts.as_of`."""
        events = []
        for record_id, versions in facts.records.items():
            if not versions:
                continue
            for event in self.store.events.get(record_id, lte=max(versions)):
                if event.originator_version in versions:
                    events.append(event)
        return [e for e in events if event_type(e).partition(".")[0].lower() in HISTORY_KINDS]


def _assessment(entitlement: Entitlement, facts: WorkerFacts) -> Assessment:
    return Assessment(
        amount=entitlement.amount,
        policy_version=entitlement.policy_version,
        arose_on=entitlement.arose_on,
        evidence=[_with_position(ref, facts) for ref in entitlement.evidence],
        explanation_zh=entitlement.explanation_zh,
        explanation_en=entitlement.explanation_en,
        evaluated_at=facts.as_of,
    )


def _with_position(ref: EventRef, facts: WorkerFacts) -> Evidence:
    return Evidence(ref.aggregate_id, ref.version, facts.records[ref.aggregate_id][ref.version])


def _process_actor(events: Sequence[Any]) -> Actor:
    """The policy process acts for the office that registered the worker."""
    registered = [e for e in events if event_type(e) == "Worker.Registered"]
    first = registered[0] if registered else min(events, key=lambda e: e.timestamp, default=None)
    office = first.actor.office if first is not None else ""
    return Actor(user=POLICY_PROCESS_USER, role=Role.SYSTEM, office=office)


def _unsupported(as_of: int) -> dict[str, str]:
    return {
        "reason_zh": (
            f"按截至日志位置 {as_of} 的记录重新核定：该补贴已不再有依据"
            "（如在岗月份确认被撤销、贫困状态变更或转移记录变化）。"
        ),
        "reason_en": (
            f"Re-evaluated on the records up to log position {as_of}: the history no longer "
            "supports this subsidy (a month's confirmation withdrawn, a change of poverty "
            "status or of the transfer)."
        ),
    }


def facts_from_rows(worker_id: UUID, rows: Iterable[FactRow], as_of: int) -> WorkerFacts:
    """One worker's facts from index rows, leaving out any past `as_of`."""
    records: dict[UUID, dict[int, int]] = {}
    subsidies = set()
    for row in rows:
        if row.worker_id != worker_id or row.position > as_of:
            continue
        if row.kind == "subsidy":
            subsidies.add(row.aggregate_id)
        else:
            records.setdefault(row.aggregate_id, {})[row.version] = row.position
    return WorkerFacts(worker_id, as_of, records, frozenset(subsidies))
