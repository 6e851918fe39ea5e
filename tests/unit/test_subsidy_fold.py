"""The subsidies fold: one ledger row per subsidy that mirrors the aggregate
through every transition — pure, no SQL."""

from __future__ import annotations

from datetime import UTC, date
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import pytest

from application.projections.subsidies import SubsidyFold, subsidies_to_read
from domain.actor import Actor, Role
from domain.subsidy import Assessment, Subsidy, SubsidyKind
from domain.worker import Worker
from tests.unit.worker_builders import register

TODAY = date(2026, 11, 26)
ASSESSED_ON = date(2026, 9, 1)
POLICY = Actor("subsidy-policy", Role.SYSTEM, "500237")
CASEWORKER = Actor("li.ming", Role.CASEWORKER, "500237")
UNSUPPORTED = {"reason_zh": "不再有依据", "reason_en": "No longer supported"}


class Log:
    """Events in the order they were saved, numbered from 1 as the log does."""

    def __init__(self) -> None:
        self.events: list[tuple[int, Any]] = []

    def save(self, *aggregates: Worker | Subsidy) -> None:
        for aggregate in aggregates:
            for event in aggregate.collect_events():
                self.events.append((len(self.events) + 1, event))

    def fold(self) -> SubsidyFold:
        fold = SubsidyFold()
        fold.apply_all(self.events)
        return fold


def assessment(amount: str, evaluated_at: int, arose_on: date = date(2026, 8, 31)) -> Assessment:
    return Assessment(
        amount=Decimal(amount),
        policy_version="2021-鲁渝-1",
        arose_on=arose_on,
        evidence=[],
        explanation_zh="按政策核定",
        explanation_en="Under the policy",
        evaluated_at=evaluated_at,
    )


def assess(
    worker_id: UUID,
    amount: str = "1000.00",
    kind: SubsidyKind = SubsidyKind.STABLE_JOB,
    basis: str = "month:2026-08",
) -> Subsidy:
    return Subsidy.assess(
        subsidy_id=uuid4(),
        worker_id=worker_id,
        kind=kind,
        basis=basis,
        assessment=assessment(amount, evaluated_at=10),
        actor=POLICY,
        today=ASSESSED_ON,
    )


def by(actor: Actor = CASEWORKER, on: date = date(2026, 9, 10)) -> dict[str, Any]:
    return {"actor": actor, "occurred_on": on, "today": TODAY, "note": None}


def row_of(fold: SubsidyFold, subsidy: Subsidy) -> dict[str, Any]:
    row = fold.row(subsidy.id)
    assert row is not None, "no row for the subsidy"
    return row


def mirrors(row: dict[str, Any], s: Subsidy) -> None:
    """The row says what the aggregate says."""

    def fen(amount: Decimal | None) -> int | None:
        return None if amount is None else int(amount * 100)

    def iso(day: date | None) -> str | None:
        return None if day is None else day.isoformat()

    assert row["status"] == s.status.value
    assert (row["amount_fen"], row["paid_amount_fen"], row["overpaid_fen"]) == (
        fen(s.amount),
        fen(s.paid_amount),
        fen(s.overpaid_amount),
    )
    assert (row["policy_version"], row["arose_on"]) == (s.policy_version, iso(s.arose_on))
    assert (row["decided_on"], row["paid_on"], row["payment_reference"]) == (
        iso(s.decided_on),
        iso(s.paid_on),
        s.payment_reference,
    )
    assert row["version"] == s.version


@pytest.fixture
def log() -> Log:
    return Log()


@pytest.fixture
def worker(log: Log) -> Worker:
    worker = register()
    log.save(worker)
    return worker


