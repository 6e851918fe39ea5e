"""Organised transfers (有组织转移): arrangement, departure, arrival, cancellation, return."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from application.base import RecordStore
from application.case_access import Serving
from application.commands import (
    ArrangeTransfer,
    CancelTransfer,
    RecordArrival,
    RecordDeparture,
    RecordReturn,
    TransferCommand,
)
from application.exceptions import TransferNotFound
from application.views import Recorded, RecordedEvent, TransferDetails
from domain.actor import Actor
from domain.case_offices import CaseOffices
from domain.divisions import division_name
from domain.transfer import Transfer, TransferState


class TransferService:
    def __init__(self, store: RecordStore) -> None:
        self.store = store

    def arrange_transfer(self, command: ArrangeTransfer) -> Recorded:
        """Arrange the organised transfer of an active worker to a destination
        division (e.g. 370600 Yantai or one of its districts). The origin office
        defaults to the caseworker's; the planned date is not before the day
        it was arranged. A worker may be transferred more than once."""
        worker = self.store.active_worker(command.worker_id, "arrange a transfer", command)
        transfer = Transfer.arrange(
            worker=worker.dates,
            destination=command.destination,
            channel=command.channel,
            planned_on=command.planned_on,
            employer_name=command.employer_name,
            origin_office=command.origin_office,
            note=command.note,
            **self.store.stamp(command),
        )
        return self.store.create(transfer, "transfer")

    def record_departure(self, command: RecordDeparture) -> Recorded:
        """Record that an arranged transfer departed (出发) on the business date,
        with its travel mode; not before the arrangement date."""
        return self._change_transfer(
            command,
            lambda t: t.record_departure(
                mode=command.mode, note=command.note, **self.store.stamp(command)
            ),
            also=lambda t, serving: self._moved(t, serving, command),
        )

    def record_arrival(self, command: RecordArrival) -> Recorded:
        """Record that a departed transfer arrived (到达), confirmed by the acting
        caseworker's office; not before the departure date."""
        return self._change_transfer(
            command,
            lambda t: t.confirm_arrival(note=command.note, **self.store.stamp(command)),
            also=lambda t, serving: self._moved(t, serving, command),
        )

    def cancel_transfer(self, command: CancelTransfer) -> Recorded:
        """Call off a transfer that has not departed yet, with the reason."""
        return self._change_transfer(
            command,
            lambda t: t.cancel(
                reason=command.reason, note=command.note, **self.store.stamp(command)
            ),
        )

    def record_return(self, command: RecordReturn) -> Recorded:
        """Record that a transferred worker came back (返乡) after arriving, with the
        reason; not before the arrival date."""
        return self._change_transfer(
            command,
            lambda t: t.record_return(
                reason=command.reason, note=command.note, **self.store.stamp(command)
            ),
            also=lambda t, serving: self._moved(t, serving, command),
        )

    def transfer_details(
        self, transfer_id: UUID, reader: Actor, *, version: int | None = None
    ) -> TransferDetails:
        t = self.store.load_as(
            Transfer, transfer_id, TransferNotFound, at_version=version, reader=reader
        )
        return TransferDetails(
            id=t.id,
            version=t.version,
            worker_id=t.worker_id,
            state=t.state.value,
            origin_office=t.origin_office,
            destination=t.destination,
            destination_name=division_name(t.destination),
            channel=t.channel.value,
            planned_on=t.planned_on,
            employer_name=t.employer_name,
            arranged_on=t.arranged_on,
            mode=t.mode.value if t.mode else None,
            departed_on=t.departed_on,
            arrived_on=t.arrived_on,
            confirmed_by_office=t.confirmed_by_office,
            cancelled_on=t.cancelled_on,
            cancel_reason=t.cancel_reason,
            returned_on=t.returned_on,
            return_reason=t.return_reason,
            created_at=t.created_on,
            modified_at=t.modified_on,
        )

    def transfer_events(self, transfer_id: UUID, reader: Actor) -> list[RecordedEvent]:
        return self.store.record_events(Transfer, transfer_id, TransferNotFound, reader)

    def _moved(
        self, transfer: Transfer, serving: Serving, command: TransferCommand
    ) -> list[CaseOffices]:
        """Who serves the worker after a departure (the receiving offices that
        may confirm the arrival read the file), an arrival (the confirming office
        serves, from now) or a return (the registering office alone), saved with
        the transfer. A record that would change nothing is not saved (`change`)."""
        offices = self.store.access.case_offices_of(transfer.worker_id, serving, command.actor)
        if transfer.state is TransferState.DEPARTED:
            receivers = self.store.access.receivers(serving.home, transfer.destination)
            offices.expect(transfer_id=transfer.id, offices=receivers, **self.store.stamp(command))
        elif transfer.state is TransferState.ARRIVED:
            offices.receive(
                office=command.actor.office, transfer_id=transfer.id, **self.store.stamp(command)
            )
        elif transfer.state is TransferState.RETURNED:
            offices.release(**self.store.stamp(command))
        # A record opened here that then learnt nothing is not worth an event.
        changed = [e for e in offices.pending_events if e.originator_version > 1]
        return [offices] if changed else []

    def _change_transfer(
        self,
        command: TransferCommand,
        change: Callable[[Transfer], None],
        also: Callable[[Transfer, Serving], list[CaseOffices]] | None = None,
    ) -> Recorded:
        return self.store.change(
            Transfer, command.transfer_id, command, TransferNotFound, change, also
        )
