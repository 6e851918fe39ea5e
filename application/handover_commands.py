"""Who serves a worker: the register of offices, and handover between offices (移交)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid4

from application.base import RecordStore
from application.commands import (
    AcceptHandover,
    AddOffice,
    DeclineHandover,
    HandoverCommand,
    LinkPartners,
    OfferHandover,
    WithdrawHandover,
)
from application.exceptions import WorkerNotFound
from application.views import DOCUMENTED, Recorded
from domain.actor import Actor
from domain.case_offices import CaseOffices, case_offices_id
from domain.divisions import division_name, parse_division
from domain.exceptions import InvalidValue
from domain.offices import Office, OfficeRegister


@dataclass(frozen=True)
class OfficeDetails:
    __pydantic_config__ = DOCUMENTED

    code: str
    name: str
    kind: str
    """sending_county, receiving_city, receiving_district or work_station."""
    division_name: str | None
    partners: list[str]


@dataclass(frozen=True)
class HandoverDetails:
    __pydantic_config__ = DOCUMENTED

    offer_id: UUID
    from_office: str
    to_office: str
    reason: str
    offered_on: date
    offered_by: str
    state: str
    """pending, accepted, declined, withdrawn or lapsed (another handover won)."""
    decided_on: date | None
    decided_by: str | None
    decision_reason: str | None


@dataclass(frozen=True)
class ServedBy:
    """Who serves a worker now, and the handovers offered."""

    __pydantic_config__ = DOCUMENTED

    worker_id: UUID
    version: int
    """The version of this record (If-Match for handover commands); 0 before any."""
    home_office: str
    """The office that registered the worker (the hukou side)."""
    host_office: str | None
    """The receiving office where they work, from arrival or handover until return."""
    host_since: date | None
    handovers: list[HandoverDetails]


class OfficeService:
    def __init__(self, store: RecordStore) -> None:
        self.store = store

    def add_office(self, command: AddOffice) -> Recorded:
        def attempt() -> OfficeRegister:
            register = self.store.access.register() or OfficeRegister.open(command.actor)
            register.add_office(
                code=command.code,
                name=command.name,
                kind=command.kind,
                partners=command.partners,
                **self.store.stamp(command),
            )
            return register

        return self.store.save_retried(attempt)

    def link_partners(self, command: LinkPartners) -> Recorded:
        def attempt() -> OfficeRegister:
            register = self.store.access.register()
            if register is None:
                raise InvalidValue("code", "must name an office in the register")
            register.link_partners(
                first=command.code, second=command.partner, **self.store.stamp(command)
            )
            return register

        return self.store.save_retried(attempt)

    def offices(self) -> list[OfficeDetails]:
        register = self.store.access.register()
        found = register.offices.values() if register else ()
        return [_office_details(o) for o in sorted(found, key=lambda o: o.code)]

    def office(self, code: str) -> OfficeDetails | None:
        register = self.store.access.register()
        found = register.office(code) if register else None
        return _office_details(found) if found else None


class HandoverService:
    def __init__(self, store: RecordStore) -> None:
        self.store = store

    def offer_handover(self, command: OfferHandover) -> Recorded:
        """Offer the worker to another office of the register, a partner of the
        registering office (or that office itself: the worker returns home)."""
        to_office = parse_division(command.to_office, "to_office")

        def offer(offices: CaseOffices) -> None:
            register = self.store.access.register()
            home = offices.home_office
            known = register is not None and register.office(to_office) is not None
            partners = register is not None and register.are_partners(home, to_office)
            if not known or not (to_office == home or partners):
                raise InvalidValue(
                    "to_office", "must name a partner office of the registering office"
                )
            offices.offer(
                offer_id=uuid4(),
                to_office=to_office,
                reason=command.reason,
                **self.store.stamp(command),
            )

        return self._change(command, offer)

    def accept_handover(self, command: AcceptHandover) -> Recorded:
        """Take the worker on: from now the accepting office serves them, and
        every other pending offer lapses. Two offices accepting at once: one wins."""
        return self._change(
            command, lambda o: o.accept(offer_id=command.offer_id, **self.store.stamp(command))
        )

    def decline_handover(self, command: DeclineHandover) -> Recorded:
        return self._change(
            command,
            lambda o: o.decline(
                offer_id=command.offer_id, reason=command.reason, **self.store.stamp(command)
            ),
        )

    def withdraw_handover(self, command: WithdrawHandover) -> Recorded:
        return self._change(
            command,
            lambda o: o.withdraw(
                offer_id=command.offer_id, note=command.note, **self.store.stamp(command)
            ),
        )

    def served_by(self, worker_id: UUID, reader: Actor) -> ServedBy:
        serving = self.store.access.ensure_reaches(reader, worker_id, WorkerNotFound, worker_id)
        offices = self.store.access.case_offices(worker_id)
        if offices is None:
            return ServedBy(worker_id, 0, serving.home, None, None, [])
        return ServedBy(
            worker_id=worker_id,
            version=offices.version,
            home_office=offices.home_office,
            host_office=offices.host_office,
            host_since=offices.host_since,
            handovers=[
                HandoverDetails(
                    offer_id=o.offer_id,
                    from_office=o.from_office,
                    to_office=o.to_office,
                    reason=o.reason,
                    offered_on=o.offered_on,
                    offered_by=o.offered_by,
                    state=o.state.value,
                    decided_on=o.decided_on,
                    decided_by=o.decided_by,
                    decision_reason=o.decision_reason,
                )
                for o in sorted(offices.offers.values(), key=lambda o: o.offered_on)
            ],
        )

    def _change(self, command: HandoverCommand, change: Callable[[CaseOffices], None]) -> Recorded:
        def opened() -> CaseOffices:
            serving = self.store.access.serving(
                command.worker_id, WorkerNotFound, command.worker_id
            )
            return self.store.access.case_offices_of(command.worker_id, serving, command.actor)

        recorded = self.store.change(
            CaseOffices,
            case_offices_id(command.worker_id),
            command,
            lambda _: WorkerNotFound(command.worker_id),
            change,
            new=opened,
        )
        # The answer is about the worker; the version is this record's (If-Match).
        return Recorded(command.worker_id, recorded.version, recorded.position)


def _office_details(office: Office) -> OfficeDetails:
    return OfficeDetails(
        code=office.code,
        name=office.name,
        kind=office.kind.value,
        division_name=division_name(office.code),
        partners=sorted(office.partners),
    )
