"""A worker's case file as the worker's page shows it: the person, each of
their records at its current version with the steps it allows, the journey's
stage and the timeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar
from uuid import UUID

from application.journey import Journey
from application.subsidy_queries import SubsidyDetails
from application.views import (
    DisputeDetails,
    PlacementDetails,
    TrainingDetails,
    TransferDetails,
    WorkerDetails,
)
from domain.actor import Actor
from domain.training import TrainingState
from domain.transfer import TransferState
from infrastructure.readmodels import timeline_queries
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.timeline_queries import TimelineEntry
from infrastructure.readmodels.worker_records import records_of
from interfaces.web import next_steps as steps
from interfaces.web.next_steps import Step

R = TypeVar("R")
STAGES = ("registered", "trained", "transferred", "placed", "stably_employed")


@dataclass(frozen=True)
class WithSteps(Generic[R]):
    record: R
    steps: list[Step]


@dataclass(frozen=True)
class CaseFile:
    worker: WorkerDetails
    steps: list[Step]
    trainings: list[WithSteps[TrainingDetails]]
    transfers: list[WithSteps[TransferDetails]]
    placements: list[WithSteps[PlacementDetails]]
    disputes: list[DisputeDetails]
    subsidies: list[WithSteps[SubsidyDetails]]
    timeline: list[TimelineEntry]
    more_timeline_after: int | None

    @property
    def stage(self) -> str:
        """The furthest milestone reached (登记 → 培训 → 转移 → 到岗 → 稳定就业)."""
        reached = "registered"
        done = (TrainingState.COMPLETED, TrainingState.CERTIFIED)
        if any(t.record.state in done for t in self.trainings):
            reached = "trained"
        if any(t.record.arrived_on is not None for t in self.transfers):
            reached = "transferred"
        if self.placements:
            reached = "placed"
        if any(p.record.stably_employed for p in self.placements):
            reached = "stably_employed"
        return reached

    @property
    def stages(self) -> list[tuple[str, bool]]:
        """Each stage and whether it is reached."""
        upto = STAGES.index(self.stage)
        return [(stage, i <= upto) for i, stage in enumerate(STAGES)]

    def arrived_transfers(self) -> list[TransferDetails]:
        return [t.record for t in self.transfers if t.record.state == TransferState.ARRIVED]


def case_file(
    journey: Journey, read_models: ReadModels, worker_id: UUID, reader: Actor
) -> CaseFile:
    worker = journey.worker_details(worker_id)
    ids = records_of(read_models, worker_id)
    trainings = [journey.training_details(i) for i in ids.trainings]
    transfers = [journey.transfer_details(i) for i in ids.transfers]
    placements = [journey.placement_details(i) for i in ids.placements]
    subsidies = [journey.subsidy_details(i) for i in ids.subsidies]
    page = timeline_queries.worker_timeline(read_models, worker_id, reader.role, 0, 200)
    return CaseFile(
        worker=worker,
        steps=steps.worker_steps(worker),
        trainings=[WithSteps(t, steps.training_steps(t)) for t in trainings],
        transfers=[WithSteps(t, steps.transfer_steps(t)) for t in transfers],
        placements=[WithSteps(p, steps.placement_steps(p)) for p in placements],
        disputes=[journey.dispute_details(i, reader.role) for i in ids.disputes],
        subsidies=[WithSteps(s, steps.subsidy_steps(s)) for s in subsidies],
        timeline=page.entries if page else [],
        more_timeline_after=page.next_after if page else None,
    )
