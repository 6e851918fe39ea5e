"""Which next steps a worker's page offers: those the records' states allow.

The aggregates still decide (a step refused by the domain is answered with its
reason); this only keeps the page from offering what the state cannot take.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.handover_commands import ServedBy
from application.subsidy_queries import SubsidyDetails
from application.views import PlacementDetails, TrainingDetails, TransferDetails, WorkerDetails
from domain.case_offices import OfferState
from domain.placement import PlacementState
from domain.subsidy import APPROVABLE, PAYABLE, REVOCABLE
from domain.training import TrainingResult, TrainingState
from domain.transfer import TransferState
from domain.worker_profile import WorkerStatus


@dataclass(frozen=True)
class Step:
    command: str  # the declared command's name, e.g. record_arrival
    record_id: UUID | None = None  # the record it changes; None: it creates one


WORKER_STEPS = (
    "enroll_in_training",
    "arrange_transfer",
    "start_placement",
    "open_dispute",
    "record_support_service",
    "change_contact",
    "change_poverty_status",
    "record_skills",
    "record_job_intention",
)


def worker_steps(worker: WorkerDetails) -> list[Step]:
    if worker.status != WorkerStatus.ACTIVE:
        return [Step("reactivate_worker", worker.id)]
    made = [Step(name, None if _creates(name) else worker.id) for name in WORKER_STEPS]
    return [*made, Step("deactivate_worker", worker.id)]


def _creates(name: str) -> bool:
    return name in ("enroll_in_training", "arrange_transfer", "start_placement", "open_dispute")


def training_steps(training: TrainingDetails) -> list[Step]:
    if training.state == TrainingState.ENROLLED:
        names = ["complete_training", "withdraw_from_training"]
    elif training.state == TrainingState.COMPLETED and training.result == TrainingResult.PASSED:
        names = ["certify_training"]
    else:
        names = []
    return [Step(name, training.id) for name in names]


_TRANSFER_STEPS = {
    TransferState.ARRANGED: ("record_departure", "cancel_transfer"),
    TransferState.DEPARTED: ("record_arrival",),
    TransferState.ARRIVED: ("record_return",),
}


def transfer_steps(transfer: TransferDetails) -> list[Step]:
    names = _TRANSFER_STEPS.get(TransferState(transfer.state), ())
    return [Step(name, transfer.id) for name in names]


def placement_steps(placement: PlacementDetails) -> list[Step]:
    if placement.state != PlacementState.ACTIVE:
        return []
    names = ["confirm_month", "end_placement"]
    if placement.confirmed_months:
        names.insert(1, "withdraw_month")
    return [Step(name, placement.id) for name in names]


def subsidy_steps(subsidy: SubsidyDetails) -> list[Step]:
    names = []
    if subsidy.status in APPROVABLE:
        names += ["approve_subsidy", "reject_subsidy"]
    if subsidy.status in PAYABLE:
        names.append("pay_subsidy")
    if subsidy.status in REVOCABLE:
        names.append("revoke_subsidy")
    return [Step(name, subsidy.id) for name in names]


def handover_steps(served: ServedBy, office: str) -> list[Step]:
    """What the reader's office may do about who serves the worker: offer the
    worker on while it serves them, decide an offer made to it, withdraw its own."""
    pending = [h for h in served.handovers if h.state == OfferState.PENDING]
    made: list[Step] = []
    if office in (served.home_office, served.host_office):
        made.append(Step("offer_handover", served.worker_id))
    if any(h.to_office == office for h in pending):
        made += [
            Step("accept_handover", served.worker_id),
            Step("decline_handover", served.worker_id),
        ]
    if any(h.from_office == office for h in pending):
        made.append(Step("withdraw_handover", served.worker_id))
    return made
