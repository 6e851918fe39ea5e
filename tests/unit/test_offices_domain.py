"""Offices, scopes and who serves a worker, as the domain holds them (no I/O)."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain.actor import Actor, Role
from domain.case_offices import CaseOffices, OfferState
from domain.exceptions import InvalidTransition, InvalidValue
from domain.offices import OfficeKind, OfficeRegister
from domain.recording_sides import FACT_WORDS, RECORDED_BY, SIDE_WORDS, Fact, Side
from domain.scope import Scope, ScopeKind, covers_division, office_area, parse_scope

TODAY = date(2026, 12, 7)
ADMIN = Actor("admin.one", Role.ADMIN, "500237")


def actor(office: str) -> Actor:
    return Actor(f"staff.{office}", Role.CASEWORKER, office)


def stamp(office: str) -> dict[str, object]:
    return {"actor": actor(office), "occurred_on": TODAY, "today": TODAY}


@pytest.mark.parametrize(
    ("code", "area"), [("370600", "3706"), ("370000", "37"), ("500237", "500237")]
)
def test_an_office_s_area_is_its_code_without_trailing_zero_pairs(code: str, area: str) -> None:
    assert office_area(code) == area


def test_a_city_office_s_division_holds_its_districts_and_a_county_only_itself() -> None:
    assert covers_division("370600", "370613")
    assert not covers_division("370613", "370611")
    assert covers_division("500237", "500237")


@pytest.mark.parametrize(
    ("raw", "reached", "not_reached"),
    [
        ("office:500237", ["500237"], ["370600", "500238"]),
        ("province:37", ["370600", "370613", "371002"], ["500237"]),
        ("pair:500237-370600", ["500237", "370600", "370613"], ["371002", "500238"]),
        ("ALL", ["500237", "110101"], []),
        ("ｐａｉｒ：５００２３７－３７０６００", ["370611"], ["500238"]),
    ],
)
def test_a_scope_reaches_the_offices_it_names(
    raw: str, reached: list[str], not_reached: list[str]
) -> None:
    scope = parse_scope(raw)
    assert all(scope.covers(o) for o in reached)
    assert not any(scope.covers(o) for o in not_reached)
    assert parse_scope(str(scope)) == scope


@pytest.mark.parametrize(
    "raw", ["", "office", "office:12", "province:3", "pair:500237", "pair:500237-500237", "x:1"]
)
def test_a_scope_that_names_nothing_is_refused_naming_the_field(raw: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        parse_scope(raw, "scope")
    assert refused.value.field == "scope"


def test_a_wider_scope_includes_the_narrower_and_not_the_reverse() -> None:
    pair, wushan = parse_scope("pair:500237-370600"), Scope.of_office("500237")
    assert pair.includes(wushan) and pair.includes(Scope.of_office("370613"))
    assert not wushan.includes(pair)
    assert Scope.everything().includes(pair) and not pair.includes(Scope.everything())
    assert parse_scope("province:37").includes(Scope.of_office("370613"))
    assert Scope.everything().kind is ScopeKind.ALL and Scope.everything().is_wide


def register() -> OfficeRegister:
    offices = OfficeRegister.open(ADMIN)
    offices.add_office(
        code="500237", name="巫山县就业和人才中心", kind="sending_county", partners=[], **stamp("x")
    )
    offices.add_office(
        code="370600", name="烟台市", kind="receiving_city", partners=["500237"], **stamp("x")
    )
    offices.add_office(
        code="370613", name="莱山区", kind="receiving_district", partners=["500237"], **stamp("x")
    )
    return offices


def test_a_partnership_is_recorded_for_both_offices() -> None:
    offices = register()
    assert offices.are_partners("500237", "370600") and offices.are_partners("370600", "500237")
    assert not offices.are_partners("370600", "370613")
    offices.link_partners(first="370613", second="370600", **stamp("x"))
    assert offices.are_partners("370600", "370613")
    before = len(offices.pending_events)
    offices.link_partners(first="370600", second="370613", **stamp("x"))
    assert len(offices.pending_events) == before  # held already: nothing recorded


def test_the_receiving_offices_of_a_destination_are_its_partners_most_specific_first() -> None:
    offices = register()
    assert offices.receiving_offices_for("500237", "370613") == ["370613", "370600"]
    assert offices.receiving_offices_for("500237", "370611") == ["370600"]
    assert offices.receiving_offices_for("500237", "440305") == []
    assert offices.office("370600").kind is OfficeKind.RECEIVING_CITY  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"code": "370600", "kind": "receiving_district"}, "code"),
        ({"code": "370613", "kind": "receiving_city"}, "code"),
        ({"code": "370000", "kind": "receiving_city"}, "code"),
        ({"code": "999999", "kind": "sending_county"}, "code"),
        ({"code": "370611", "kind": "branch"}, "kind"),
        ({"code": "370611", "kind": "receiving_district", "partners": ["110101"]}, "partners"),
        ({"code": "370611", "kind": "receiving_district", "partners": ["370611"]}, "partners"),
    ],
)
def test_an_office_that_does_not_fit_its_kind_or_partners_is_refused(
    fields: dict[str, object], field: str
) -> None:
    offices = register()
    given = {"name": "福山区", "partners": [], **fields}
    with pytest.raises(InvalidValue) as refused:
        offices.add_office(**given, **stamp("x"))  # type: ignore[arg-type]
    assert refused.value.field == field


def test_the_same_code_again_with_other_details_is_refused() -> None:
    offices = register()
    with pytest.raises(InvalidTransition):
        offices.add_office(
            code="370600", name="另一个", kind="receiving_city", partners=[], **stamp("x")
        )


def arrived_in_laishan() -> CaseOffices:
    offices = CaseOffices.open(
        worker_id=uuid4(), home_office="500237", actor=actor("500237"), occurred_on=TODAY
    )
    offices.receive(office="370613", transfer_id=uuid4(), **stamp("370613"))
    return offices


def test_an_arrival_makes_the_receiving_office_serve_and_a_return_ends_it() -> None:
    offices = arrived_in_laishan()
    assert offices.serving == ("500237", "370613") and offices.workplace_office == "370613"
    offices.release(**stamp("370613"))
    assert offices.serving == ("500237",) and offices.host_office is None


def test_an_accepted_handover_moves_the_worker_and_every_other_offer_lapses() -> None:
    offices = arrived_in_laishan()
    to_fushan, to_zhifu = uuid4(), uuid4()
    offices.offer(offer_id=to_fushan, to_office="370611", reason="转至福山", **stamp("370613"))
    offices.offer(offer_id=to_zhifu, to_office="370602", reason="转至芝罘", **stamp("500237"))
    offices.accept(offer_id=to_fushan, **stamp("370611"))
    assert offices.host_office == "370611"
    assert offices.offers[to_zhifu].state is OfferState.LAPSED
    with pytest.raises(InvalidTransition):
        offices.accept(offer_id=to_zhifu, **stamp("370602"))
    events = len(offices.pending_events)
    offices.accept(offer_id=to_fushan, **stamp("370611"))  # again: nothing new
    assert len(offices.pending_events) == events


def test_only_the_office_offered_decides_and_only_the_offering_one_withdraws() -> None:
    offices = arrived_in_laishan()
    offer = uuid4()
    offices.offer(offer_id=offer, to_office="370611", reason="转至福山", **stamp("370613"))
    with pytest.raises(InvalidTransition):
        offices.accept(offer_id=offer, **stamp("370613"))
    with pytest.raises(InvalidTransition):
        offices.withdraw(offer_id=offer, **stamp("370611"))
    offices.decline(offer_id=offer, reason="不在本区", **stamp("370611"))
    assert offices.offers[offer].state is OfferState.DECLINED
    assert offices.host_office == "370613"


def test_an_office_that_does_not_serve_the_worker_offers_nothing() -> None:
    offices = arrived_in_laishan()
    with pytest.raises(InvalidTransition):
        offices.offer(offer_id=uuid4(), to_office="370611", reason="x", **stamp("370602"))
    with pytest.raises(InvalidValue):
        offices.offer(offer_id=uuid4(), to_office="370613", reason="x", **stamp("500237"))


def test_the_receiving_office_hands_the_worker_back_home() -> None:
    offices = arrived_in_laishan()
    offer = uuid4()
    offices.offer(offer_id=offer, to_office="500237", reason="返乡", **stamp("370613"))
    offices.accept(offer_id=offer, **stamp("500237"))
    assert offices.serving == ("500237",)


def test_a_departure_lets_the_receiving_offices_read_until_the_arrival() -> None:
    offices = CaseOffices.open(
        worker_id=uuid4(), home_office="500237", actor=actor("500237"), occurred_on=TODAY
    )
    transfer = uuid4()
    offices.expect(transfer_id=transfer, offices=["370613", "370600"], **stamp("500237"))
    assert offices.expecting == ("370613", "370600")
    offices.receive(office="370613", transfer_id=transfer, **stamp("370613"))
    assert offices.expecting == () and offices.host_office == "370613"


def test_every_fact_has_a_side_and_words_in_both_languages() -> None:
    assert set(RECORDED_BY) == set(Fact) == set(FACT_WORDS)
    assert set(SIDE_WORDS) == set(Side)
    assert RECORDED_BY[Fact.ID_NUMBER] is Side.HOME
    assert RECORDED_BY[Fact.ARRIVAL] is Side.ARRIVAL
