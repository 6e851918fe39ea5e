"""The event-sourced Application's plumbing, which every service is built on:
loading and saving records, stamping events, translating the library's errors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypedDict, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError, JSONTranscoder, ProcessRecorder, Tracking
from eventsourcing.utils import resolve_topic

from application.case_access import CaseAccess, Serving
from application.clock import today_in_shanghai
from application.commands import ChangeCommand, Command
from application.event_views import recorded_event
from application.exceptions import (
    ConcurrentUpdate,
    DuplicateRecord,
    VersionMismatch,
    WorkerInactive,
    WorkerNotFound,
)
from application.idempotency import current_request, marker_name
from application.retries import RACE_ATTEMPTS, retry_lost_races
from application.transcodings import register_domain_transcodings
from application.views import Recorded, RecordedEvent
from domain.actor import Actor
from domain.subsidy_policy import DEFAULT_POLICIES, PolicyBook
from domain.worker import Worker

A = TypeVar("A", bound=Aggregate)


class Stamp(TypedDict):
    """What every event is stamped with: who, on which business date, and the
    day it is now in Asia/Shanghai (business dates may not lie after it)."""

    actor: Actor
    occurred_on: date
    today: date


class RecordStore(Application[UUID]):
    """Loads and saves records; translates the library's errors. The services
    (application/*_commands.py, …) each hold it and reach records only through it."""

    def __init__(
        self,
        env: dict[str, str] | None = None,
        *,
        identity_key: bytes,
        clock: Callable[[], date] = today_in_shanghai,
        policies: PolicyBook = DEFAULT_POLICIES,
    ) -> None:
        if len(identity_key) < 16:
            raise ValueError("identity key must be at least 16 bytes")
        self.identity_key = identity_key
        self.today = clock
        self.policies = policies
        # Told how many events each save appended (the operators' figures).
        self.on_recorded: list[Callable[[int], None]] = []
        super().__init__(env)
        self.access = CaseAccess(self)

    def _notify(self, recordings: list[Any]) -> None:
        """The library's hook, called after every save that committed."""
        for listener in self.on_recorded:
            listener(len(recordings))

    def construct_recorder(self) -> ProcessRecorder:
        """A recorder that can also keep a position in the log in the same
        transaction as new events: the subsidy policy process reads this
        application's own log and records what it finds, exactly once."""
        return self.factory.process_recorder()

    def tracked_position(self, process: str) -> int:
        """How far a process that records its position here has read the log."""
        recorder = self.recorder
        assert isinstance(recorder, ProcessRecorder)
        return int(recorder.max_tracking_id(process) or 0)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_domain_transcodings(transcoder)

    def business_date(self, command: Command) -> date:
        return command.occurred_on or self.today()

    def stamp(self, command: Command) -> Stamp:
        return Stamp(
            actor=command.actor, occurred_on=self.business_date(command), today=self.today()
        )

    def active_worker(self, worker_id: UUID, what: str, command: Command) -> Worker:
        """The worker a new record refers to: it must exist and lie in the
        caller's reach (404), the caller's office must record this (403), and
        the worker must be active (409)."""
        self.access.ensure_records(
            command.actor, command.fact, worker_id, WorkerNotFound, worker_id
        )
        worker = self.load_as(Worker, worker_id, WorkerNotFound)
        if not worker.is_active:
            raise WorkerInactive(worker_id, what)
        return worker

    def load_as(
        self,
        kind: type[A],
        aggregate_id: UUID,
        not_found: Callable[[UUID], Exception],
        expected_version: int | None = None,
        *,
        at_version: int | None = None,
        reader: Actor | None = None,
    ) -> A:
        """The record of `kind` now, or as it was at `at_version` (auditors replay
        the past); `expected_version`: the client's If-Match, checked; `reader`:
        who asks — a record outside their reach is not found."""
        try:
            aggregate: object = self.repository.get(aggregate_id, version=at_version)
        except AggregateNotFoundError:
            raise not_found(aggregate_id) from None
        if not isinstance(aggregate, kind):
            raise not_found(aggregate_id)
        if reader is not None:
            self.access.ensure_reaches(reader, worker_of(aggregate), not_found, aggregate_id)
        if expected_version is not None and aggregate.version != expected_version:
            raise VersionMismatch(expected_version, aggregate.version)
        return aggregate

    def record_events(
        self,
        kind: type[Aggregate],
        record_id: UUID,
        not_found: Callable[[UUID], Exception],
        reader: Actor,
    ) -> list[RecordedEvent]:
        """Any record's events in order, with personal data masked, if the
        record lies in the reader's reach."""
        events = list(self.events.get(record_id))
        topic = getattr(events[0], "originator_topic", "") if events else ""
        if not topic or not issubclass(resolve_topic(topic), kind):
            raise not_found(record_id)
        worker_id = record_id if kind is Worker else getattr(events[0], "worker_id", record_id)
        self.access.ensure_reaches(reader, worker_id, not_found, record_id)
        return [recorded_event(e) for e in events]

    def record(self, aggregate: Aggregate) -> Recorded:
        """Save a record whose events nothing else can be writing (a new id of
        its own): all of its new events, or none."""
        return self._commit(aggregate)

    def _commit(
        self, aggregate: Aggregate, *others: Aggregate, once_per_request: bool = False
    ) -> Recorded:
        """Append the aggregates' new events atomically, or nothing at all.
        `once_per_request`: with the commit marker of the caller's Idempotency-Key."""
        try:
            recordings = self._save_marked(aggregate, once_per_request, *others)
        except IntegrityError:
            raise ConcurrentUpdate(aggregate.id) from None
        return Recorded(aggregate.id, aggregate.version, _position(recordings))

    def save_retried(self, attempt: Callable[[], Aggregate]) -> Recorded:
        """Save what `attempt` changed, run again on a lost race; a change the
        record already holds saves nothing (administrative records: offices)."""

        def once() -> Recorded:
            aggregate = attempt()
            if not aggregate.pending_events:
                return self._unchanged(aggregate)
            return self._commit(aggregate)

        return retry_lost_races(once, attempts=RACE_ATTEMPTS, lost=(ConcurrentUpdate,))

    def _unchanged(self, aggregate: Aggregate) -> Recorded:
        """The answer to a command that changed nothing: the version as loaded,
        and the head of the log as its position. The record's last event is
        committed, so it lies at or before the head (read after the load): a
        query that waits for this position sees the record as answered. The
        exact position of that event is not in the library's API; the head
        costs one indexed query and at worst waits for a few later events."""
        head = self.recorder.max_notification_id() or 0
        return Recorded(aggregate.id, aggregate.version, int(head))

    def create(self, aggregate: Aggregate, what: str, *others: Aggregate) -> Recorded:
        """Save a new record whose id is derived from what makes it unique:
        a collision means it exists already (409 naming the existing id).
        `others`: records saved with it in the same transaction."""
        if (committed := self._committed_earlier()) is not None:
            return committed
        try:
            recordings = self._save_marked(aggregate, True, *others)
        except IntegrityError:
            raise DuplicateRecord(aggregate.id, what) from None
        return Recorded(aggregate.id, aggregate.version, _position(recordings))

    def _save_marked(
        self, aggregate: Aggregate, once_per_request: bool, *others: Aggregate
    ) -> list[Any]:
        """Save; a command run for an Idempotency-Key also records, in the same
        transaction, that this request changed this record (application/idempotency).
        The main record's events come last, so the answer's position is theirs."""
        request = current_request() if once_per_request else None
        if request is None:
            return self.save(*others, aggregate)
        marker = Tracking(marker_name(request.digest, aggregate.id), aggregate.version)
        events = [e for other in others for e in other.collect_events()]
        return list(self.events.put([*events, *aggregate.collect_events()], tracking=marker))

    def _committed_earlier(self) -> Recorded | None:
        """What an earlier attempt of this request recorded before its server died:
        the command then answers that, and records nothing again."""
        request = current_request()
        return request.committed if request is not None else None

    def change(
        self,
        kind: type[A],
        record_id: UUID,
        command: ChangeCommand,
        not_found: Callable[[UUID], Exception],
        change: Callable[[A], None],
        also: Callable[[A, Serving], Sequence[Aggregate]] | None = None,
        *,
        new: Callable[[], A] | None = None,
    ) -> Recorded:
        """Load, check If-Match, apply the change, save — or refuse and write nothing.

        A command without If-Match that loses a race to another write is run
        again on the fresh state (its rules checked again), a few times: the
        user asked for the change, not for a particular version. With If-Match
        the race is the user's to decide, so it answers ConcurrentUpdate. Both
        follow the one rule for lost races (application/retries.py).

        Before anything else, the caller's office must reach the record's worker
        (else not found, even for a stale If-Match) and record this kind of fact
        (application/case_access). `also`: the records the change moves with
        it (who serves the worker, on an arrival), saved in the same transaction.
        `new`: the record as opened, where its first change also opens it.

        A change the record already holds triggers no event (the aggregate's
        rule): nothing is saved, and the answer is the record as it is. So a
        retry, or a race lost to the very same change, never doubles a fact."""
        if (committed := self._committed_earlier()) is not None:
            return committed

        def attempt() -> Recorded:
            if new is not None and record_id not in self.repository:
                aggregate = new()  # a record opened by its first change
            else:
                aggregate = self.load_as(kind, record_id, not_found)
            serving = self.access.ensure_records(
                command.actor,
                command.fact,
                worker_of(aggregate),
                not_found,
                record_id,
                destination=getattr(aggregate, "destination", None),
            )
            if command.expected_version is not None and aggregate.version != (
                command.expected_version
            ):
                raise VersionMismatch(command.expected_version, aggregate.version)
            change(aggregate)
            others = [a for a in (also(aggregate, serving) if also else ()) if a.pending_events]
            if not aggregate.pending_events and not others:
                return self._unchanged(aggregate)
            return self._commit(aggregate, *others, once_per_request=True)

        attempts = 1 if command.expected_version is not None else RACE_ATTEMPTS
        return retry_lost_races(attempt, attempts=attempts, lost=(ConcurrentUpdate,))


def worker_of(record: object) -> UUID:
    """The worker a record is about: a worker's file is about itself."""
    if isinstance(record, Worker):
        return record.id
    worker_id = getattr(record, "worker_id", None)
    assert isinstance(worker_id, UUID), f"{type(record).__name__} names no worker"
    return worker_id


def _position(recordings: list[Any]) -> int:
    notification = recordings[-1].notification
    return int(notification.id)
