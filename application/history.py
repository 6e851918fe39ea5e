"""Reading one record: its current state and its events, personal data masked."""

from __future__ import annotations

from uuid import UUID

from application.base import JourneyBase
from application.exceptions import WorkerNotFound
from application.views import RecordedEvent, WorkerDetails
from domain.divisions import division_name
from domain.identity import mask_id_number
from domain.worker import Worker


class HistoryQueries(JourneyBase):
    def worker_details(self, worker_id: UUID, *, version: int | None = None) -> WorkerDetails:
        """The worker now, or as at `version` of its record."""
        worker = self._load_as(Worker, worker_id, WorkerNotFound, at_version=version)
        return WorkerDetails(
            id=worker.id,
            version=worker.version,
            status=worker.status.value,
            name=worker.name,
            id_number_masked=mask_id_number(worker.id_number),
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
            job_intention_destination=worker.job_intention.destination,
            job_intention_sector=worker.job_intention.sector,
            support_services=[dict(s) for s in worker.support_services],
            registered_on=worker.registered_on,
            registered_by=worker.registered_by,
            created_at=worker.created_on,
            modified_at=worker.modified_on,
        )

    def worker_events(self, worker_id: UUID) -> list[RecordedEvent]:
        """The worker's events in order, each as recorded, with names, ID
        numbers and phone numbers masked."""
        return self.record_events(Worker, worker_id, WorkerNotFound)
