"""A Disclosure records who was shown sensitive data, and why."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from application.projections.timeline import summarise
from domain.actor import Actor, Role
from domain.disclosure import Disclosure, DisclosureKind
from domain.exceptions import InvalidValue

TODAY = date(2026, 11, 26)
CASEWORKER = Actor(user="li.ming", role=Role.CASEWORKER, office="500237")


def test_revealing_an_id_number_needs_a_reason_and_records_who_and_why() -> None:
    worker_id = uuid4()
    disclosure = Disclosure.record(
        kind=DisclosureKind.ID_NUMBER,
        record_id=worker_id,
        worker_id=worker_id,
        reason="  核对社保参保信息 ",
        actor=CASEWORKER,
        today=TODAY,
    )

    (event,) = disclosure.collect_events()
    assert (event.kind, event.reason, event.actor) == ("id_number", "核对社保参保信息", CASEWORKER)
    assert (disclosure.disclosed_on, disclosure.worker_id) == (TODAY, worker_id)
    for missing in (None, "   "):
        with pytest.raises(InvalidValue) as refused:
            Disclosure.record(
                kind=DisclosureKind.ID_NUMBER,
                record_id=worker_id,
                worker_id=worker_id,
                reason=missing,
                actor=CASEWORKER,
                today=TODAY,
            )
        assert refused.value.field == "reason"


def test_reading_case_notes_needs_no_reason_and_its_summary_never_shows_one() -> None:
    disclosure = Disclosure.record(
        kind=DisclosureKind.DISPUTE_CASE_NOTES,
        record_id=uuid4(),
        worker_id=uuid4(),
        reason=None,
        actor=CASEWORKER,
        today=TODAY,
    )
    (event,) = disclosure.collect_events()
    reveal = Disclosure.record(
        kind=DisclosureKind.ID_NUMBER,
        record_id=uuid4(),
        worker_id=uuid4(),
        reason="秘密的理由",
        actor=CASEWORKER,
        today=TODAY,
    ).collect_events()[0]

    assert summarise(event).en == "Dispute case notes read (recorded)"
    assert "秘密的理由" not in str(summarise(reveal))
