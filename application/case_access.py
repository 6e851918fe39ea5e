"""Who may see and record what about a worker: every command and query asks here.

A caller reaches a worker when their scope (domain/scope) covers an office
serving the worker (domain/case_offices); a record outside it is answered as
not found, so the caller learns nothing of its existence. Within reach, the
table of which side records what (domain/recording_sides) says whether the
caller's own office records a fact (403 naming the side otherwise).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from application.exceptions import RecordedByOtherSide, WorkerNotFound
from domain.actor import Actor, Role
from domain.case_offices import CaseOffices, case_offices_id
from domain.exceptions import InvalidValue
from domain.offices import REGISTER_ID, OfficeRegister
from domain.recording_sides import RECORDED_BY, Fact, Side, recorded_by
from domain.scope import covers_division
from domain.worker import Worker

if TYPE_CHECKING:
    from application.base import RecordStore

NotFound = Callable[[UUID], Exception]


@dataclass(frozen=True)
class Serving:
    """The offices serving a worker now: home (registering) and host (receiving);
    and the visitors — offices the worker is offered to, or expected at after a
    departure — who may read the file to decide or to confirm the arrival."""

    home: str
    host: str | None
    visitors: tuple[str, ...] = ()

    @property
    def offices(self) -> tuple[str, ...]:
        return (self.home,) if self.host is None else (self.home, self.host)

    @property
    def readers(self) -> tuple[str, ...]:
        return self.offices + self.visitors

    @property
    def workplace(self) -> str:
        return self.host or self.home


class CaseAccess:
    def __init__(self, store: RecordStore) -> None:
        self.store = store

    # -- what the register and the worker's record say ---------------------------

    def register(self) -> OfficeRegister | None:
        try:
            found: Any = self.store.repository.get(REGISTER_ID)
        except AggregateNotFoundError:
            return None
        return found if isinstance(found, OfficeRegister) else None

    def case_offices(self, worker_id: UUID) -> CaseOffices | None:
        try:
            found: Any = self.store.repository.get(case_offices_id(worker_id))
        except AggregateNotFoundError:
            return None
        return found if isinstance(found, CaseOffices) else None

    def serving(self, worker_id: UUID, not_found: NotFound, record_id: UUID) -> Serving:
        offices = self.case_offices(worker_id)
        if offices is not None:
            visiting = tuple(o.to_office for o in offices.pending_offers()) + offices.expecting
            return Serving(offices.home_office, offices.host_office, visiting)
        # A worker registered before offices were records: served by the office
        # that registered them until an arrival or a handover says otherwise.
        try:
            worker: Any = self.store.repository.get(worker_id)
        except AggregateNotFoundError:
            raise not_found(record_id) from None
        if not isinstance(worker, Worker):
            raise not_found(record_id)
        return Serving(worker.registered_by.office, None)

    # -- the checks ----------------------------------------------------------------

    def ensure_reaches(
        self, reader: Actor, worker_id: UUID, not_found: NotFound, record_id: UUID
    ) -> Serving:
        """The offices serving the worker, if the reader reaches one (or is
        offered the worker); else not found."""
        serving = self.serving(worker_id, not_found, record_id)
        if reader.role is Role.SYSTEM or reader.reach.covers_any(serving.readers):
            return serving
        raise not_found(record_id)

    def ensure_records(
        self,
        actor: Actor,
        fact: Fact | None,
        worker_id: UUID,
        not_found: NotFound,
        record_id: UUID,
        *,
        destination: str | None = None,
    ) -> Serving:
        """That the actor's office records this fact about this worker:
        not found outside their reach, RecordedByOtherSide within it."""
        if actor.role is Role.SYSTEM or fact is None:
            return self.serving(worker_id, not_found, record_id)
        side = recorded_by(fact)
        if side is Side.ARRIVAL:
            serving = self.serving(worker_id, not_found, record_id)
            receivers = self.receivers(serving.home, destination or "")
            if actor.office in receivers:
                return serving
            if not actor.reach.covers_any(serving.offices):
                raise not_found(record_id)
            raise RecordedByOtherSide(fact, side)
        serving = self.ensure_reaches(actor, worker_id, not_found, record_id)
        offered = fact is Fact.HANDOVER and actor.office in serving.visitors
        if not offered and not actor.reach.covers_any(serving.offices):
            # Offered the worker, an office reads the file but records nothing yet.
            raise RecordedByOtherSide(fact, side)
        if not _on_side(actor, side, serving):
            raise RecordedByOtherSide(fact, side)
        return serving

    def facts_recorded_by(self, actor: Actor, worker_id: UUID) -> frozenset[Fact]:
        """What the actor's office records about this worker (pages offer only
        those steps); an arrival depends on the transfer (see `receivers`)."""
        serving = self.ensure_reaches(actor, worker_id, WorkerNotFound, worker_id)
        if not actor.reach.covers_any(serving.offices):
            return frozenset()
        return frozenset(
            fact
            for fact, side in RECORDED_BY.items()
            if side is not Side.ARRIVAL and _on_side(actor, side, serving)
        )

    def case_offices_of(self, worker_id: UUID, serving: Serving, actor: Actor) -> CaseOffices:
        """The worker's record of who serves them, opened for a worker
        registered before offices were records."""
        found = self.case_offices(worker_id)
        if found is not None:
            return found
        return CaseOffices.open(
            worker_id=worker_id,
            home_office=serving.home,
            actor=actor,
            occurred_on=self.store.today(),
        )

    def receivers(self, home: str, destination: str) -> list[str]:
        """Who confirms an arrival at `destination`: the partner receiving
        offices of `home` whose division holds it, or else `home` itself."""
        register = self.register()
        found = register.receiving_offices_for(home, destination) if register else []
        return found or [home]

    def ensure_may_register(self, actor: Actor, hukou: str, reason: str | None) -> None:
        """An office registers the workers of its own division; one whose hukou
        lies in a partner office's division only with the reason given."""
        if actor.role is Role.SYSTEM or covers_division(actor.office, hukou):
            return
        register = self.register()
        partners = (
            register.offices[actor.office].partners
            if register and (actor.office in register.offices)
            else frozenset()
        )
        hukou_partner = any(covers_division(p, hukou) for p in partners)
        if not hukou_partner:
            raise InvalidValue(
                "hukou_division", "lies outside your office's division and no partner office's"
            )
        if not (reason or "").strip():
            raise InvalidValue(
                "outside_division_reason",
                "is required for a worker whose hukou lies in a partner office's division",
            )


def _on_side(actor: Actor, side: Side, serving: Serving) -> bool:
    if side is Side.EITHER:
        return True
    if side is Side.HOME:
        # The registering office's own staff: no wider scope records for it.
        return actor.office == serving.home
    return actor.office == serving.workplace or (
        actor.reach.is_wide and actor.reach.covers(serving.workplace)
    )
