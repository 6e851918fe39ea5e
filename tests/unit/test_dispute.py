"""Dispute: every transition allowed and refused, business dates, and the
statutory mediation clock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.dispute import MEDIATION_DAYS, Dispute, DisputeStatus
from domain.dispute_terms import MediationPeriod, PeriodEnd, PeriodStart
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
from tests.unit.worker_builders import worker_dates


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


def test_a_reopened_dispute_gets_a_new_fifteen_day_period_from_the_reopening() -> None:
    dispute = in_status("closed")  # accepted 2026-01-05, due 2026-01-20, closed 2026-01-08
    reopened_on = date(2026, 3, 2)

    dispute.reopen(reason="工人补充材料", **stamp(reopened_on))

    assert dispute.mediation_due_on == date(2026, 3, 17)
    assert not dispute.is_overdue(reopened_on)
    assert not dispute.is_overdue(date(2026, 3, 17))
    assert dispute.is_overdue(date(2026, 3, 18))


def test_every_mediation_period_stays_in_the_history_with_what_ended_it() -> None:
    dispute = in_status("in_mediation")
    dispute.escalate(to="court", reason="企业拒绝调解", **stamp(date(2026, 1, 10)))
    dispute.close(outcome="referred", reason=None, **stamp(date(2026, 1, 12)))
    dispute.reopen(reason="重新调解", **stamp(date(2026, 2, 1)))
    dispute.settle(amount_agreed="100", amount_recovered="0", **stamp(date(2026, 2, 10)))
    dispute.close(outcome="settled", reason=None, **stamp(date(2026, 2, 11)))
    dispute.reopen(reason="企业未履行", **stamp(date(2026, 3, 1)))

    assert dispute.mediation_periods == [
        MediationPeriod(OPENED_ON, PeriodStart.ACCEPTED, date(2026, 1, 10), PeriodEnd.ESCALATED),
        MediationPeriod(
            date(2026, 2, 1), PeriodStart.REOPENED, date(2026, 2, 10), PeriodEnd.SETTLED
        ),
        MediationPeriod(date(2026, 3, 1), PeriodStart.REOPENED),
    ]
    assert [p.due_on for p in dispute.mediation_periods] == [
        date(2026, 1, 20),
        date(2026, 2, 16),
        date(2026, 3, 16),
    ]


def test_a_closure_without_escalation_or_settlement_ends_the_period() -> None:
    dispute = opened()
    dispute.close(outcome="withdrawn", reason=None, **stamp(date(2026, 1, 9)))

    [period] = dispute.mediation_periods
    assert (period.ended_on, period.ended_by) == (date(2026, 1, 9), PeriodEnd.CLOSED)


def test_a_reopening_before_the_closure_is_refused_naming_the_closure_date() -> None:
    dispute = in_status("in_mediation")
    dispute.close(outcome="unresolved", reason=None, **stamp(date(2026, 1, 12)))

    with pytest.raises(InvalidValue) as refused:
        dispute.reopen(reason="重新调解", **stamp(date(2026, 1, 11)))

    assert str(refused.value) == "occurred_on: must not be before the closure date (2026-01-12)"
    assert dispute.status is DisputeStatus.CLOSED


@pytest.mark.parametrize("command", ["assign", "session", "evidence", "escalate", "close"])
def test_after_a_reopening_no_step_is_dated_before_it(command: str) -> None:
    dispute = in_status("in_mediation")
    dispute.close(outcome="unresolved", reason=None, **stamp(date(2026, 1, 12)))
    dispute.reopen(reason="重新调解", **stamp(date(2026, 2, 1)))

    with pytest.raises(InvalidValue) as refused:
        COMMANDS[command](dispute, **stamp(date(2026, 1, 31)))

    assert str(refused.value) == "occurred_on: must not be before the reopening date (2026-02-01)"
    COMMANDS[command](dispute, **stamp(date(2026, 2, 1)))


@pytest.mark.parametrize("on", [date(2025, 11, 30), date(1900, 1, 1)])
def test_a_dispute_accepted_before_the_workers_registration_is_refused(on: date) -> None:
    with pytest.raises(InvalidValue) as refused:
        opened(occurred_on=on)
    assert str(refused.value) == (
        "occurred_on: must not be before the worker's registration (2025-12-01)"
    )


def test_a_dispute_may_be_accepted_on_the_registration_day() -> None:
    dispute = opened(worker=worker_dates(registered_on=OPENED_ON))
    assert dispute.opened_on == OPENED_ON


def test_events_stored_before_the_date_rules_still_replay() -> None:
    """Rules live in the commands: an event recorded by an older version with
    a date the rules now refuse (a reopening before the closure) still loads."""
    dispute = in_status("closed")  # closed 2026-01-08
    dispute._reopened(reason="旧数据", **stamp_of_event(date(2026, 1, 6)))

    replayed = None
    for domain_event in dispute.collect_events():
        replayed = domain_event.mutate(replayed)

    assert isinstance(replayed, Dispute)
    assert replayed.mediation_periods[-1] == MediationPeriod(date(2026, 1, 6), PeriodStart.REOPENED)
    assert replayed.mediation_due_on == date(2026, 1, 21)


def stamp_of_event(on: date) -> dict[str, object]:
    return {"actor": stamp()["actor"], "occurred_on": on, "note": None}


def test_replaying_the_events_rebuilds_the_same_dispute() -> None:
    dispute = in_status("in_mediation")
    for command in ("session", "evidence", "escalate", "settle", "close", "reopen"):
        COMMANDS[command](dispute, **stamp())

    replayed = None
    for domain_event in dispute.collect_events():
        replayed = domain_event.mutate(replayed)

    assert isinstance(replayed, Dispute)
    assert vars(replayed) == vars(dispute)