def test_an_assessment_opens_a_row_with_the_office_and_township_of_its_worker(
    log: Log, worker: Worker
) -> None:
    subsidy = assess(worker.id)
    event = subsidy.pending_events[0]
    log.save(subsidy)

    row = log.fold().row(subsidy.id)

    assert row == {
        "subsidy_id": str(subsidy.id),
        "worker_id": str(worker.id),
        "office": "500237",
        "township": "骡坪镇",
        "kind": "stable_job",
        "basis": "month:2026-08",
        "status": "assessed",
        "amount_fen": 100000,
        "paid_amount_fen": None,
        "overpaid_fen": None,
        "policy_version": "2021-鲁渝-1",
        "arose_on": "2026-08-31",
        "assessed_on": "2026-08-31",  # dated when it arose, not when the process ran
        "decided_on": None,
        "paid_on": None,
        "payment_reference": None,
        "assessed_position": 2,
        "version": 1,
        "position": 2,
        "updated_at": event.timestamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
    }


def test_approval_then_payment_record_the_decision_date_reference_and_paid_amount(
    log: Log, worker: Worker
) -> None:
    subsidy = assess(worker.id)
    subsidy.approve(**by(on=date(2026, 9, 10)))
    log.save(subsidy)
    approved = row_of(log.fold(), subsidy)
    assert (approved["status"], approved["decided_on"]) == ("approved", "2026-09-10")

    subsidy.pay(
        payment_reference="WS-2026-BT-1", paid_on=date(2026, 9, 20), **by(on=date(2026, 9, 21))
    )
    log.save(subsidy)
    paid = row_of(log.fold(), subsidy)

    mirrors(paid, subsidy)
    assert (paid["status"], paid["paid_amount_fen"], paid["paid_on"]) == (
        "paid",
        100000,
        "2026-09-20",
    )
    assert (paid["payment_reference"], paid["version"], paid["position"]) == ("WS-2026-BT-1", 3, 4)


def test_a_rejection_and_a_revocation_keep_the_decision_date(log: Log, worker: Worker) -> None:
    rejected, revoked = assess(worker.id), assess(worker.id, basis="month:2026-09")
    rejected.reject(reason="材料不全", **by(on=date(2026, 9, 11)))
    revoked.approve(**by(on=date(2026, 9, 12)))
    revoked.revoke(reason="重复申报", **by(on=date(2026, 9, 13)))
    log.save(rejected, revoked)

    fold = log.fold()

    for subsidy in (rejected, revoked):
        mirrors(row_of(fold, subsidy), subsidy)
    assert [row_of(fold, s)["status"] for s in (rejected, revoked)] == ["rejected", "revoked"]
    assert row_of(fold, revoked)["decided_on"] == "2026-09-12"


def test_a_withdrawn_subsidy_supported_again_is_reassessed_and_awaits_a_new_decision(
    log: Log, worker: Worker
) -> None:
    subsidy = assess(worker.id)
    subsidy.approve(**by())
    subsidy.no_longer_supported(evaluated_at=20, actor=POLICY, today=TODAY, **UNSUPPORTED)
    log.save(subsidy)
    withdrawn = row_of(log.fold(), subsidy)
    mirrors(withdrawn, subsidy)
    assert withdrawn["status"] == "withdrawn"

    subsidy.still_supported(
        assessment("800.00", 30, arose_on=date(2026, 9, 30)), actor=POLICY, today=TODAY
    )
    log.save(subsidy)
    again = row_of(log.fold(), subsidy)

    mirrors(again, subsidy)
    assert (again["status"], again["amount_fen"], again["arose_on"], again["decided_on"]) == (
        "assessed",
        80000,
        "2026-09-30",
        None,
    )


def test_a_paid_subsidy_supported_for_less_is_overpaid_by_the_difference_until_corrected(
    log: Log, worker: Worker
) -> None:
    subsidy = assess(worker.id)
    subsidy.approve(**by())
    subsidy.pay(payment_reference="WS-1", paid_on=date(2026, 9, 20), **by(on=date(2026, 9, 21)))
    subsidy.still_supported(assessment("600.00", 20), actor=POLICY, today=TODAY)
    log.save(subsidy)
    overpaid = row_of(log.fold(), subsidy)
    mirrors(overpaid, subsidy)
    assert (overpaid["status"], overpaid["amount_fen"], overpaid["overpaid_fen"]) == (
        "overpaid",
        60000,
        40000,
    )
    assert overpaid["paid_amount_fen"] == 100000

    subsidy.still_supported(assessment("1000.00", 30), actor=POLICY, today=TODAY)
    log.save(subsidy)
    restored = row_of(log.fold(), subsidy)

    mirrors(restored, subsidy)
    assert (restored["status"], restored["overpaid_fen"], restored["amount_fen"]) == (
        "paid",
        None,
        100000,
    )


