"""Worker registration and the changes caseworkers record about a person."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from application.base import JourneyBase
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
from application.exceptions import DuplicateRegistration, WorkerNotFound
from application.identity import worker_id_for
from application.views import Recorded
from domain.identity import ResidentIdNumber
from domain.worker import Worker
from domain.worker_profile import parse_job_intention


class WorkerCommands(JourneyBase):
    def register_worker(self, command: RegisterWorker) -> Recorded:
        """Register a worker (劳动力登记). The ID number must pass GB 11643
        (checksum, birth date, region code); one person is registered once —
        a second registration is refused naming the existing worker id."""
        if (committed := self._committed_earlier()) is not None:
            return committed
        worker = self._new_worker(command)
        try:
            recordings = self._save_marked(worker, True)
        except IntegrityError:
            raise DuplicateRegistration(worker.id) from None
        return Recorded(worker.id, worker.version, recordings[-1].notification.id)

    def register_workers(self, commands: Sequence[RegisterWorker]) -> list[Recorded]:
        """Register a roster in one transaction: all of them, or none."""
        workers = [self._new_worker(c) for c in commands]
        seen: set[UUID] = set()
        for worker in workers:
            if worker.id in seen:
                raise DuplicateRegistration(worker.id)
            seen.add(worker.id)
        try:
            recordings = self.save(*workers)
        except IntegrityError:
            existing = next((w.id for w in workers if w.id in self.repository), workers[0].id)
            raise DuplicateRegistration(existing) from None
        positions = {r.domain_event.originator_id: r.notification.id for r in recordings}
        return [Recorded(w.id, w.version, positions[w.id]) for w in workers]

    def change_contact(self, command: ChangeContact) -> Recorded:
        return self._change_worker(
            command,
            lambda worker: worker.change_contact(
                mobile=command.mobile, note=command.note, **self.stamp(command)
            ),
        )

    def change_poverty_status(self, command: ChangePovertyStatus) -> Recorded:
        """The new status applies from `effective_on` (default: the business
        date), which may lie before the day it is recorded."""
        return self._change_worker(
            command,
            lambda worker: worker.change_poverty_status(
                status=command.status,
                effective_on=command.effective_on or self.business_date(command),
                source=command.source,
                note=command.note,
                **self.stamp(command),
            ),
        )

    def record_job_intention(self, command: RecordJobIntention) -> Recorded:
        intention = parse_job_intention(command.destination, command.sector)
        return self._change_worker(
            command,
            lambda worker: worker.record_job_intention(
                intention=intention, note=command.note, **self.stamp(command)
            ),
        )

    def record_skills(self, command: RecordSkills) -> Recorded:
        return self._change_worker(
            command,
            lambda worker: worker.record_skills(
                skills=command.skills, note=command.note, **self.stamp(command)
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
                **self.stamp(command),
            ),
        )

    def deactivate_worker(self, command: DeactivateWorker) -> Recorded:
        return self._change_worker(
            command,
            lambda worker: worker.deactivate(
                reason=command.reason, note=command.note, **self.stamp(command)
            ),
        )

    def reactivate_worker(self, command: ReactivateWorker) -> Recorded:
        return self._change_worker(
            command,
            lambda worker: worker.reactivate(
                reason=command.reason, note=command.note, **self.stamp(command)
            ),
        )

    def get_worker(self, worker_id: UUID) -> Worker:
        return self._load_as(Worker, worker_id, WorkerNotFound)

    # -- helpers ----------------------------------------------------------------

    def _new_worker(self, command: RegisterWorker) -> Worker:
        today = self.today()
        id_number = ResidentIdNumber.parse(command.id_number, today=today)
        return Worker.register(
            worker_id=worker_id_for(id_number, self.identity_key),
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
            occurred_on=self.business_date(command),
            today=today,
            note=command.note,
        )

    def _change_worker(self, command: WorkerCommand, change: Callable[[Worker], None]) -> Recorded:
        return self._change(Worker, command.worker_id, command, WorkerNotFound, change)
