"""The worker's page offers the steps the records' states allow, and only those."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any
from uuid import uuid4

import pytest

from domain.placement import PlacementState
from domain.subsidy import SubsidyStatus
from domain.training import TrainingResult, TrainingState
from domain.transfer import TransferState
from domain.worker_profile import WorkerStatus
from interfaces.web import next_steps
from interfaces.web.commanding import DECLARED


def _record(**fields: Any) -> Any:
    return SimpleNamespace(id=uuid4(), **fields)


def _names(steps: list[next_steps.Step]) -> list[str]:
    return [step.command for step in steps]


def test_an_active_worker_is_offered_the_worker_s_steps_and_deactivation() -> None:
    worker = _record(status=WorkerStatus.ACTIVE)
    steps = next_steps.worker_steps(worker)
    assert _names(steps) == [*next_steps.WORKER_STEPS, "deactivate_worker"]
    creating = {s.command for s in steps if s.record_id is None}
    assert creating == {"enroll_in_training", "arrange_transfer", "start_placement", "open_dispute"}
    assert all(s.record_id == worker.id for s in steps if s.command not in creating)


def test_a_deactivated_worker_is_offered_only_reactivation() -> None:
    steps = next_steps.worker_steps(_record(status=WorkerStatus.DEACTIVATED))
    assert _names(steps) == ["reactivate_worker"]


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (TransferState.ARRANGED, ["record_departure", "cancel_transfer"]),
        (TransferState.DEPARTED, ["record_arrival"]),
        (TransferState.ARRIVED, ["record_return"]),
        (TransferState.CANCELLED, []),
        (TransferState.RETURNED, []),
    ],
)
def test_a_transfer_offers_what_follows_its_state(
    state: TransferState, expected: list[str]
) -> None:
    assert _names(next_steps.transfer_steps(_record(state=state.value))) == expected


def test_every_transfer_state_is_considered() -> None:
    for state in TransferState:
        next_steps.transfer_steps(_record(state=state.value))  # no state is unknown to it


@pytest.mark.parametrize(
    ("state", "result", "expected"),
    [
        (TrainingState.ENROLLED, None, ["complete_training", "withdraw_from_training"]),
        (TrainingState.COMPLETED, TrainingResult.PASSED, ["certify_training"]),
        (TrainingState.COMPLETED, TrainingResult.FAILED, []),
        (TrainingState.CERTIFIED, TrainingResult.PASSED, []),
    ],
)
def test_a_training_is_certified_only_when_passed(
    state: TrainingState, result: TrainingResult | None, expected: list[str]
) -> None:
    assert _names(next_steps.training_steps(_record(state=state, result=result))) == expected


def test_a_month_can_be_withdrawn_only_once_one_is_confirmed() -> None:
    fresh = _record(state=PlacementState.ACTIVE, confirmed_months=[])
    assert _names(next_steps.placement_steps(fresh)) == ["confirm_month", "end_placement"]
    confirmed = _record(state=PlacementState.ACTIVE, confirmed_months=["2026-04"])
    assert _names(next_steps.placement_steps(confirmed)) == [
        "confirm_month",
        "withdraw_month",
        "end_placement",
    ]
    ended = _record(state=PlacementState.ENDED, confirmed_months=["2026-04"])
    assert next_steps.placement_steps(ended) == []


def test_a_subsidy_is_approved_then_paid_and_a_paid_one_is_not_paid_again() -> None:
    offered = {
        status: _names(next_steps.subsidy_steps(_record(status=status))) for status in SubsidyStatus
    }
    assert offered[SubsidyStatus.ASSESSED][:2] == ["approve_subsidy", "reject_subsidy"]
    assert "pay_subsidy" in offered[SubsidyStatus.APPROVED]
    assert "pay_subsidy" not in offered[SubsidyStatus.PAID]
    assert "approve_subsidy" not in offered[SubsidyStatus.PAID]


def test_every_offered_step_is_a_command_the_api_declares() -> None:
    offered = set(next_steps.WORKER_STEPS) | {"deactivate_worker", "reactivate_worker"}
    for state in TransferState:
        offered |= set(_names(next_steps.transfer_steps(_record(state=state.value))))
    for status in SubsidyStatus:
        offered |= set(_names(next_steps.subsidy_steps(_record(status=status))))
    assert offered <= DECLARED.keys(), sorted(offered - DECLARED.keys())
