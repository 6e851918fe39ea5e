"""The mapper that binds every event's payload to its record, version and topic:
in memory (the POPO recorder), no database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from eventsourcing.persistence import Mapper, Notification, StoredEvent

from application.exceptions import DamagedRecord
from application.journey import Journey
from infrastructure.bound_mapper import BoundMapper
from infrastructure.encryption import DEVELOPMENT_KEY_RING, KeyRing
from infrastructure.persistence import CIPHER_TOPIC, MAPPER_TOPIC
from tests.conftest import TEST_SECRET
from tests.support.factories import register_command


@pytest.fixture
def journey() -> Iterator[Journey]:
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.popo",
        "CIPHER_TOPIC": CIPHER_TOPIC,
        "CIPHER_KEY": DEVELOPMENT_KEY_RING,
        "MAPPER_TOPIC": MAPPER_TOPIC,
    }
    app = Journey(env=env, identity_key=TEST_SECRET.encode())
    for _ in range(3):
        app.register_worker(register_command())
    yield app
    app.close()


def _log(journey: Journey) -> list[Notification]:
    return list(journey.recorder.select_notifications(start=None, limit=10))


def _mapper(journey: Journey) -> BoundMapper:
    assert isinstance(journey.mapper, BoundMapper)
    return journey.mapper


def _unbound(journey: Journey, notification: Notification) -> bytes:
    """The event's own payload, encrypted as before binding (LBE1)."""
    event = journey.mapper.to_domain_event(notification)
    plain = Mapper(transcoder=journey.mapper.transcoder).to_stored_event(event).state
    return KeyRing.parse(DEVELOPMENT_KEY_RING).encrypt(plain)


def _decoded(journey: Journey, notification: Notification) -> Any:
    return journey.mapper.to_domain_event(notification)


def test_every_event_is_stored_bound_and_reads_back(journey: Journey) -> None:
    log = _log(journey)

    assert [bytes(n.state[:4]) for n in log] == [b"LBE2"] * 3
    assert [_decoded(journey, n).originator_id for n in log] == [n.originator_id for n in log]


def test_a_payload_copied_onto_another_record_names_that_record_and_position(
    journey: Journey,
) -> None:
    a, b, _ = _log(journey)

    with pytest.raises(DamagedRecord) as damaged:
        _decoded(journey, replace(b, state=a.state))

    assert (damaged.value.record_id, damaged.value.version, damaged.value.position) == (
        b.originator_id,
        1,
        b.id,
    )
    assert "was not written for this record and version" in str(damaged.value)


def test_a_payload_read_as_another_version_or_event_type_is_damaged(journey: Journey) -> None:
    a, _, _ = _log(journey)

    for elsewhere in (
        replace(a, originator_version=2),
        replace(a, topic="domain.worker:Worker.ContactChanged"),
    ):
        with pytest.raises(DamagedRecord):
            _decoded(journey, elsewhere)


def test_an_unbound_payload_is_refused_where_the_database_started_bound(
    journey: Journey,
) -> None:
    a, _, _ = _log(journey)

    with pytest.raises(DamagedRecord, match=r"old form .* \(LBE1\).* since its first event"):
        _decoded(journey, replace(a, state=_unbound(journey, a)))


def test_an_unbound_payload_is_read_only_before_binding_began(journey: Journey) -> None:
    a, b, c = _log(journey)
    _mapper(journey).unbound_before = b.id

    before = _decoded(journey, replace(a, state=_unbound(journey, a)))

    assert before.originator_id == a.originator_id
    for later in (b, c):
        with pytest.raises(DamagedRecord, match=f"since log position {b.id}"):
            _decoded(journey, replace(later, state=_unbound(journey, later)))


def test_an_event_read_by_record_id_is_located_for_the_message(journey: Journey) -> None:
    a, b, _ = _log(journey)
    _mapper(journey).locate = lambda record_id, version: 42
    # A load by record id hands over stored events, which do not know their position.
    by_id = StoredEvent(
        originator_id=b.originator_id,
        originator_version=b.originator_version,
        topic=b.topic,
        state=a.state,
    )

    with pytest.raises(DamagedRecord) as damaged:
        journey.mapper.to_domain_event(by_id)

    assert damaged.value.position == 42
