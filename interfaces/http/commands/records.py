"""The kinds of record commands address, and how an answer shows each one."""

from __future__ import annotations

from interfaces.http import dependencies as d
from interfaces.http.commands.declaration import RecordKind
from interfaces.http.schemas.disputes import DisputeOut
from interfaces.http.schemas.placements import PlacementOut
from interfaces.http.schemas.subsidy import SubsidyOut
from interfaces.http.schemas.trainings import TrainingOut
from interfaces.http.schemas.transfers import TransferOut
from interfaces.http.schemas.workers import WorkerOut

WORKERS = RecordKind(
    "/workers",
    "worker_id",
    d.worker_id_from_path,
    WorkerOut,
    lambda journey, worker_id, _: WorkerOut.of(journey.worker_details(worker_id)),
)
TRAININGS = RecordKind(
    "/trainings",
    "training_id",
    d.training_id_from_path,
    TrainingOut,
    lambda journey, training_id, _: TrainingOut.of(journey.training_details(training_id)),
)
TRANSFERS = RecordKind(
    "/transfers",
    "transfer_id",
    d.transfer_id_from_path,
    TransferOut,
    lambda journey, transfer_id, _: TransferOut.of(journey.transfer_details(transfer_id)),
)
PLACEMENTS = RecordKind(
    "/placements",
    "placement_id",
    d.placement_id_from_path,
    PlacementOut,
    lambda journey, placement_id, _: PlacementOut.of(journey.placement_details(placement_id)),
)
# The dispute as the caller may read it: a caseworker who opened it gets the
# view without case notes.
DISPUTES = RecordKind(
    "/disputes",
    "dispute_id",
    d.dispute_id_from_path,
    DisputeOut,
    lambda journey, dispute_id, actor: DisputeOut.of(
        journey.dispute_details(dispute_id, actor.role)
    ),
)
SUBSIDIES = RecordKind(
    "/subsidies",
    "subsidy_id",
    d.subsidy_id_from_path,
    SubsidyOut,
    lambda journey, subsidy_id, _: SubsidyOut.of(journey.subsidy_details(subsidy_id)),
)