def test_a_paid_subsidy_no_longer_supported_at_all_is_overpaid_by_everything_paid(
    log: Log, worker: Worker
) -> None:
    subsidy = assess(worker.id, amount="1500.00", kind=SubsidyKind.TRANSPORT_LIVING, basis="x")
    subsidy.approve(**by())
    subsidy.pay(payment_reference="WS-2", paid_on=date(2026, 9, 20), **by(on=date(2026, 9, 21)))
    subsidy.no_longer_supported(evaluated_at=20, actor=POLICY, today=TODAY, **UNSUPPORTED)
    log.save(subsidy)

    row = row_of(log.fold(), subsidy)

    mirrors(row, subsidy)
    assert (row["status"], row["amount_fen"], row["overpaid_fen"]) == ("overpaid", 0, 150000)


def test_pages_of_any_size_give_the_rows_of_one_page(log: Log, worker: Worker) -> None:
    other = register(actor=Actor("zhang.hua", Role.CASEWORKER, "370600"), hukou_township=None)
    log.save(other)
    subsidies = [assess(worker.id), assess(other.id, basis="month:2026-09")]
    subsidies[0].approve(**by())
    subsidies[1].reject(reason="不符合", **by())
    log.save(*subsidies)
    subsidies[0].pay(
        payment_reference="WS-3", paid_on=date(2026, 9, 20), **by(on=date(2026, 9, 21))
    )
    log.save(*subsidies)
    whole = log.fold()

    for size in (1, 2, 3):
        assert _paged(log.events, size) == {r["subsidy_id"]: r for r in whole.changed_rows()}
    assert (row_of(whole, subsidies[1])["office"], row_of(whole, subsidies[1])["township"]) == (
        "370600",
        None,
    )


def _paged(events: list[tuple[int, Any]], size: int) -> dict[str, dict[str, Any]]:
    """Fold page by page, reading back only what `subsidies_to_read` names, as
    the projection does from its tables."""
    subsidies: dict[str, dict[str, Any]] = {}
    workers: dict[str, dict[str, Any]] = {}
    for start in range(0, len(events), size):
        page = events[start : start + size]
        reads = subsidies_to_read(e for _, e in page)
        fold = SubsidyFold(
            {k: subsidies[k] for k in reads.subsidies if k in subsidies},
            {k: workers[k] for k in reads.workers if k in workers},
        )
        fold.apply_all(page)
        workers.update({w["worker_id"]: w for w in fold.new_workers})
        subsidies.update({r["subsidy_id"]: r for r in fold.changed_rows()})
    return subsidies


def test_a_page_reads_only_the_subsidies_and_workers_it_did_not_create(worker: Worker) -> None:
    known = assess(worker.id)
    known.collect_events()
    known.approve(**by())
    elsewhere = uuid4()
    fresh = register()
    new = assess(fresh.id)
    new.approve(**by())
    page = [
        *known.collect_events(),
        *fresh.collect_events(),
        *new.collect_events(),
        *assess(elsewhere).collect_events(),
    ]

    reads = subsidies_to_read(page)

    assert reads.subsidies == {str(known.id)}
    assert reads.workers == {str(elsewhere)}


def test_events_of_a_subsidy_whose_assessment_was_never_seen_change_nothing(
    worker: Worker,
) -> None:
    subsidy = assess(worker.id)
    subsidy.collect_events()
    subsidy.approve(**by())
    fold = SubsidyFold()

    fold.apply_all(enumerate(subsidy.collect_events(), start=7))

    assert (fold.row(subsidy.id), fold.changed_rows()) == (None, [])


def test_a_subsidy_of_a_worker_never_registered_has_no_office(log: Log) -> None:
    subsidy = assess(uuid4())
    log.save(subsidy)

    row = row_of(log.fold(), subsidy)

    assert (row["office"], row["township"], row["status"]) == (None, None, "assessed")
