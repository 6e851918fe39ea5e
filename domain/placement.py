"""Placement (就业安置): one job spell of a worker, and the months it is confirmed for."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import cast
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor
from domain.divisions import parse_division
from domain.exceptions import InvalidTransition, InvalidValue
from domain.money import parse_amount
from domain.placement_terms import (
    ContractType,
    Evidence,
    PlacementKind,
    longest_run,
    month_of,
    parse_employer_code,
    parse_month,
)
from domain.rules import ensure_not_before, ensure_not_future, optional_note, parse_choice
from domain.text import clean_text
from domain.transfer import Transfer, TransferState
from domain.worker_dates import WorkerDates

__all__ = [
    "STABLE_EMPLOYMENT_MONTHS",
    "ContractType",
    "Evidence",
    "Placement",
    "PlacementKind",
    "PlacementState",
]

# Policy parameter: "stable employment" (稳定就业) is this many consecutive confirmed months.
STABLE_EMPLOYMENT_MONTHS = 6


class PlacementState(StrEnum):
    ACTIVE = "active"
    ENDED = "ended"


class Placement(Aggregate):
    """One job spell. Its id is random: a worker may hold several jobs over time."""

    @classmethod
    def start(
        cls,
        *,
        worker: WorkerDates,
        transfer: Transfer | None = None,
        employer_name: str,
        employer_code: str,
        workplace_division: str,
        position: str,
        monthly_wage: Decimal | str | int,
        contract_type: str,
        kind: str,
        placement_id: UUID | None = None,
        actor: Actor,
        occurred_on: date,
        today: date,
        note: str | None = None,
    ) -> Placement:
        """Start a job spell (上岗) on `occurred_on`, the start date: not before
        the worker's registration nor their 16th birthday. A transfer it came
        from must be the same worker's, must not have been cancelled, and must
        have been arranged by the start date."""
        ensure_not_future(occurred_on, today, "start_date")
        worker.ensure_registered(occurred_on, "start_date")
        worker.ensure_of_working_age(occurred_on, "start_date")
        if transfer is not None:
            _ensure_transfer_of(transfer, worker.worker_id)
            ensure_not_before(
                occurred_on, transfer.arranged_on, "start_date", "the transfer's arrangement"
            )
        wage = parse_amount(monthly_wage, "monthly_wage")
        if wage == 0:
            raise InvalidValue("monthly_wage", "must be more than zero")
        return cls(
            id=placement_id,
            worker_id=worker.worker_id,
            transfer_id=transfer.id if transfer is not None else None,
            employer_name=clean_text(employer_name, "employer_name", max_length=100),
            employer_code=parse_employer_code(employer_code),
            workplace_division=parse_division(workplace_division, "workplace_division"),
            position=clean_text(position, "position", max_length=100),
            monthly_wage=wage,
            contract_type=parse_choice(ContractType, contract_type, "contract_type").value,
            kind=parse_choice(PlacementKind, kind, "kind").value,
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    @event("Started")
    def __init__(
        self,
        *,
        id: UUID | None = None,  # noqa: A002 - the library's name; taken as the record's id
        worker_id: UUID,
        transfer_id: UUID | None,
        employer_name: str,
        employer_code: str,
        workplace_division: str,
        position: str,
        monthly_wage: Decimal,
        contract_type: str,
        kind: str,
        actor: Actor,
        occurred_on: date,
        note: str | None,
    ) -> None:
        self.worker_id = worker_id
        self.transfer_id = transfer_id
        self.employer_name = employer_name
        self.employer_code = employer_code
        self.workplace_division = workplace_division
        self.position = position
        self.monthly_wage = monthly_wage
        self.contract_type = ContractType(contract_type)
        self.kind = PlacementKind(kind)
        self.started_on = occurred_on
        self.state = PlacementState.ACTIVE
        self.confirmations: dict[str, dict[str, str | date | None]] = {}
        self.withdrawals: list[dict[str, str | date]] = []
        self.ended_on: date | None = None
        self.end_reason: str | None = None

    @property
    def confirmed_months(self) -> list[str]:
        return sorted(self.confirmations)

    @property
    def longest_consecutive_run(self) -> int:
        return longest_run(self.confirmations)

    @property
    def stably_employed(self) -> bool:
        """稳定就业: at least STABLE_EMPLOYMENT_MONTHS consecutive confirmed months."""
        return self.longest_consecutive_run >= STABLE_EMPLOYMENT_MONTHS

    def confirm_month(
        self,
        *,
        month: str,
        evidence: str,
        evidence_ref: str | None = None,
        actor: Actor,
        occurred_on: date,
        today: date,
        note: str | None = None,
    ) -> None:
        """Confirm that the worker was employed in `month` (月度在岗核实). Once per
        month, only inside the spell, never ahead of the confirmation date; also
        after the spell ended, for months inside it (back-office catch-up)."""
        ensure_not_future(occurred_on, today)
        ensure_not_before(occurred_on, self.started_on, "occurred_on", "the start date")
        confirmed = parse_month(month)
        self._ensure_inside_spell(confirmed, occurred_on, today)
        if confirmed in self.confirmations:
            raise InvalidTransition(
                f"confirm month {confirmed}", self.state.value, "that month is already confirmed"
            )
        self._month_confirmed(
            month=confirmed,
            evidence=parse_choice(Evidence, evidence, "evidence").value,
            evidence_ref=clean_text(evidence_ref, "evidence_ref", max_length=100)
            if evidence_ref
            else None,
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    def withdraw_month(
        self,
        *,
        month: str,
        reason: str,
        actor: Actor,
        occurred_on: date,
        today: date,
        note: str | None = None,
    ) -> None:
        """Withdraw a month's confirmation (撤销月度在岗确认), with the reason: a
        correction of a month confirmed in error, in an active or an ended spell,
        not dated before the confirmation. The month may be confirmed again later."""
        ensure_not_future(occurred_on, today)
        ensure_not_before(occurred_on, self.started_on, "occurred_on", "the start date")
        withdrawn = parse_month(month)
        if withdrawn not in self.confirmations:
            raise InvalidTransition(
                f"withdraw month {withdrawn}", self.state.value, "that month is not confirmed"
            )
        confirmed_on = cast(date, self.confirmations[withdrawn]["confirmed_on"])
        ensure_not_before(occurred_on, confirmed_on, "occurred_on", "its confirmation")
        self._month_withdrawn(
            month=withdrawn,
            reason=clean_text(reason, "reason", max_length=500),
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    def end(
        self, *, reason: str, actor: Actor, occurred_on: date, today: date, note: str | None = None
    ) -> None:
        """End the spell (离职) on `occurred_on`, the end date: not before the start
        date, and not before a month already confirmed."""
        if self.state is not PlacementState.ACTIVE:
            raise InvalidTransition("end the placement", self.state.value)
        ensure_not_future(occurred_on, today, "end_date")
        ensure_not_before(occurred_on, self.started_on, "end_date", "the start date")
        last = max(self.confirmations, default=None)
        if last is not None and month_of(occurred_on) < last:
            raise InvalidValue("end_date", f"must not be before the confirmed month {last}")
        self._ended(
            reason=clean_text(reason, "reason", max_length=500),
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    def _ensure_inside_spell(self, month: str, occurred_on: date, today: date) -> None:
        if month > month_of(today):
            raise InvalidValue("month", "must not be in the future")
        if month > month_of(occurred_on):
            raise InvalidValue("month", "must not be after the month it is confirmed in")
        if month < month_of(self.started_on):
            raise InvalidValue(
                "month", f"must not be before the start month {month_of(self.started_on)}"
            )
        if self.ended_on is not None and month > month_of(self.ended_on):
            raise InvalidValue(
                "month", f"must not be after the end month {month_of(self.ended_on)}"
            )

    @event("MonthConfirmed")
    def _month_confirmed(
        self,
        month: str,
        evidence: str,
        evidence_ref: str | None,
        actor: Actor,
        occurred_on: date,
        note: str | None,
    ) -> None:
        self.confirmations[month] = {
            "evidence": evidence,
            "evidence_ref": evidence_ref,
            "confirmed_on": occurred_on,
        }

    @event("MonthWithdrawn")
    def _month_withdrawn(
        self, month: str, reason: str, actor: Actor, occurred_on: date, note: str | None
    ) -> None:
        self.confirmations.pop(month, None)
        self.withdrawals.append({"month": month, "reason": reason, "withdrawn_on": occurred_on})

    @event("Ended")
    def _ended(self, reason: str, actor: Actor, occurred_on: date, note: str | None) -> None:
        self.state = PlacementState.ENDED
        self.ended_on = occurred_on
        self.end_reason = reason


def _ensure_transfer_of(transfer: Transfer, worker_id: UUID) -> None:
    if transfer.worker_id != worker_id:
        raise InvalidValue("transfer_id", "is a transfer of another worker")
    if transfer.state is TransferState.CANCELLED:
        raise InvalidValue("transfer_id", "names a cancelled transfer")
