"""Workers: registration, the changes caseworkers record about a person, and
reading a worker's record."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from application.base import RecordStore
from application.commands import (
    ChangeContact,
    ChangePovertyStatus,
    DeactivateWorker,
    ReactivateWorker,
    RecordJobIntention,
    RecordSkills,
    RecordSupportService,
    RegisterWorker,
    WorkerCommand,
)
from application.exceptions import DuplicateRecord, DuplicateRegistration, WorkerNotFound
from application.identity import worker_id_for
from application.views import Recorded, RecordedEvent, WorkerDetails
from domain.actor import Actor
from domain.divisions import division_name, parse_division
from domain.identity import ResidentIdNumber, mask_id_number
from domain.worker import Worker
from domain.worker_profile import parse_job_intention


class WorkerService:
    def __init__(self, store: RecordStore) -> None:
        self.store = store

    def register_worker(self, command: RegisterWorker) -> Recorded:
        """Register a worker (劳动力登记). The ID number must pass GB 11643
        (checksum, birth date, region code); one person is registered once —
        a second registration is refused naming the existing worker id."""
        worker = self.new_worker(command)
        try:
            return self.store.create(worker, "worker")
        except DuplicateRecord:
            raise DuplicateRegistration(worker.id) from None

    def register_workers(self, commands: Sequence[RegisterWorker]) -> list[Recorded]:
        """Register a roster in one transaction: all of them, or none."""
        workers = [self.new_worker(c) for c in commands]
        seen: set[UUID] = set()
        for worker in workers:
            if worker.id in seen:
                raise DuplicateRegistration(worker.id)
            seen.add(worker.id)
        try:
            recordings = self.store.save(*workers)
        except IntegrityError:
            existing = next((w.id for w in workers if w.id in self.store.repository), workers[0].id)
            raise DuplicateRegistration(existing) from None
        positions = {r.domain_event.originator_id: r.notification.id for r in recordings}
        return [Recorded(w.id, w.version, positions[w.id]) for w in workers]

    def change_contact(self, command: ChangeContact) -> Recorded:
        return self._change_worker(
            command,
            lambda worker: worker.change_contact(
                mobile=command.mobile, note=command.note, **self.store.stamp(command)
            ),
        )

    def change_poverty_status(self, command: ChangePovertyStatus) -> Recorded:
        """The new status applies from `effective_on` (default: the business
        date), which may lie before the day it is recorded."""
        return self._change_worker(
            command,
            lambda worker: worker.change_poverty_status(
                status=command.status,
                effective_on=command.effective_on or self.store.business_date(command),
                source=command.source,
                note=command.note,
                **self.store.stamp(command),
            ),
        )

    def record_job_intention(self, command: RecordJobIntention) -> Recorded:
        intention = parse_job_intention(command.destination, command.sector)
        return self._change_worker(
            command,
            lambda worker: worker.record_job_intention(
                intention=intention, note=command.note, **self.store.stamp(command)
            ),
        )

    def record_skills(self, command: RecordSkills) -> Recorded:
        return self._change_worker(
            command,
            lambda worker: worker.record_skills(
                skills=command.skills, note=command.note, **self.store.stamp(command)
            ),
        )

    def record_support_service(self, command: RecordSupportService) -> Recorded:
        return self._change_worker(
            command,
            lambda worker: worker.record_support_service(
                kind=command.kind,
                description=command.description,
                amount=command.amount,
                note=command.note,
                **self.store.stamp(command),
            ),
        )

    def deactivate_worker(self, command: DeactivateWorker) -> Recorded:
        return self._change_worker(
            command,
            lambda worker: worker.deactivate(
                reason=command.reason, note=command.note, **self.store.stamp(command)
            ),
        )

    def reactivate_worker(self, command: ReactivateWorker) -> Recorded:
        return self._change_worker(
            command,
            lambda worker: worker.reactivate(
                reason=command.reason, note=command.note, **self.store.stamp(command)
            ),
        )

    def get_worker(self, worker_id: UUID, reader: Actor) -> Worker:
        return self.store.load_as(Worker, worker_id, WorkerNotFound, reader=reader)

    def worker_details(
        self, worker_id: UUID, reader: Actor, *, version: int | None = None
    ) -> WorkerDetails:
        """The worker now, or as at `version` of its record."""
        worker = self.store.load_as(
            Worker, worker_id, WorkerNotFound, at_version=version, reader=reader
        )
        return WorkerDetails(
            id=worker.id,
            version=worker.version,
            status=worker.status.value,
            name=worker.name,
            id_number=mask_id_number(worker.id_number),
            sex=worker.sex,
            birth_date=worker.birth_date,
            mobile=worker.mobile,
            hukou_division=worker.hukou_division,
            hukou_division_name=division_name(worker.hukou_division),
            hukou_township=worker.hukou_township,
            poverty_status=worker.poverty_status.value,
            poverty_status_since=worker.poverty_status_since,
            education=worker.education,
            skills=list(worker.skills),
            job_intention=worker.job_intention,
            support_services=[dict(s) for s in worker.support_services],
            registered_on=worker.registered_on,
            registered_by=worker.registered_by,
            created_at=worker.created_on,
            modified_at=worker.modified_on,
        )

    def worker_events(self, worker_id: UUID, reader: Actor) -> list[RecordedEvent]:
        """The worker's events in order, each as recorded, with names, ID
        numbers and phone numbers masked."""
        return self.store.record_events(Worker, worker_id, WorkerNotFound, reader)

    def new_worker(self, command: RegisterWorker) -> Worker:
        """The worker a registration records, validated and not yet saved. The
        registering office must serve the hukou's division (application/case_access)."""
        today = self.store.today()
        id_number = ResidentIdNumber.parse(command.id_number, today=today)
        self.store.access.ensure_may_register(
            command.actor,
            parse_division(command.hukou_division, "hukou_division"),
            command.outside_division_reason,
        )
        return Worker.register(
            worker_id=worker_id_for(id_number, self.store.identity_key),
            id_number=id_number,
            name=command.name,
            mobile=command.mobile,
            hukou_division=command.hukou_division,
            hukou_township=command.hukou_township,
            poverty_status=command.poverty_status,
            education=command.education,
            skills=command.skills,
            job_intention=parse_job_intention(
                command.intended_destination, command.intended_sector
            ),
            consent=command.consent,
            actor=command.actor,
            occurred_on=self.store.business_date(command),
            today=today,
            note=command.note,
        )

    def _change_worker(self, command: WorkerCommand, change: Callable[[Worker], None]) -> Recorded:
        return self.store.change(Worker, command.worker_id, command, WorkerNotFound, change)
