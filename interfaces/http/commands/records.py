"""The kinds of record commands address, and how an answer shows each one."""

from __future__ import annotations

from application.subsidy_queries import SubsidyDetails
from application.views import (
    DisputeDetails,
    PlacementDetails,
    TrainingDetails,
    TransferDetails,
    WorkerDetails,
)
from interfaces.http import dependencies as d
from interfaces.http.commands.declaration import RecordKind

WORKERS = RecordKind(
    "/workers",
    "worker_id",
    d.worker_id_from_path,
    WorkerDetails,
    lambda journey, worker_id, actor: journey.worker_details(worker_id, actor),
)
TRAININGS = RecordKind(
    "/trainings",
    "training_id",
    d.training_id_from_path,
    TrainingDetails,
    lambda journey, training_id, actor: journey.training_details(training_id, actor),
)
TRANSFERS = RecordKind(
    "/transfers",
    "transfer_id",
    d.transfer_id_from_path,
    TransferDetails,
    lambda journey, transfer_id, actor: journey.transfer_details(transfer_id, actor),
)
PLACEMENTS = RecordKind(
    "/placements",
    "placement_id",
    d.placement_id_from_path,
    PlacementDetails,
    lambda journey, placement_id, actor: journey.placement_details(placement_id, actor),
)
# The dispute as the caller may read it: a caseworker who opened it gets the
# view without case notes.
DISPUTES = RecordKind(
    "/disputes",
    "dispute_id",
    d.dispute_id_from_path,
    DisputeDetails,
    lambda journey, dispute_id, actor: journey.dispute_details(dispute_id, actor),
)
SUBSIDIES = RecordKind(
    "/subsidies",
    "subsidy_id",
    d.subsidy_id_from_path,
    SubsidyDetails,
    lambda journey, subsidy_id, actor: journey.subsidy_details(subsidy_id, actor),
)
