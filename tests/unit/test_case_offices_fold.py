"""The case files fold of who serves a worker (home and host office) and of
handovers (移交), and the office each fact is recorded for — pure, no SQL."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

import pytest

from application.projections.case_files import KEYS, CaseFileFold, Row, records_to_read
from domain.actor import Actor, Role
from domain.case_offices import CaseOffices
from domain.transfer import Transfer
from domain.worker import Worker
from tests.unit.test_case_files_fold import (
    TODAY,
    WUSHAN,
    YANTAI,
    Log,
    Positioned,
    disputed,
    moved,
    placed,
    row_of,
    trained,
    worker,
    worker_row,
)

LAISHAN = Actor("sun.li", Role.CASEWORKER, "370613")
FUSHAN = Actor("zhou.qiang", Role.CASEWORKER, "370611")


def on(day: date, actor: Actor = WUSHAN) -> dict[str, Any]:
    return {"actor": actor, "occurred_on": day, "today": TODAY}


def opened(log: Log, w: Worker) -> CaseOffices:
    offices = CaseOffices.open(
        worker_id=w.id, home_office="500237", actor=WUSHAN, occurred_on=date(2026, 3, 3)
    )
    log.save(offices)
    return offices


def departed_for_laishan(log: Log, w: Worker, offices: CaseOffices) -> Transfer:
    t = Transfer.arrange(
        worker=w.dates,
        destination="370613",
        channel="job_fair",
        planned_on=date(2026, 3, 25),
        **on(date(2026, 3, 21)),
    )
    t.record_departure(mode="train", **on(date(2026, 3, 25)))
    offices.expect(transfer_id=t.id, offices=["370613"], **on(date(2026, 3, 25)))
    log.save(t, offices)
    return t


def arrived_in_laishan(log: Log, t: Transfer, offices: CaseOffices) -> None:
    t.confirm_arrival(**on(date(2026, 3, 26), LAISHAN))
    offices.receive(office="370613", transfer_id=t.id, **on(date(2026, 3, 26), LAISHAN))
    log.save(offices, t)


def offer(log: Log, offices: CaseOffices, to: str, by: Actor, day: date) -> UUID:
    offer_id = uuid4()
    offices.offer(offer_id=offer_id, to_office=to, reason="工作调动", **on(day, by))
    log.save(offices)
    return offer_id


def handover(fold: CaseFileFold, offer_id: UUID) -> Row:
    row = fold.row("handovers", offer_id)
    assert row is not None, f"no handover row for {offer_id}"
    return row


def test_a_worker_is_served_by_the_registering_office_alone_until_an_arrival() -> None:
    log = Log()
    w = worker(log)
    offices = opened(log, w)
    t = departed_for_laishan(log, w, offices)

    before = log.fold()
    arrived_in_laishan(log, t, offices)
    after = log.fold()

    assert (worker_row(before, w)["office"], worker_row(before, w)["host_office"]) == (
        "500237",
        None,
    )
    assert row_of(before, "transfers", t)["expected_offices"] == "370613"
    assert worker_row(after, w)["host_office"] == "370613"
    assert row_of(after, "transfers", t)["expected_offices"] == ""


def test_a_return_home_clears_the_host_and_an_arrival_at_home_changes_nobody() -> None:
    log = Log()
    w = worker(log)
    offices = opened(log, w)
    offices.receive(office="500237", transfer_id=uuid4(), **on(date(2026, 3, 4)))
    log.save(offices)
    at_home = worker_row(log.fold(), w)["host_office"]
    offices.receive(office="370600", transfer_id=None, **on(date(2026, 3, 5), YANTAI))
    log.save(offices)
    hosted = worker_row(log.fold(), w)["host_office"]
    offices.release(**on(date(2026, 9, 1), YANTAI))
    log.save(offices)

    assert (at_home, hosted, worker_row(log.fold(), w)["host_office"]) == (None, "370600", None)


def test_an_offer_is_listed_pending_with_who_offered_it_when_and_why() -> None:
    log = Log()
    w = worker(log)
    offices = opened(log, w)
    offer_id = offer(log, offices, "370600", WUSHAN, date(2026, 4, 1))

    row = handover(log.fold(), offer_id)

    assert row == {
        "offer_id": str(offer_id),
        "worker_id": str(w.id),
        "from_office": "500237",
        "to_office": "370600",
        "reason": "工作调动",
        "offered_on": "2026-04-01",
        "offered_by": "li.ming",
        "state": "pending",
        "decided_on": None,
        "offered_position": len(log.events),
    }


def test_an_accepted_handover_moves_the_host_and_the_other_pending_offers_lapse() -> None:
    log = Log()
    w = worker(log)
    offices = opened(log, w)
    arrived_in_laishan(log, departed_for_laishan(log, w, offices), offices)
    to_fushan = offer(log, offices, "370611", LAISHAN, date(2026, 5, 1))
    to_yantai = offer(log, offices, "370600", WUSHAN, date(2026, 5, 2))
    offices.accept(offer_id=to_fushan, **on(date(2026, 5, 3), FUSHAN))
    log.save(offices)

    fold = log.fold()

    assert worker_row(fold, w)["host_office"] == "370611"
    assert (handover(fold, to_fushan)["state"], handover(fold, to_fushan)["decided_on"]) == (
        "accepted",
        "2026-05-03",
    )
    assert handover(fold, to_yantai)["state"] == "lapsed"


def test_a_handover_back_home_leaves_the_registering_office_alone() -> None:
    log = Log()
    w = worker(log)
    offices = opened(log, w)
    arrived_in_laishan(log, departed_for_laishan(log, w, offices), offices)
    home = offer(log, offices, "500237", LAISHAN, date(2026, 6, 1))
    offices.accept(offer_id=home, **on(date(2026, 6, 2)))
    log.save(offices)

    assert worker_row(log.fold(), w)["host_office"] is None


def test_declined_and_withdrawn_offers_keep_their_decision_and_its_day() -> None:
    log = Log()
    w = worker(log)
    offices = opened(log, w)
    declined = offer(log, offices, "370600", WUSHAN, date(2026, 4, 1))
    offices.decline(offer_id=declined, reason="岗位已满", **on(date(2026, 4, 2), YANTAI))
    withdrawn = offer(log, offices, "370600", WUSHAN, date(2026, 4, 3))
    offices.withdraw(offer_id=withdrawn, **on(date(2026, 4, 4)))
    log.save(offices)

    fold = log.fold()

    assert [
        (handover(fold, o)["state"], handover(fold, o)["decided_on"]) for o in (declined, withdrawn)
    ] == [
        ("declined", "2026-04-02"),
        ("withdrawn", "2026-04-04"),
    ]
    assert worker_row(fold, w)["host_office"] is None


def _story() -> tuple[Positioned, list[tuple[Worker, CaseOffices]]]:
    """Two workers: one received in Laishan, handed over to Fushan (after a
    withdrawn offer, with the home office's own offer lapsing), then back home;
    one offered to Laishan, where an arrival makes the offer lapse, then released."""
    log = Log()
    a, b = worker(log), worker(log)
    first, second = opened(log, a), opened(log, b)
    arrived_in_laishan(log, departed_for_laishan(log, a, first), first)
    withdrawn = offer(log, first, "370611", LAISHAN, date(2026, 4, 1))
    first.withdraw(offer_id=withdrawn, **on(date(2026, 4, 2), LAISHAN))
    to_laishan = offer(log, second, "370613", WUSHAN, date(2026, 4, 3))
    offer(log, first, "370600", WUSHAN, date(2026, 4, 4))
    to_fushan = offer(log, first, "370611", LAISHAN, date(2026, 4, 5))
    first.accept(offer_id=to_fushan, **on(date(2026, 4, 6), FUSHAN))
    log.save(first)
    second.receive(office="370613", transfer_id=None, **on(date(2026, 4, 7), LAISHAN))
    log.save(second)
    assert second.offers[to_laishan].state.value == "lapsed"
    back = offer(log, first, "500237", FUSHAN, date(2026, 8, 1))
    first.accept(offer_id=back, **on(date(2026, 8, 2)))
    second.release(**on(date(2026, 9, 1), LAISHAN))
    log.save(first, second)
    return log.positioned(), [(a, first), (b, second)]


def test_the_rows_say_what_the_record_of_serving_offices_says() -> None:
    events, served = _story()
    fold = CaseFileFold()
    fold.apply_all(events)

    for w, offices in served:
        assert worker_row(fold, w)["host_office"] == offices.host_office
        for offer_id, held in offices.offers.items():
            row = handover(fold, offer_id)
            assert (row["state"], row["from_office"], row["to_office"]) == (
                held.state.value,
                held.from_office,
                held.to_office,
            )


def _fold_in_pages(events: Positioned, size: int) -> dict[str, dict[str, Row]]:
    """As the CaseFiles projection does: read what each page needs (the worker of
    a CaseOffices record by that record's id, and that worker's handovers), fold,
    write back."""
    stored: dict[str, dict[str, Row]] = {table: {} for table in KEYS}
    for start in range(0, len(events), size):
        page = events[start : start + size]
        reads = records_to_read(e for _, e in page)
        rows = {
            t: {k: dict(stored[t][k]) for k in reads.records[t] if k in stored[t]}
            for t in KEYS
            if t not in ("workers", "handovers")
        }
        wanted = reads.workers_of(r for found in rows.values() for r in found.values())
        workers = {k: dict(stored["workers"][k]) for k in wanted if k in stored["workers"]}
        served = {
            k: dict(r)
            for k, r in stored["workers"].items()
            if r["case_offices_id"] in reads.case_offices
        }
        rows["workers"] = {**workers, **served}
        rows["handovers"] = {
            k: dict(r) for k, r in stored["handovers"].items() if r["worker_id"] in served
        }
        fold = CaseFileFold(rows)
        fold.apply_all(page)
        for table, key in KEYS.items():
            stored[table].update({r[key]: dict(r) for r in fold.changed_rows(table)})
    return stored


@pytest.mark.parametrize("size", [1, 2, 3, 5])
def test_folding_in_pages_of_any_size_gives_the_same_rows_as_all_at_once(size: int) -> None:
    events, _ = _story()

    assert _fold_in_pages(events, size) == _fold_in_pages(events, len(events))


def test_a_page_reads_the_worker_of_a_record_of_serving_offices_by_its_id() -> None:
    log = Log()
    w = worker(log)
    offices = opened(log, w)
    t = departed_for_laishan(log, w, offices)
    log.events.clear()
    arrived_in_laishan(log, t, offices)

    reads = records_to_read(log.events)

    assert reads.case_offices == {str(offices.id)}
    assert reads.records["transfers"] == {str(t.id)}
    assert reads.records["workers"] == set()  # read by the record's id, not the worker's


def test_events_of_serving_offices_whose_worker_was_never_seen_change_nothing() -> None:
    log = Log()
    stray = CaseOffices.open(
        worker_id=uuid4(), home_office="500237", actor=WUSHAN, occurred_on=date(2026, 3, 3)
    )
    stray.receive(office="370600", transfer_id=None, **on(date(2026, 3, 5), YANTAI))
    log.save(stray)

    fold = log.fold()

    assert [fold.changed_rows(table) for table in KEYS] == [[] for _ in KEYS]


def test_each_fact_is_recorded_for_the_office_of_whoever_recorded_it() -> None:
    log = Log()
    w = worker(log)
    training = trained(log, w)
    transfer = moved(log, w)
    placement = placed(log, w)
    dispute = disputed(log, w)

    fold = log.fold()

    offices = [
        row_of(fold, t, r)["office"]
        for t, r in (
            ("trainings", training),
            ("transfers", transfer),
            ("placements", placement),
            ("disputes", dispute),
        )
    ]
    assert offices == ["500237", "500237", "370600", "370600"]
    assert row_of(fold, "transfers", transfer)["confirmed_by_office"] == "370600"
