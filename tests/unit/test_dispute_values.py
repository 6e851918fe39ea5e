"""Dispute: what its commands accept — employer codes, exact money, evidence
digests, attendees — and what they refuse, naming the field."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from domain.dispute import DisputeStatus
from domain.exceptions import InvalidValue
from tests.unit.dispute_builders import (
    DIGEST,
    LATER,
    OPENED_ON,
    TODAY,
    in_status,
    names,
    opened,
    stamp,
)


def test_opening_records_the_claim_and_starts_opened() -> None:
    dispute = opened(employer_code=" ９１３７０６００ma3c7x8k01 ")

    assert dispute.status is DisputeStatus.OPENED
    assert dispute.opened_on == OPENED_ON
    assert dispute.amount_claimed == Decimal("18600.00")
    assert str(dispute.amount_claimed) == "18600.00"
    assert dispute.employer_code == "91370600MA3C7X8K01"
    assert names(dispute) == ["Dispute.Opened"]


def test_each_dispute_gets_its_own_random_id() -> None:
    assert opened().id != opened().id


@pytest.mark.parametrize("code", [None, "", "  "])
def test_the_employer_code_is_optional(code: str | None) -> None:
    assert opened(employer_code=code).employer_code is None


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("occurred_on", {"occurred_on": TODAY + timedelta(days=1)}),
        ("employer_name", {"employer_name": " "}),
        ("employer_code", {"employer_code": "91370600MA3C7X8K02"}),  # wrong check character
        ("employer_code", {"employer_code": "9137060"}),
        ("kind", {"kind": "noise_complaint"}),
        ("amount_claimed", {"amount_claimed": 18600.0}),
        ("amount_claimed", {"amount_claimed": "-1"}),
        ("amount_claimed", {"amount_claimed": "18600.001"}),
        ("amount_claimed", {"amount_claimed": "a lot"}),
        ("description", {"description": ""}),
    ],
)
def test_invalid_openings_are_refused_naming_the_field(
    field: str, overrides: dict[str, Any]
) -> None:
    with pytest.raises(InvalidValue) as refused:
        opened(**overrides)
    assert refused.value.field == field


def test_settlement_records_exact_amounts() -> None:
    dispute = in_status("in_mediation")
    dispute.settle(amount_agreed=Decimal("18600"), amount_recovered="18600.00", **stamp())

    assert dispute.amount_agreed == Decimal("18600.00")
    assert dispute.amount_recovered == dispute.amount_agreed
    assert dispute.settled_on == LATER


@pytest.mark.parametrize(
    ("agreed", "recovered", "field"),
    [
        ("18600.00", "18600.01", "amount_recovered"),
        (18600.0, "0", "amount_agreed"),
        ("18600", 9300.5, "amount_recovered"),
        ("-1", "0", "amount_agreed"),
        ("18600", "-0.01", "amount_recovered"),
        ("18600.005", "0", "amount_agreed"),
    ],
)
def test_settlements_that_are_not_exact_money_within_the_agreement_are_refused(
    agreed: object, recovered: object, field: str
) -> None:
    dispute = in_status("in_mediation")
    with pytest.raises(InvalidValue) as refused:
        dispute.settle(amount_agreed=agreed, amount_recovered=recovered, **stamp())  # type: ignore[arg-type]
    assert refused.value.field == field
    assert dispute.status is DisputeStatus.IN_MEDIATION


def test_evidence_digests_are_stored_in_lower_case() -> None:
    dispute = opened()
    dispute.add_evidence(
        document_id="DOC-1", sha256=f" {DIGEST.upper()} ", description="工资条", **stamp()
    )
    assert dispute.evidence[0]["sha256"] == DIGEST


@pytest.mark.parametrize("digest", [DIGEST[:-1], DIGEST + "0", "g" * 64, "", DIGEST[:32]])
def test_evidence_without_a_sha256_digest_is_refused(digest: str) -> None:
    dispute = opened()
    with pytest.raises(InvalidValue) as refused:
        dispute.add_evidence(document_id="DOC-1", sha256=digest, description="工资条", **stamp())
    assert refused.value.field == "sha256"
    assert dispute.evidence == []


@pytest.mark.parametrize("attendees", [[], "冉光明", [" "], ["冉光明", "张\u200d伟"]])
def test_a_session_needs_a_list_of_named_attendees(attendees: Any) -> None:
    dispute = in_status("in_mediation")
    with pytest.raises(InvalidValue) as refused:
        dispute.record_session(attendees=attendees, summary="首次调解", **stamp())
    assert refused.value.field == "attendees"


def test_a_session_records_who_attended_once_each() -> None:
    dispute = in_status("in_mediation")
    dispute.record_session(attendees=["冉光明", "张伟", "冉光明"], summary="首次调解", **stamp())
    assert dispute.sessions[0]["attendees"] == ["冉光明", "张伟"]
    assert dispute.sessions[0]["held_on"] == LATER


def test_a_mediator_named_with_an_invisible_character_is_refused() -> None:
    dispute = in_status("opened")
    with pytest.raises(InvalidValue) as refused:
        dispute.assign_mediator(mediator="zhao\u00adlei", **stamp())
    assert refused.value.field == "mediator"
    assert dispute.mediator is None
