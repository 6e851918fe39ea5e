"""A worker's case file as the worker's page shows it: the person, each of
their records at its current version with the steps it allows, the journey's
stage and the timeline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar
from uuid import UUID

from application.handover_commands import ServedBy
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
from domain.recording_sides import Fact
from domain.training import TrainingState
from domain.transfer import TransferState
from infrastructure.readmodels import timeline_queries
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.timeline_queries import TimelineEntry
from infrastructure.readmodels.worker_records import records_of
from interfaces.web import next_steps as steps
from interfaces.web.commanding import DECLARED
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
    served: ServedBy
    """Who serves the worker, and the handovers offered (移交)."""
    handover_steps: list[Step]
    office_names: dict[str, str]

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
    worker = journey.worker_details(worker_id, reader)
    ids = records_of(read_models, worker_id, scope=reader.reach)
    trainings = [journey.training_details(i, reader) for i in ids.trainings]
    transfers = [journey.transfer_details(i, reader) for i in ids.transfers]
    placements = [journey.placement_details(i, reader) for i in ids.placements]
    subsidies = [journey.subsidy_details(i, reader) for i in ids.subsidies]
    page = timeline_queries.worker_timeline(
        read_models, worker_id, reader.role, 0, 200, scope=reader.reach
    )
    served = journey.served_by(worker_id, reader)
    ours = _ours(journey, reader, served)
    return CaseFile(
        worker=worker,
        steps=ours(steps.worker_steps(worker)),
        trainings=[WithSteps(t, ours(steps.training_steps(t))) for t in trainings],
        transfers=[WithSteps(t, ours(steps.transfer_steps(t), t)) for t in transfers],
        placements=[WithSteps(p, ours(steps.placement_steps(p))) for p in placements],
        disputes=[journey.dispute_details(i, reader) for i in ids.disputes],
        subsidies=[WithSteps(s, ours(steps.subsidy_steps(s))) for s in subsidies],
        timeline=page.entries if page else [],
        more_timeline_after=page.next_after if page else None,
        served=served,
        handover_steps=steps.handover_steps(served, reader.office),
        office_names={o.code: o.name for o in journey.offices()},
    )


def _ours(journey: Journey, reader: Actor, served: ServedBy) -> Callable[..., list[Step]]:
    """Only the steps the reader's office records (domain/recording_sides): the
    others would be refused as the other side's."""
    facts = journey.facts_recorded_by(reader, served.worker_id)

    def kept(offered: list[Step], transfer: TransferDetails | None = None) -> list[Step]:
        chosen = []
        for step in offered:
            fact = DECLARED[step.command].command.fact
            if fact is Fact.ARRIVAL and transfer is not None:
                receivers = journey.arrival_receivers(served.home_office, transfer.destination)
                if reader.office in receivers:
                    chosen.append(step)
            elif fact is None or fact in facts:
                chosen.append(step)
        return chosen

    return kept
