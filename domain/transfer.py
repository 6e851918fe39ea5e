"""Transfer (有组织转移): one organised move of a worker to a job in another region."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor
from domain.divisions import parse_division
from domain.exceptions import InvalidTransition
from domain.rules import (
    ensure_not_before,
    ensure_not_future,
    ensure_within_horizon,
    optional_note,
    parse_choice,
)
from domain.text import clean_text
from domain.worker_dates import WorkerDates


class TransferChannel(StrEnum):
    """How the job was found."""

    JOB_FAIR = "job_fair"  # 招聘会
    ONLINE_RECOMMENDATION = "online_recommendation"  # 线上荐岗
    LABOUR_OFFICE = "labour_office"  # 劳务办事处


class TravelMode(StrEnum):
    CHARTERED_BUS = "chartered_bus"  # 专车/包车 "点对点" transport
    TRAIN = "train"
    PLANE = "plane"
    SELF_ARRANGED = "self_arranged"  # the worker travels on their own


class TransferState(StrEnum):
    ARRANGED = "arranged"
    DEPARTED = "departed"
    ARRIVED = "arrived"
    CANCELLED = "cancelled"
    RETURNED = "returned"


class Transfer(Aggregate):
    """One organised move. Its id is random: a worker may move more than once."""

    @classmethod
    def arrange(
        cls,
        *,
        worker: WorkerDates,
        destination: str,
        channel: str,
        planned_on: date,
        employer_name: str | None = None,
        origin_office: str | None = None,
        transfer_id: UUID | None = None,
        actor: Actor,
        occurred_on: date,
        today: date,
        note: str | None = None,
    ) -> Transfer:
        """Arrange a transfer (安排转移) from the origin office (by default the
        actor's) to a destination division, on `occurred_on`: not before the
        worker's registration nor their 16th birthday. The planned date may lie
        ahead, at most PLANNING_HORIZON_YEARS, but not before the arrangement.
        `transfer_id`: given where the same move must be found again (a ledger's
        row imported twice); otherwise random."""
        ensure_not_future(occurred_on, today)
        worker.ensure_registered(occurred_on)
        worker.ensure_of_working_age(occurred_on, "occurred_on")
        ensure_not_before(planned_on, occurred_on, "planned_on", "the arrangement date")
        ensure_within_horizon(planned_on, today, "planned_on")
        return cls(
            id=transfer_id,
            worker_id=worker.worker_id,
            origin_office=parse_division(origin_office or actor.office, "origin_office"),
            destination=parse_division(destination, "destination"),
            channel=parse_choice(TransferChannel, channel, "channel").value,
            planned_on=planned_on,
            employer_name=clean_text(employer_name, "employer_name", max_length=100)
            if employer_name
            else None,
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    @event("Arranged")
    def __init__(
        self,
        *,
        id: UUID | None = None,  # noqa: A002 - the library's name; taken as the record's id
        worker_id: UUID,
        origin_office: str,
        destination: str,
        channel: str,
        planned_on: date,
        employer_name: str | None,
        actor: Actor,
        occurred_on: date,
        note: str | None,
    ) -> None:
        self.worker_id = worker_id
        self.origin_office = origin_office
        self.destination = destination
        self.channel = TransferChannel(channel)
        self.planned_on = planned_on
        self.employer_name = employer_name
        self.arranged_on = occurred_on
        self.state = TransferState.ARRANGED
        self.mode: TravelMode | None = None
        self.departed_on: date | None = None
        self.arrived_on: date | None = None
        self.confirmed_by_office: str | None = None
        self.cancelled_on: date | None = None
        self.cancel_reason: str | None = None
        self.returned_on: date | None = None
        self.return_reason: str | None = None

    def record_departure(
        self, *, mode: str, actor: Actor, occurred_on: date, today: date, note: str | None = None
    ) -> None:
        """Record the departure (出发) on `occurred_on`, not before the arrangement."""
        self._ensure(TransferState.ARRANGED, "record the departure")
        ensure_not_future(occurred_on, today)
        ensure_not_before(occurred_on, self.arranged_on, "occurred_on", "the arrangement date")
        self._departed(
            mode=parse_choice(TravelMode, mode, "mode").value,
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    def confirm_arrival(
        self,
        *,
        actor: Actor,
        occurred_on: date,
        today: date,
        note: str | None = None,
        confirmed_by: str | None = None,
    ) -> None:
        """Record the arrival (到岗), confirmed by the acting principal's office
        (normally the receiving labour office); not before the departure.
        `confirmed_by`: the confirming office when the actor only enters its
        confirmation (a sending office importing its ledger)."""
        self._ensure(TransferState.DEPARTED, "record the arrival")
        ensure_not_future(occurred_on, today)
        assert self.departed_on is not None
        ensure_not_before(occurred_on, self.departed_on, "occurred_on", "the departure date")
        self._arrived(
            confirmed_by_office=parse_division(confirmed_by or actor.office, "confirmed_by"),
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    def cancel(
        self, *, reason: str, actor: Actor, occurred_on: date, today: date, note: str | None = None
    ) -> None:
        """Call off a transfer that has not departed (取消)."""
        self._ensure(TransferState.ARRANGED, "cancel the transfer")
        ensure_not_future(occurred_on, today)
        ensure_not_before(occurred_on, self.arranged_on, "occurred_on", "the arrangement date")
        self._cancelled(
            reason=clean_text(reason, "reason", max_length=500),
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    def record_return(
        self, *, reason: str, actor: Actor, occurred_on: date, today: date, note: str | None = None
    ) -> None:
        """Record that the worker came back (返乡) on `occurred_on`, not before arrival."""
        self._ensure(TransferState.ARRIVED, "record the return")
        ensure_not_future(occurred_on, today)
        assert self.arrived_on is not None
        ensure_not_before(occurred_on, self.arrived_on, "occurred_on", "the arrival date")
        self._returned(
            reason=clean_text(reason, "reason", max_length=500),
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    def _ensure(self, state: TransferState, command: str) -> None:
        if self.state is not state:
            raise InvalidTransition(command, self.state.value)

    @event("Departed")
    def _departed(self, mode: str, actor: Actor, occurred_on: date, note: str | None) -> None:
        self.state = TransferState.DEPARTED
        self.mode = TravelMode(mode)
        self.departed_on = occurred_on

    @event("Arrived")
    def _arrived(
        self, confirmed_by_office: str, actor: Actor, occurred_on: date, note: str | None
    ) -> None:
        self.state = TransferState.ARRIVED
        self.arrived_on = occurred_on
        self.confirmed_by_office = confirmed_by_office

    @event("Cancelled")
    def _cancelled(self, reason: str, actor: Actor, occurred_on: date, note: str | None) -> None:
        self.state = TransferState.CANCELLED
        self.cancelled_on = occurred_on
        self.cancel_reason = reason

    @event("Returned")
    def _returned(self, reason: str, actor: Actor, occurred_on: date, note: str | None) -> None:
        self.state = TransferState.RETURNED
        self.returned_on = occurred_on
        self.return_reason = reason
