"""Dispute: every transition allowed and refused, business dates, and the
statutory mediation clock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.dispute import MEDIATION_DAYS, Dispute, DisputeStatus
from domain.exceptions import InvalidTransition, InvalidValue
from tests.unit.dispute_builders import (
    ALLOWED,
    COMMAND_NAMES,
    COMMANDS,
    OPENED_ON,
    PATHS,
    TODAY,
    in_status,
    opened,
    stamp,
)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("status", PATHS)
def test_each_command_is_allowed_only_in_its_statuses(status: str, command: str) -> None:
    dispute = in_status(status)
    before = len(dispute.pending_events)

    if (status, command) in ALLOWED:
        COMMANDS[command](dispute, **stamp())
        assert dispute.status == ALLOWED[(status, command)]
        assert len(dispute.pending_events) == before + 1
    else:
        with pytest.raises(InvalidTransition) as refused:
            COMMANDS[command](dispute, **stamp())
        assert refused.value.state == status
        assert refused.value.command == COMMAND_NAMES[command]
        assert status in str(refused.value)
        assert dispute.status == status
        assert len(dispute.pending_events) == before


def test_reassigning_a_mediator_replaces_the_first() -> None:
    dispute = in_status("in_mediation")
    dispute.assign_mediator(mediator="zhao.lei", **stamp())
    assert dispute.mediator == "zhao.lei"
    assert dispute.status is DisputeStatus.IN_MEDIATION


def test_reopening_returns_to_mediation_when_a_mediator_is_assigned() -> None:
    dispute = in_status("in_mediation")
    dispute.close(outcome="unresolved", reason="调解不成", **stamp())
    dispute.reopen(reason="企业同意重新调解", **stamp(date(2026, 2, 1)))

    assert dispute.status is DisputeStatus.IN_MEDIATION
    assert dispute.outcome is None
    assert dispute.closed_on is None
    assert dispute.reopened_on == date(2026, 2, 1)


def test_reopening_returns_to_opened_without_a_mediator() -> None:
    dispute = in_status("closed")
    dispute.reopen(reason="工人补充材料", **stamp())
    assert dispute.status is DisputeStatus.OPENED


@pytest.mark.parametrize("status_and_command", sorted(ALLOWED))
def test_no_event_may_be_dated_in_the_future_or_before_the_opening(
    status_and_command: tuple[str, str],
) -> None:
    status, command = status_and_command
    dispute = in_status(status)
    for on in (TODAY + timedelta(days=1), OPENED_ON - timedelta(days=1)):
        with pytest.raises(InvalidValue) as refused:
            COMMANDS[command](dispute, **stamp(on))
        assert refused.value.field == "occurred_on"
    assert dispute.status == status


def test_an_event_may_be_dated_on_the_opening_day() -> None:
    dispute = opened()
    dispute.assign_mediator(mediator="wang.fang", **stamp(OPENED_ON))
    assert dispute.status is DisputeStatus.IN_MEDIATION


def test_mediation_is_due_fifteen_days_after_acceptance() -> None:
    assert MEDIATION_DAYS == 15
    assert opened().mediation_due_on == date(2026, 1, 20)


@pytest.mark.parametrize("status", ["opened", "in_mediation"])
def test_mediation_is_overdue_from_the_sixteenth_day(status: str) -> None:
    dispute = in_status(status)
    assert not dispute.is_overdue(OPENED_ON + timedelta(days=15))
    assert dispute.is_overdue(OPENED_ON + timedelta(days=16))


@pytest.mark.parametrize("status", ["escalated", "settled", "closed"])
def test_an_escalated_settled_or_closed_dispute_is_never_overdue(status: str) -> None:
    assert not in_status(status).is_overdue(TODAY)


def test_a_reopened_dispute_runs_on_the_original_clock() -> None:
    dispute = in_status("closed")
    dispute.reopen(reason="工人补充材料", **stamp())
    assert dispute.is_overdue(TODAY)


def test_replaying_the_events_rebuilds_the_same_dispute() -> None:
    dispute = in_status("in_mediation")
    for command in ("session", "evidence", "escalate", "settle", "close", "reopen"):
        COMMANDS[command](dispute, **stamp())

    replayed = None
    for domain_event in dispute.collect_events():
        replayed = domain_event.mutate(replayed)

    assert isinstance(replayed, Dispute)
    assert vars(replayed) == vars(dispute)
