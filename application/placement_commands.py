"""Placements (就业安置): job spells and the months they are confirmed for."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

from application.base import RecordStore
from application.commands import (
    Command,
    ConfirmMonth,
    EndPlacement,
    PlacementCommand,
    StartPlacement,
    WithdrawMonth,
)
from application.exceptions import PlacementNotFound, TransferNotFound
from application.views import PlacementDetails, Recorded, RecordedEvent
from domain.actor import Actor
from domain.divisions import division_name
from domain.exceptions import InvalidValue
from domain.placement import Placement
from domain.transfer import Transfer


class PlacementService:
    def __init__(self, store: RecordStore) -> None:
        self.store = store

    def start_placement(self, command: StartPlacement) -> Recorded:
        """Start a job spell of an active worker on `start_date` (by default the
        business date). The employer's unified social credit code is checked; a
        transfer it came from must exist (404) and be the same worker's."""
        worker = self.store.active_worker(command.worker_id, "start a placement", command)
        transfer = (
            self.store.load_as(Transfer, command.transfer_id, TransferNotFound)
            if command.transfer_id is not None
            else None
        )
        stamp = self.store.stamp(command)
        stamp["occurred_on"] = self._spell_date(command, command.start_date, "start_date")
        placement = Placement.start(
            worker=worker.dates,
            transfer=transfer,
            employer_name=command.employer_name,
            employer_code=command.employer_code,
            workplace_division=command.workplace_division,
            position=command.position,
            monthly_wage=command.monthly_wage,
            contract_type=command.contract_type,
            kind=command.kind,
            note=command.note,
            **stamp,
        )
        return self.store.create(placement, "placement")

    def confirm_month(self, command: ConfirmMonth) -> Recorded:
        """Confirm one month (YYYY-MM) of employment with its evidence. A month is
        confirmed once per placement, only inside the spell and never in the
        future; months of an ended spell may still be confirmed."""
        return self._change_placement(
            command,
            lambda p: p.confirm_month(
                month=command.month,
                evidence=command.evidence,
                evidence_ref=command.evidence_ref,
                note=command.note,
                **self.store.stamp(command),
            ),
        )

    def withdraw_month(self, command: WithdrawMonth) -> Recorded:
        """Withdraw the confirmation of a month (YYYY-MM) confirmed in error, with
        the reason; in an active or an ended spell. A month that is not confirmed
        is refused; a withdrawn month may be confirmed again."""
        return self._change_placement(
            command,
            lambda p: p.withdraw_month(
                month=command.month,
                reason=command.reason,
                note=command.note,
                **self.store.stamp(command),
            ),
        )

    def end_placement(self, command: EndPlacement) -> Recorded:
        """End an active job spell on `end_date` (by default the business date),
        with the reason; not before the start date or a confirmed month."""
        stamp = self.store.stamp(command)
        stamp["occurred_on"] = self._spell_date(command, command.end_date, "end_date")
        return self._change_placement(
            command, lambda p: p.end(reason=command.reason, note=command.note, **stamp)
        )

    def placement_details(
        self, placement_id: UUID, reader: Actor, *, version: int | None = None
    ) -> PlacementDetails:
        p = self.store.load_as(
            Placement, placement_id, PlacementNotFound, at_version=version, reader=reader
        )
        return PlacementDetails(
            id=p.id,
            version=p.version,
            worker_id=p.worker_id,
            transfer_id=p.transfer_id,
            state=p.state.value,
            employer_name=p.employer_name,
            employer_code=p.employer_code,
            workplace_division=p.workplace_division,
            workplace_division_name=division_name(p.workplace_division),
            position=p.position,
            monthly_wage=p.monthly_wage,
            contract_type=p.contract_type.value,
            kind=p.kind.value,
            started_on=p.started_on,
            confirmed_months=p.confirmed_months,
            confirmations=[{"month": m, **p.confirmations[m]} for m in p.confirmed_months],
            longest_consecutive_run=p.longest_consecutive_run,
            stably_employed=p.stably_employed,
            withdrawals=[dict(w) for w in p.withdrawals],
            ended_on=p.ended_on,
            end_reason=p.end_reason,
            created_at=p.created_on,
            modified_at=p.modified_on,
        )

    def placement_events(self, placement_id: UUID, reader: Actor) -> list[RecordedEvent]:
        return self.store.record_events(Placement, placement_id, PlacementNotFound, reader)

    def _spell_date(self, command: Command, explicit: date | None, field: str) -> date:
        """The start or end date: given explicitly, or the command's business date.
        Both given and different is ambiguous, and refused."""
        if explicit is None:
            return self.store.business_date(command)
        if command.occurred_on is not None and command.occurred_on != explicit:
            raise InvalidValue(field, "must equal occurred_on when both are given")
        return explicit

    def _change_placement(
        self, command: PlacementCommand, change: Callable[[Placement], None]
    ) -> Recorded:
        return self.store.change(
            Placement, command.placement_id, command, PlacementNotFound, change
        )
