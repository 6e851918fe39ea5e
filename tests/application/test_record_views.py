"""Time travel finds each kind of record's view in one typed registry, built by
the composition root: every kind has one, and a registry missing one is refused
when the application is composed, not when an auditor first replays that kind."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from application.audit_history import AuditHistory, RecordKind
from application.disclosures import Disclosures
from application.journey import Journey
from tests.conftest import TEST_SECRET


@pytest.fixture
def journey() -> Iterator[Journey]:
    app = Journey(
        env={"PERSISTENCE_MODULE": "eventsourcing.popo"}, identity_key=TEST_SECRET.encode()
    )
    yield app
    app.close()


def test_the_composed_application_has_a_view_for_every_kind_of_record(journey: Journey) -> None:
    assert set(journey.history.views) == set(RecordKind)


def test_a_registry_without_a_view_for_some_kind_is_refused(journey: Journey) -> None:
    views = {k: v for k, v in journey.history.views.items() if k is not RecordKind.SUBSIDY}

    with pytest.raises(ValueError, match="subsidy"):
        AuditHistory(journey, views, Disclosures(journey))
