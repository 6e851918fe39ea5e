"""Who serves a worker (服务归属): the office that registered them (the hukou
side, for good), and — from an organised transfer's arrival or an accepted
handover (移交) until they return — the receiving office where they work.

One record per worker, beside the worker's file: a handover is the two
offices' business, not a change to the person.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor
from domain.exceptions import InvalidTransition, InvalidValue
from domain.rules import ensure_not_before, ensure_not_future, optional_note
from domain.text import clean_text

_NAMESPACE = UUID("0b6c3d2e-8f41-4a7b-b1c9-5e2a7d904f38")


def case_offices_id(worker_id: UUID) -> UUID:
    return uuid5(_NAMESPACE, str(worker_id))


class OfferState(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    # Another handover, an arrival or a return changed who serves the worker first.
    LAPSED = "lapsed"


@dataclass(frozen=True)
class HandoverOffer:
    offer_id: UUID
    from_office: str
    to_office: str
    reason: str
    offered_on: date
    offered_by: str
    state: OfferState = OfferState.PENDING
    decided_on: date | None = None
    decided_by: str | None = None
    decision_reason: str | None = None


class CaseOffices(Aggregate):
    @event("Opened")
    def __init__(
        self,
        *,
        id: UUID,  # noqa: A002 - the library passes the aggregate id by this name
        worker_id: UUID,
        home_office: str,
        actor: Actor,
        occurred_on: date,
    ) -> None:
        self.worker_id = worker_id
        self.home_office = home_office
        self.host_office: str | None = None
        self.host_since: date | None = None
        self.offers: dict[UUID, HandoverOffer] = {}
        # Departed transfers and the receiving offices that may confirm their arrival.
        self.expected: dict[UUID, tuple[str, ...]] = {}

    @classmethod
    def open(
        cls, *, worker_id: UUID, home_office: str, actor: Actor, occurred_on: date
    ) -> CaseOffices:
        return cls(
            id=case_offices_id(worker_id),
            worker_id=worker_id,
            home_office=home_office,
            actor=actor,
            occurred_on=occurred_on,
        )

    @property
    def serving(self) -> tuple[str, ...]:
        """The offices serving the worker now: home first."""
        return (
            (self.home_office,)
            if self.host_office is None
            else (
                self.home_office,
                self.host_office,
            )
        )

    @property
    def workplace_office(self) -> str:
        """The office where the worker is now: the receiving office, else home."""
        return self.host_office or self.home_office

    @property
    def expecting(self) -> tuple[str, ...]:
        """Receiving offices awaiting the worker's arrival: they read the file to confirm it."""
        return tuple(dict.fromkeys(o for offices in self.expected.values() for o in offices))

    def pending_offers(self) -> list[HandoverOffer]:
        return [o for o in self.offers.values() if o.state is OfferState.PENDING]

    # -- arrival and return -----------------------------------------------------

    def expect(
        self,
        *,
        transfer_id: UUID,
        offices: list[str],
        actor: Actor,
        occurred_on: date,
        today: date,
    ) -> None:
        """The worker departed for a place these receiving offices cover: until
        the arrival they may read the file, to confirm it."""
        ensure_not_future(occurred_on, today)
        receivers = [o for o in offices if o not in self.serving]
        if not receivers or self.expected.get(transfer_id) == tuple(receivers):
            return
        self._arrival_expected(
            transfer_id=transfer_id, offices=receivers, actor=actor, occurred_on=occurred_on
        )

    def receive(
        self,
        *,
        office: str,
        transfer_id: UUID | None,
        actor: Actor,
        occurred_on: date,
        today: date,
    ) -> None:
        """The receiving office confirmed the arrival: it serves the worker from
        now. An arrival at home, or at the office already serving, records nothing."""
        ensure_not_future(occurred_on, today)
        if (office == self.home_office or office == self.host_office) and (
            transfer_id not in self.expected
        ):
            return
        self._received(office=office, transfer_id=transfer_id, actor=actor, occurred_on=occurred_on)

    def release(self, *, actor: Actor, occurred_on: date, today: date) -> None:
        """The worker returned: only the registering office serves them now."""
        ensure_not_future(occurred_on, today)
        if self.host_office is None:
            return
        self._released(office=self.host_office, actor=actor, occurred_on=occurred_on)

    # -- handover ---------------------------------------------------------------

    def offer(
        self,
        *,
        offer_id: UUID,
        to_office: str,
        reason: str,
        actor: Actor,
        occurred_on: date,
        today: date,
    ) -> None:
        """An office serving the worker offers them to another office."""
        ensure_not_future(occurred_on, today)
        if actor.office not in self.serving:
            raise InvalidTransition("offer a handover", "served by other offices")
        # Back home (返乡): the receiving office hands the worker back to the registering one.
        home_again = to_office == self.home_office and actor.office == self.host_office
        if to_office in self.serving and not home_again:
            raise InvalidValue("to_office", "already serves this worker")
        if any(o.to_office == to_office for o in self.pending_offers()):
            raise InvalidTransition("offer a handover", "offered", "an offer to it is pending")
        self._offered(
            offer_id=offer_id,
            from_office=actor.office,
            to_office=to_office,
            reason=clean_text(reason, "reason", max_length=500),
            actor=actor,
            occurred_on=occurred_on,
        )

    def accept(self, *, offer_id: UUID, actor: Actor, occurred_on: date, today: date) -> None:
        """The office offered the worker takes them on; accepted again records nothing."""
        offer = self._offer(offer_id)
        if offer.state is OfferState.ACCEPTED and offer.to_office == actor.office:
            return
        self._ensure_decidable(offer, actor, "accept a handover", occurred_on, today)
        self._accepted(offer_id=offer_id, actor=actor, occurred_on=occurred_on)

    def decline(
        self, *, offer_id: UUID, reason: str, actor: Actor, occurred_on: date, today: date
    ) -> None:
        offer = self._offer(offer_id)
        if offer.state is OfferState.DECLINED:
            return
        self._ensure_decidable(offer, actor, "decline a handover", occurred_on, today)
        self._declined(
            offer_id=offer_id,
            reason=clean_text(reason, "reason", max_length=500),
            actor=actor,
            occurred_on=occurred_on,
        )

    def withdraw(
        self,
        *,
        offer_id: UUID,
        actor: Actor,
        occurred_on: date,
        today: date,
        note: str | None = None,
    ) -> None:
        offer = self._offer(offer_id)
        if offer.state is OfferState.WITHDRAWN:
            return
        if offer.state is not OfferState.PENDING:
            raise InvalidTransition("withdraw a handover", offer.state.value)
        if actor.office != offer.from_office:
            raise InvalidTransition("withdraw a handover", "offered by another office")
        ensure_not_future(occurred_on, today)
        ensure_not_before(occurred_on, offer.offered_on, "occurred_on", "the offer")
        self._withdrawn(
            offer_id=offer_id, actor=actor, occurred_on=occurred_on, note=optional_note(note)
        )

    def _offer(self, offer_id: UUID) -> HandoverOffer:
        offer = self.offers.get(offer_id)
        if offer is None:
            raise InvalidValue("offer_id", "names no handover offer of this worker")
        return offer

    def _ensure_decidable(
        self, offer: HandoverOffer, actor: Actor, command: str, occurred_on: date, today: date
    ) -> None:
        if offer.state is not OfferState.PENDING:
            raise InvalidTransition(command, offer.state.value)
        if actor.office != offer.to_office:
            raise InvalidTransition(command, "offered to another office")
        ensure_not_future(occurred_on, today)
        ensure_not_before(occurred_on, offer.offered_on, "occurred_on", "the offer")

    # -- events: assignment only, replayed for ever ------------------------------

    @event("ArrivalExpected")
    def _arrival_expected(
        self, transfer_id: UUID, offices: list[str], actor: Actor, occurred_on: date
    ) -> None:
        self.expected[transfer_id] = tuple(offices)

    @event("Received")
    def _received(
        self, office: str, transfer_id: UUID | None, actor: Actor, occurred_on: date
    ) -> None:
        if transfer_id is not None:
            self.expected.pop(transfer_id, None)
        if office != self.home_office:
            self._serve(office, occurred_on)

    @event("Released")
    def _released(self, office: str, actor: Actor, occurred_on: date) -> None:
        self._serve(None, occurred_on)

    @event("HandoverOffered")
    def _offered(
        self,
        offer_id: UUID,
        from_office: str,
        to_office: str,
        reason: str,
        actor: Actor,
        occurred_on: date,
    ) -> None:
        self.offers[offer_id] = HandoverOffer(
            offer_id, from_office, to_office, reason, occurred_on, actor.user
        )

    @event("HandoverAccepted")
    def _accepted(self, offer_id: UUID, actor: Actor, occurred_on: date) -> None:
        self._decide(offer_id, OfferState.ACCEPTED, actor, occurred_on)
        offer = self.offers[offer_id]
        # One handover wins: every other pending offer of the worker lapses.
        for other in self.pending_offers():
            self.offers[other.offer_id] = replace(other, state=OfferState.LAPSED)
        self._serve(None if offer.to_office == self.home_office else offer.to_office, occurred_on)

    @event("HandoverDeclined")
    def _declined(self, offer_id: UUID, reason: str, actor: Actor, occurred_on: date) -> None:
        self._decide(offer_id, OfferState.DECLINED, actor, occurred_on, reason)

    @event("HandoverWithdrawn")
    def _withdrawn(self, offer_id: UUID, actor: Actor, occurred_on: date, note: str | None) -> None:
        self._decide(offer_id, OfferState.WITHDRAWN, actor, occurred_on)

    def _decide(
        self,
        offer_id: UUID,
        state: OfferState,
        actor: Actor,
        on: date,
        reason: str | None = None,
    ) -> None:
        self.offers[offer_id] = replace(
            self.offers[offer_id],
            state=state,
            decided_on=on,
            decided_by=actor.user,
            decision_reason=reason,
        )

    def _serve(self, host: str | None, since: date) -> None:
        """A new host office; pending offers that no longer make sense lapse:
        from an office that no longer serves, or to one that now does."""
        self.host_office, self.host_since = host, since if host is not None else None
        for offer in self.pending_offers():
            back_home = offer.to_office == self.home_office and offer.from_office == host
            if offer.from_office not in self.serving or (
                offer.to_office in self.serving and not back_home
            ):
                self.offers[offer.offer_id] = replace(offer, state=OfferState.LAPSED)
