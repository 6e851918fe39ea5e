"""The subsidy rules over a worker's history: every boundary the programme draws."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from domain.placement_terms import PlacementKind
from domain.subsidy_history import EventRef, StatusChange
from domain.subsidy_policy import DEFAULT_POLICIES
from domain.subsidy_rules import Entitlement, SubsidyKind, evaluate
from domain.transfer import TransferState
from tests.unit.subsidy_builders import (
    ARRIVED_ON,
    GENERAL,
    LIFTED,
    MONITORED,
    SUZHOU,
    WORKER,
    WUSHAN,
    history,
    months,
    of_kind,
    placement,
    stable_job_months,
    status,
    total,
    transfer,
)

REGISTERED = date(2026, 3, 10)
STABLE = SubsidyKind.STABLE_JOB
LIFE = SubsidyKind.LIFE_ADAPTATION
TRANSPORT = SubsidyKind.TRANSPORT_LIVING


def journey(confirmed: list[str], *statuses: StatusChange, **placed: Any) -> list[Entitlement]:
    """A worker transferred to Yantai with one placement confirmed for `confirmed`."""
    moved = transfer()
    chosen = statuses or (status(REGISTERED, LIFTED),)
    return evaluate(
        history(chosen, [moved], [placement(confirmed, moved, **placed)]), DEFAULT_POLICIES
    )


def test_a_lifted_worker_stably_employed_in_shandong_gets_all_three_subsidies() -> None:
    found = journey(months("2026-04", 6))
    assert [(e.kind, e.amount) for e in found] == [
        (TRANSPORT, Decimal("1500.00")),
        *[(STABLE, Decimal("1000.00"))] * 6,
        (LIFE, Decimal("5000.00")),
    ]
    assert stable_job_months(found) == months("2026-04", 6)
    assert {e.policy_version for e in found} == {"2021-鲁渝-1"}
    assert {e.worker_id for e in found} == {WORKER}


def test_five_consecutive_months_are_not_yet_stable_employment() -> None:
    found = journey(months("2026-04", 5))
    assert [e.kind for e in found] == [TRANSPORT]


def test_the_sixth_month_makes_the_earlier_months_payable_when_it_ends() -> None:
    found = journey(months("2026-04", 7))
    arising = {e.basis: e.arose_on for e in of_kind(found, STABLE)}
    assert set(arising.values()) == {date(2026, 9, 30)}  # the cap stops at six months
    assert of_kind(found, LIFE)[0].arose_on == date(2026, 9, 30)
    assert of_kind(found, TRANSPORT)[0].arose_on == ARRIVED_ON


def test_a_gap_between_months_starts_the_run_again() -> None:
    broken = months("2026-04", 3) + months("2026-08", 5)  # July missing: 3 + 5
    assert stable_job_months(journey(broken)) == []
    healed = months("2026-04", 3) + months("2026-08", 6)
    assert stable_job_months(journey(healed)) == months("2026-08", 6)


def test_months_from_two_placements_without_a_gap_make_one_run() -> None:
    moved = transfer()
    first = placement(months("2026-04", 3), moved)
    second = placement(months("2026-07", 3), moved, started_on=date(2026, 7, 1))
    found = evaluate(
        history([status(REGISTERED, LIFTED)], [moved], [first, second]), DEFAULT_POLICIES
    )
    assert stable_job_months(found) == months("2026-04", 6)
    assert len(of_kind(found, LIFE)) == 1


def test_months_worked_outside_the_partner_province_do_not_count() -> None:
    assert stable_job_months(journey(months("2026-04", 12), division=SUZHOU)) == []
    assert stable_job_months(journey(months("2026-04", 12), division=WUSHAN)) == []
    moved = transfer()
    shandong = placement(months("2026-04", 3), moved)
    jiangsu = placement(months("2026-07", 3), moved, division=SUZHOU)
    found = evaluate(
        history([status(REGISTERED, LIFTED)], [moved], [shandong, jiangsu]), DEFAULT_POLICIES
    )
    assert [e.kind for e in found] == [TRANSPORT]


def test_a_transfer_elsewhere_does_not_make_months_in_shandong_transferred_employment() -> None:
    to_jiangsu = transfer(destination=SUZHOU)
    job = placement(months("2026-04", 6), None)  # names no transfer, started after it
    found = evaluate(history([status(REGISTERED, LIFTED)], [to_jiangsu], [job]), DEFAULT_POLICIES)
    assert [e.kind for e in found] == [TRANSPORT]


def test_a_job_naming_no_transfer_counts_only_if_it_started_after_an_arrival() -> None:
    moved = transfer()
    after = placement(months("2026-04", 6), None, started_on=ARRIVED_ON)
    before = placement(months("2026-04", 6), None, started_on=date(2026, 3, 19))
    statuses = [status(REGISTERED, LIFTED)]
    assert (
        len(stable_job_months(evaluate(history(statuses, [moved], [after]), DEFAULT_POLICIES))) == 6
    )
    assert stable_job_months(evaluate(history(statuses, [moved], [before]), DEFAULT_POLICIES)) == []


def test_local_jobs_and_cancelled_transfers_are_not_transferred_employment() -> None:
    local = journey(months("2026-04", 6), kind=PlacementKind.LOCAL_ENTERPRISE)
    assert stable_job_months(local) == []
    called_off = transfer(arrived_on=None, state=TransferState.CANCELLED)
    job = placement(months("2026-04", 6), called_off)
    found = evaluate(history([status(REGISTERED, LIFTED)], [called_off], [job]), DEFAULT_POLICIES)
    assert found == []


def test_months_before_the_arrival_month_do_not_count() -> None:
    found = journey(
        months("2026-01", 8), status(date(2025, 12, 1), LIFTED), started_on=date(2026, 1, 5)
    )
    assert stable_job_months(found) == months("2026-03", 6)  # arrived in March


def test_a_general_worker_gets_only_the_transport_subsidy() -> None:
    found = journey(months("2026-04", 12), status(REGISTERED, GENERAL))
    assert [e.kind for e in found] == [TRANSPORT]


def test_a_monitored_worker_gets_the_stable_job_subsidy_but_not_life_adaptation() -> None:
    found = journey(months("2026-04", 6), status(REGISTERED, MONITORED))
    assert total(found, STABLE) == Decimal("6000.00")
    assert of_kind(found, LIFE) == []


def test_each_month_is_paid_only_if_the_status_at_its_end_is_eligible() -> None:
    found = journey(
        months("2026-04", 6),
        status(REGISTERED, LIFTED),
        status(date(2026, 7, 15), GENERAL, recorded_as=2),
    )
    assert stable_job_months(found) == months("2026-04", 3)  # July ended as general
    assert of_kind(found, LIFE) == []  # general when stability was reached in September


def test_a_change_taking_effect_on_the_last_day_of_a_month_decides_that_month() -> None:
    found = journey(
        months("2026-04", 6),
        status(REGISTERED, GENERAL),
        status(date(2026, 4, 30), LIFTED, recorded_as=2),
        status(date(2026, 8, 31), GENERAL, recorded_as=3),
    )
    assert stable_job_months(found) == months("2026-04", 4)


def test_the_month_the_worker_was_registered_in_counts() -> None:
    found = journey(months("2026-04", 6), status(date(2026, 4, 20), LIFTED))
    assert stable_job_months(found) == months("2026-04", 6)


def test_a_back_dated_change_applies_from_its_effective_date() -> None:
    found = journey(
        months("2026-04", 6),
        status(REGISTERED, GENERAL),
        status(date(2026, 6, 10), MONITORED, recorded_as=5),  # recorded in the autumn
    )
    assert stable_job_months(found) == months("2026-06", 4)
    assert EventRef(WORKER, 5) in of_kind(found, STABLE)[0].evidence


def test_a_later_statement_overrides_an_earlier_one_even_when_back_dated_before_it() -> None:
    found = journey(
        months("2026-04", 6),
        status(REGISTERED, GENERAL),
        status(date(2025, 1, 1), LIFTED, recorded_as=4),  # the registration was wrong
    )
    assert stable_job_months(found) == months("2026-04", 6)
    assert len(of_kind(found, LIFE)) == 1


def test_life_adaptation_arises_once_the_worker_is_lifted_during_stable_employment() -> None:
    found = journey(
        months("2026-04", 9),
        status(REGISTERED, MONITORED),
        status(date(2026, 11, 1), LIFTED, recorded_as=2),
    )
    [life] = of_kind(found, LIFE)
    assert life.arose_on == date(2026, 11, 30)
    assert "2026-11 为连续第 8 个月" in life.explanation_zh


def test_the_cap_is_reached_across_two_placements() -> None:
    first_move, second_move = transfer(arrived_on=date(2025, 1, 2)), transfer()
    first = placement(months("2025-01", 6), first_move, started_on=date(2025, 1, 3))
    second = placement(months("2026-04", 6), second_move)
    statuses = [status(date(2024, 12, 1), GENERAL), status(date(2025, 4, 1), LIFTED, 2)]
    found = evaluate(
        history(statuses, [first_move, second_move], [first, second]), DEFAULT_POLICIES
    )
    assert stable_job_months(found) == months("2025-04", 3) + months("2026-04", 3)
    assert total(found, STABLE) == Decimal("6000.00")
    assert {e.basis for e in of_kind(found, TRANSPORT)} == {
        f"transfer:{first_move.transfer_id}",
        f"transfer:{second_move.transfer_id}",
    }


def test_life_adaptation_is_entitled_at_most_once_even_with_two_stable_placements() -> None:
    first_move, second_move = transfer(arrived_on=date(2025, 1, 2)), transfer()
    first = placement(months("2025-01", 6), first_move, started_on=date(2025, 1, 3))
    second = placement(months("2026-04", 6), second_move)
    statuses = [status(date(2024, 12, 1), LIFTED)]
    found = evaluate(
        history(statuses, [first_move, second_move], [first, second]), DEFAULT_POLICIES
    )
    [life] = of_kind(found, LIFE)
    assert (life.basis, life.arose_on) == ("once", date(2025, 6, 30))
    assert stable_job_months(found) == months("2025-01", 6)


def test_the_transport_subsidy_is_once_per_transfer_that_arrived() -> None:
    arrived = transfer()
    returned = transfer(arrived_on=date(2026, 5, 1), state=TransferState.RETURNED)
    not_arrived = [
        transfer(arrived_on=None, state=state)
        for state in (TransferState.ARRANGED, TransferState.DEPARTED, TransferState.CANCELLED)
    ]
    found = evaluate(
        history([status(REGISTERED, GENERAL)], [arrived, returned, *not_arrived]), DEFAULT_POLICIES
    )
    assert [(e.basis, e.arose_on, e.amount) for e in found] == [
        (f"transfer:{arrived.transfer_id}", ARRIVED_ON, Decimal("1500.00")),
        (f"transfer:{returned.transfer_id}", date(2026, 5, 1), Decimal("1500.00")),
    ]
    assert found[0].evidence == arrived.evidence


def test_a_month_confirmed_by_two_overlapping_placements_is_paid_once() -> None:
    moved = transfer()
    main_job = placement(months("2026-04", 6), moved)
    side_job = placement(["2026-05"], moved)
    found = evaluate(
        history([status(REGISTERED, LIFTED)], [moved], [main_job, side_job]), DEFAULT_POLICIES
    )
    assert stable_job_months(found) == months("2026-04", 6)
    may = of_kind(found, STABLE)[1]
    assert {main_job.months[1].evidence, side_job.months[0].evidence} <= set(may.evidence)


def test_a_stable_job_month_names_the_events_it_relied_on() -> None:
    moved = transfer()
    job = placement(months("2026-04", 7), moved)
    registered = status(REGISTERED, LIFTED)
    found = evaluate(history([registered], [moved], [job]), DEFAULT_POLICIES)
    april = of_kind(found, STABLE)[0]
    six_months = {m.evidence for m in job.months[:6]}
    assert set(april.evidence) == {*six_months, *job.evidence, *moved.evidence, registered.evidence}
    assert job.months[6].evidence not in april.evidence
    assert list(april.evidence) == sorted(april.evidence)


def test_the_explanation_gives_the_computation_in_words_without_the_worker_id() -> None:
    april = of_kind(journey(months("2026-04", 6)), STABLE)[0]
    assert "自 2026-04 起在山东省连续就业" in april.explanation_zh
    assert "于 2026-09 达到" in april.explanation_zh
    assert "脱贫人口" in april.explanation_zh
    assert "按政策 2021-鲁渝-1 稳岗补贴每月 1000.00 元" in april.explanation_zh
    assert "month 1 of consecutive confirmed employment since 2026-04" in april.explanation_en
    assert "lifted out of poverty" in april.explanation_en
    assert str(WORKER) not in april.explanation_zh + april.explanation_en


def test_facts_from_before_the_first_policy_entitle_nothing() -> None:
    early = transfer(arrived_on=date(2020, 12, 1))  # the first policy took effect 2021-01-01
    statuses = [status(date(2019, 1, 1), LIFTED)]
    five_under_policy = placement(months("2020-12", 6), early, started_on=date(2020, 12, 2))
    assert evaluate(history(statuses, [early], [five_under_policy]), DEFAULT_POLICIES) == []
    six_under_policy = placement(months("2020-12", 7), early, started_on=date(2020, 12, 2))
    found = evaluate(history(statuses, [early], [six_under_policy]), DEFAULT_POLICIES)
    assert stable_job_months(found) == months("2021-01", 6)
    assert of_kind(found, TRANSPORT) == []


def test_the_entitlements_come_in_the_order_they_arose() -> None:
    found = journey(months("2026-04", 6))
    keys = [(e.arose_on, e.kind, e.basis) for e in found]
    assert keys[0][1] is TRANSPORT
    assert [k[0] for k in keys] == sorted(k[0] for k in keys)
    assert evaluate(history(), DEFAULT_POLICIES) == []
