"""The Application, composed in one place: the event store, the services that
run the commands and queries of each kind of record, and the registry through
which time travel shows one kind of record in another's service's view.

Each service holds only the record store (application/base.py) and what it is
handed here; no service calls another through `self`. Callers use the Journey:
one method per command and query, each delegating to the service that owns it.
This file is long on purpose (over the ~200 lines the style asks for): it is
the one list of everything the application does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking

from application import commands as c
from application.audit_history import (
    AuditHistory,
    RecordAsOf,
    RecordKind,
    RecordView,
    WorkerAsOf,
)
from application.base import RecordStore
from application.clock import today_in_shanghai
from application.commands.audit_export import RecordAuditExport
from application.disclosures import DisclosureDetails, Disclosures, RevealedIdNumber
from application.dispute_commands import DisputeService
from application.export_commands import AuditExportService
from application.handover_commands import (
    HandoverService,
    OfficeDetails,
    OfficeService,
    ServedBy,
)
from application.log_reading import PAGE_SIZE, LoggedEvent, LogReading, LogSpan, RecordedWindow
from application.placement_commands import PlacementService
from application.replay_basis import Basis
from application.subsidy_commands import Evaluation, SubsidyService, WorkerFacts
from application.subsidy_queries import SubsidyDetails, SubsidyQueries
from application.training_commands import TrainingService
from application.transfer_commands import TransferService
from application.views import (
    DisputeDetails,
    PlacementDetails,
    Recorded,
    RecordedEvent,
    TrainingDetails,
    TransferDetails,
    WorkerDetails,
)
from application.worker_commands import WorkerService
from domain.actor import Actor
from domain.recording_sides import Fact
from domain.subsidy import Subsidy
from domain.subsidy_policy import DEFAULT_POLICIES, PolicyBook
from domain.worker import Worker


class Journey(RecordStore):
    """LaborBridge's event-sourced application.

    `name` is stored schema: it prefixes the PostgreSQL tables
    (`laborbridge_events`) and the environment keys. Never change it.
    """

    name = "LaborBridge"

    def __init__(
        self,
        env: dict[str, str] | None = None,
        *,
        identity_key: bytes,
        clock: Callable[[], date] = today_in_shanghai,
        policies: PolicyBook = DEFAULT_POLICIES,
    ) -> None:
        super().__init__(env, identity_key=identity_key, clock=clock, policies=policies)
        self.workers = WorkerService(self)
        self.trainings = TrainingService(self)
        self.transfers = TransferService(self)
        self.placements = PlacementService(self)
        self.disputes = DisputeService(self)
        self.subsidies = SubsidyService(self)
        self.subsidy_queries = SubsidyQueries(self)
        self.log_reading = LogReading(self)
        self.audit_exports = AuditExportService(self)
        self.disclosures = Disclosures(self)
        self.history = AuditHistory(self, self._record_views(), self.disclosures)
        self.office_register = OfficeService(self)
        self.handovers = HandoverService(self)

    def _record_views(self) -> dict[RecordKind, RecordView]:
        """How time travel shows each kind of record: in its own service's view,
        at the version replayed; a dispute as the reader may see it, its
        mediation clock as it stood on the day replayed."""
        return {
            RecordKind.WORKER: lambda i, v, r, _: self.workers.worker_details(i, r, version=v),
            RecordKind.TRAINING: lambda i, v, r, _: self.trainings.training_details(
                i, r, version=v
            ),
            RecordKind.TRANSFER: lambda i, v, r, _: self.transfers.transfer_details(
                i, r, version=v
            ),
            RecordKind.PLACEMENT: lambda i, v, r, _: self.placements.placement_details(
                i, r, version=v
            ),
            RecordKind.DISPUTE: lambda i, v, reader, today: self.disputes.dispute_details(
                i, reader, version=v, today=today
            ),
            RecordKind.SUBSIDY: lambda i, v, r, _: self.subsidy_queries.subsidy_details(
                i, r, version=v
            ),
            RecordKind.DISCLOSURE: lambda i, v, r, _: self.disclosures.disclosure_details(
                i, r, version=v
            ),
        }

    # -- workers (劳动力档案) ---------------------------------------------------------

    def register_worker(self, command: c.RegisterWorker) -> Recorded:
        return self.workers.register_worker(command)

    def register_workers(self, commands: Sequence[c.RegisterWorker]) -> list[Recorded]:
        return self.workers.register_workers(commands)

    def change_contact(self, command: c.ChangeContact) -> Recorded:
        return self.workers.change_contact(command)

    def change_poverty_status(self, command: c.ChangePovertyStatus) -> Recorded:
        return self.workers.change_poverty_status(command)

    def record_job_intention(self, command: c.RecordJobIntention) -> Recorded:
        return self.workers.record_job_intention(command)

    def record_skills(self, command: c.RecordSkills) -> Recorded:
        return self.workers.record_skills(command)

    def record_support_service(self, command: c.RecordSupportService) -> Recorded:
        return self.workers.record_support_service(command)

    def deactivate_worker(self, command: c.DeactivateWorker) -> Recorded:
        return self.workers.deactivate_worker(command)

    def reactivate_worker(self, command: c.ReactivateWorker) -> Recorded:
        return self.workers.reactivate_worker(command)

    def get_worker(self, worker_id: UUID, reader: Actor) -> Worker:
        return self.workers.get_worker(worker_id, reader)

    def worker_details(
        self, worker_id: UUID, reader: Actor, *, version: int | None = None
    ) -> WorkerDetails:
        return self.workers.worker_details(worker_id, reader, version=version)

    def worker_events(self, worker_id: UUID, reader: Actor) -> list[RecordedEvent]:
        return self.workers.worker_events(worker_id, reader)

    # -- offices and who serves a worker (机构名录、服务归属、移交) ----------------------

    def add_office(self, command: c.AddOffice) -> Recorded:
        return self.office_register.add_office(command)

    def link_partners(self, command: c.LinkPartners) -> Recorded:
        return self.office_register.link_partners(command)

    def offices(self) -> list[OfficeDetails]:
        return self.office_register.offices()

    def office(self, code: str) -> OfficeDetails | None:
        return self.office_register.office(code)

    def offer_handover(self, command: c.OfferHandover) -> Recorded:
        return self.handovers.offer_handover(command)

    def accept_handover(self, command: c.AcceptHandover) -> Recorded:
        return self.handovers.accept_handover(command)

    def decline_handover(self, command: c.DeclineHandover) -> Recorded:
        return self.handovers.decline_handover(command)

    def withdraw_handover(self, command: c.WithdrawHandover) -> Recorded:
        return self.handovers.withdraw_handover(command)

    def served_by(self, worker_id: UUID, reader: Actor) -> ServedBy:
        return self.handovers.served_by(worker_id, reader)

    def facts_recorded_by(self, reader: Actor, worker_id: UUID) -> frozenset[Fact]:
        return self.access.facts_recorded_by(reader, worker_id)

    def arrival_receivers(self, home_office: str, destination: str) -> list[str]:
        return self.access.receivers(home_office, destination)

    # -- trainings (培训) ------------------------------------------------------------

    def enroll_in_training(self, command: c.EnrollInTraining) -> Recorded:
        return self.trainings.enroll_in_training(command)

    def complete_training(self, command: c.CompleteTraining) -> Recorded:
        return self.trainings.complete_training(command)

    def certify_training(self, command: c.CertifyTraining) -> Recorded:
        return self.trainings.certify_training(command)

    def withdraw_from_training(self, command: c.WithdrawFromTraining) -> Recorded:
        return self.trainings.withdraw_from_training(command)

    def training_details(
        self, training_id: UUID, reader: Actor, *, version: int | None = None
    ) -> TrainingDetails:
        return self.trainings.training_details(training_id, reader, version=version)

    def training_events(self, training_id: UUID, reader: Actor) -> list[RecordedEvent]:
        return self.trainings.training_events(training_id, reader)

    # -- transfers (有组织转移) -------------------------------------------------------

    def arrange_transfer(self, command: c.ArrangeTransfer) -> Recorded:
        return self.transfers.arrange_transfer(command)

    def record_departure(self, command: c.RecordDeparture) -> Recorded:
        return self.transfers.record_departure(command)

    def record_arrival(self, command: c.RecordArrival) -> Recorded:
        return self.transfers.record_arrival(command)

    def cancel_transfer(self, command: c.CancelTransfer) -> Recorded:
        return self.transfers.cancel_transfer(command)

    def record_return(self, command: c.RecordReturn) -> Recorded:
        return self.transfers.record_return(command)

    def transfer_details(
        self, transfer_id: UUID, reader: Actor, *, version: int | None = None
    ) -> TransferDetails:
        return self.transfers.transfer_details(transfer_id, reader, version=version)

    def transfer_events(self, transfer_id: UUID, reader: Actor) -> list[RecordedEvent]:
        return self.transfers.transfer_events(transfer_id, reader)

    # -- placements (就业安置) --------------------------------------------------------

    def start_placement(self, command: c.StartPlacement) -> Recorded:
        return self.placements.start_placement(command)

    def confirm_month(self, command: c.ConfirmMonth) -> Recorded:
        return self.placements.confirm_month(command)

    def withdraw_month(self, command: c.WithdrawMonth) -> Recorded:
        return self.placements.withdraw_month(command)

    def end_placement(self, command: c.EndPlacement) -> Recorded:
        return self.placements.end_placement(command)

    def placement_details(
        self, placement_id: UUID, reader: Actor, *, version: int | None = None
    ) -> PlacementDetails:
        return self.placements.placement_details(placement_id, reader, version=version)

    def placement_events(self, placement_id: UUID, reader: Actor) -> list[RecordedEvent]:
        return self.placements.placement_events(placement_id, reader)

    # -- disputes (劳动争议) ----------------------------------------------------------

    def open_dispute(self, command: c.OpenDispute) -> Recorded:
        return self.disputes.open_dispute(command)

    def assign_mediator(self, command: c.AssignMediator) -> Recorded:
        return self.disputes.assign_mediator(command)

    def record_dispute_session(self, command: c.RecordSession) -> Recorded:
        return self.disputes.record_dispute_session(command)

    def add_dispute_evidence(self, command: c.AddEvidence) -> Recorded:
        return self.disputes.add_dispute_evidence(command)

    def escalate_dispute(self, command: c.EscalateDispute) -> Recorded:
        return self.disputes.escalate_dispute(command)

    def settle_dispute(self, command: c.SettleDispute) -> Recorded:
        return self.disputes.settle_dispute(command)

    def close_dispute(self, command: c.CloseDispute) -> Recorded:
        return self.disputes.close_dispute(command)

    def reopen_dispute(self, command: c.ReopenDispute) -> Recorded:
        return self.disputes.reopen_dispute(command)

    def dispute_details(
        self,
        dispute_id: UUID,
        reader: Actor,
        *,
        version: int | None = None,
        today: date | None = None,
    ) -> DisputeDetails:
        return self.disputes.dispute_details(dispute_id, reader, version=version, today=today)

    def dispute_events(self, dispute_id: UUID, reader: Actor) -> list[RecordedEvent]:
        return self.disputes.dispute_events(dispute_id, reader)

    # -- subsidies (补贴) ------------------------------------------------------------

    def subsidy_changes(self, facts: WorkerFacts, actor: Actor | None = None) -> list[Subsidy]:
        return self.subsidies.subsidy_changes(facts, actor)

    def record_subsidy_changes(
        self, subsidies: Sequence[Subsidy], tracking: Tracking | None = None
    ) -> int | None:
        return self.subsidies.record_subsidy_changes(subsidies, tracking)

    def evaluate_subsidies(self, command: c.EvaluateSubsidies, facts: WorkerFacts) -> Evaluation:
        return self.subsidies.evaluate_subsidies(command, facts)

    def approve_subsidy(self, command: c.ApproveSubsidy) -> Recorded:
        return self.subsidies.approve_subsidy(command)

    def reject_subsidy(self, command: c.RejectSubsidy) -> Recorded:
        return self.subsidies.reject_subsidy(command)

    def pay_subsidy(self, command: c.PaySubsidy) -> Recorded:
        return self.subsidies.pay_subsidy(command)

    def revoke_subsidy(self, command: c.RevokeSubsidy) -> Recorded:
        return self.subsidies.revoke_subsidy(command)

    def subsidy(self, subsidy_id: UUID) -> Subsidy:
        return self.subsidies.subsidy(subsidy_id)

    def subsidy_details(
        self, subsidy_id: UUID, reader: Actor, *, version: int | None = None
    ) -> SubsidyDetails:
        return self.subsidy_queries.subsidy_details(subsidy_id, reader, version=version)

    def subsidy_events(self, subsidy_id: UUID, reader: Actor) -> list[RecordedEvent]:
        return self.subsidy_queries.subsidy_events(subsidy_id, reader)

    # -- the log, exports and time travel (auditors) ---------------------------------

    def logged_events(
        self, span: LogSpan, window: RecordedWindow, page_size: int = PAGE_SIZE
    ) -> Iterator[LoggedEvent]:
        return self.log_reading.logged_events(span, window, page_size)

    def span_in_log(self, after: int, upto: int, window: RecordedWindow) -> LogSpan:
        return self.log_reading.span_in_log(after, upto, window)

    def record_audit_export(self, command: RecordAuditExport) -> Recorded:
        return self.audit_exports.record_audit_export(command)

    def record_as_of(
        self,
        record_id: UUID,
        *,
        as_of: datetime | None = None,
        version: int | None = None,
        reader: Actor,
        positions: Mapping[tuple[UUID, int], int] | None = None,
        basis: Basis = Basis.RECORDED,
    ) -> RecordAsOf:
        return self.history.record_as_of(
            record_id,
            as_of=as_of,
            version=version,
            reader=reader,
            positions=positions,
            basis=basis,
        )

    def worker_as_of(
        self,
        worker_id: UUID,
        record_ids: Iterable[UUID],
        *,
        as_of: datetime | None = None,
        version: int | None = None,
        reader: Actor,
        positions: Mapping[tuple[UUID, int], int] | None = None,
        basis: Basis = Basis.RECORDED,
    ) -> WorkerAsOf:
        return self.history.worker_as_of(
            worker_id,
            record_ids,
            as_of=as_of,
            version=version,
            reader=reader,
            positions=positions,
            basis=basis,
        )

    def replay_worker(
        self, auditor: Actor, worker_id: UUID, record_ids: Iterable[UUID], **when: Any
    ) -> WorkerAsOf:
        return self.history.replay_worker(auditor, worker_id, record_ids, **when)

    def replay_record(self, auditor: Actor, record_id: UUID, **when: Any) -> RecordAsOf:
        return self.history.replay_record(auditor, record_id, **when)

    # -- disclosures: reading that leaves a trace -------------------------------------

    def reveal_id_number(self, command: c.RevealIdNumber) -> RevealedIdNumber:
        return self.disclosures.reveal_id_number(command)

    def disclosure_details(
        self, disclosure_id: UUID, reader: Actor, *, version: int | None = None
    ) -> DisclosureDetails:
        return self.disclosures.disclosure_details(disclosure_id, reader, version=version)

    def read_dispute(self, dispute_id: UUID, reader: Actor) -> DisputeDetails:
        return self.disclosures.read_dispute(dispute_id, reader)

    def read_dispute_events(self, dispute_id: UUID, reader: Actor) -> list[RecordedEvent]:
        return self.disclosures.read_dispute_events(dispute_id, reader)

    def record_case_notes_read(
        self, dispute_id: UUID, worker_id: UUID, reader: Actor, reason: str | None = None
    ) -> int:
        return self.disclosures.record_case_notes_read(dispute_id, worker_id, reader, reason)
