"""The event-sourced Application's plumbing, shared by every command family."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError, JSONTranscoder

from application.clock import today_in_shanghai
from application.commands import Command
from application.exceptions import ConcurrentUpdate, VersionMismatch
from application.transcodings import register_domain_transcodings
from application.views import Recorded

A = TypeVar("A", bound=Aggregate)


class JourneyBase(Application[UUID]):
    """Loads and saves aggregates; translates the library's errors."""

    def __init__(
        self,
        env: dict[str, str] | None = None,
        *,
        identity_key: bytes,
        clock: Callable[[], date] = today_in_shanghai,
    ) -> None:
        if len(identity_key) < 16:
            raise ValueError("identity key must be at least 16 bytes")
        self.identity_key = identity_key
        self.today = clock
        super().__init__(env)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_domain_transcodings(transcoder)

    def business_date(self, command: Command) -> date:
        return command.occurred_on or self.today()

    def _load(self, aggregate_id: UUID, not_found: Callable[[UUID], Exception]) -> Any:
        try:
            return self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            raise not_found(aggregate_id) from None

    def _load_as(
        self,
        kind: type[A],
        aggregate_id: UUID,
        not_found: Callable[[UUID], Exception],
        expected_version: int | None = None,
    ) -> A:
        aggregate = self._load(aggregate_id, not_found)
        if not isinstance(aggregate, kind):
            raise not_found(aggregate_id)
        if expected_version is not None and aggregate.version != expected_version:
            raise VersionMismatch(expected_version, aggregate.version)
        return aggregate

    def _commit(self, aggregate: Aggregate) -> Recorded:
        """Append the aggregate's new events atomically, or nothing at all."""
        try:
            recordings = self.save(aggregate)
        except IntegrityError:
            raise ConcurrentUpdate(aggregate.id) from None
        return Recorded(aggregate.id, aggregate.version, _position(recordings))


def _position(recordings: list[Any]) -> int:
    notification = recordings[-1].notification
    return int(notification.id)
