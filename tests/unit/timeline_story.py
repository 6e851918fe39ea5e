"""A worker's whole story through every event type of every aggregate, told
with personal data and free text that no timeline summary may repeat."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import uuid4

from eventsourcing.domain import Aggregate, CanInitAggregate, DecoratedFuncCaller

import domain
from application.clock import SHANGHAI
from domain.actor import Actor, Role
from domain.audit_export import AuditExport
from domain.case_offices import CaseOffices
from domain.disclosure import Disclosure, DisclosureKind
from domain.dispute import Dispute
from domain.offices import OfficeRegister
from domain.placement import Placement
from domain.subsidy import Assessment, Subsidy, SubsidyKind
from domain.training import TrainingEnrollment
from domain.transfer import Transfer
from domain.worker import JobIntention, Worker, WorkerDates
from tests.unit.placement_builders import EMPLOYER_CODE
from tests.unit.worker_builders import id_number

TODAY = date(2026, 11, 26)
CASEWORKER = Actor(user="li.ming", role=Role.CASEWORKER, office="500237")
MEDIATOR = Actor(user="wang.fang", role=Role.MEDIATOR, office="370600")
AUDITOR = Actor(user="zhao.min", role=Role.AUDITOR, office="500237")
POLICY = Actor(user="subsidy-policy", role=Role.SYSTEM, office="500237")
ADMIN = Actor(user="admin.one", role=Role.ADMIN, office="500237")
LAISHAN = Actor(user="sun.li", role=Role.CASEWORKER, office="370613")
FUSHAN = Actor(user="zhou.qiang", role=Role.CASEWORKER, office="370611")
COURSE = "茶艺师（五级）"
EMPLOYER = "烟台鲁渝食品有限公司"

NAME = "欧阳秘密"
ID_NUMBER = id_number(born=date(1985, 3, 12), seq="457")
PHONE = "13912345678"
NEW_PHONE = "13687654321"
NOTE = "备注：私下说的话"
DESCRIPTION = "私密描述：家中老人卧病"
SESSION_SUMMARY = "会谈纪要：企业承认拖欠"
REASON = "原因：与工友发生口角"
# Every string a user typed that is neither a course nor an employer name, nor a place.
SECRETS = (
    NAME,
    ID_NUMBER.value,
    PHONE,
    NEW_PHONE,
    NOTE,
    DESCRIPTION,
    SESSION_SUMMARY,
    REASON,
    "名单来源秘密",  # poverty-status source
    "秘密技能",
    "秘密行业",
    "秘密培训机构",
    "秘密培训地点",
    "秘密证书类型",
    "CERT-SECRET-4711",
    "秘密等级",
    "秘密岗位",
    "REF-SECRET-0815",
    "mediator.secret",
    "秘密参会人",
    "DOC-SECRET-42",
    "秘密证据描述",
    "PAY-SECRET-77",
)


def stamp(on: date, actor: Actor = CASEWORKER) -> dict[str, Any]:
    return {"actor": actor, "occurred_on": on, "today": TODAY, "note": NOTE}


def aggregate_classes() -> list[type[Aggregate]]:
    """Every aggregate the domain package defines, found by walking its modules."""
    found: list[type[Aggregate]] = []
    for module_info in pkgutil.iter_modules(domain.__path__):
        module = importlib.import_module(f"domain.{module_info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Aggregate)
                and value is not Aggregate
                and value.__module__ == module.__name__
            ):
                found.append(value)
    return found


def event_classes(aggregate: type[Aggregate]) -> list[type]:
    """The aggregate's own events: those its @event methods define, and its
    creation event (the library also nests generic `Event` and `Created` bases,
    which are never stored: left out)."""
    nested = [v for v in vars(aggregate).values() if isinstance(v, type)]
    return [
        e
        for e in nested
        if issubclass(e, DecoratedFuncCaller)
        or (issubclass(e, CanInitAggregate) and e.__name__ != "Created")
    ]


def worker_story() -> list[Any]:
    worker = Worker.register(
        worker_id=uuid4(),
        id_number=ID_NUMBER,
        name=NAME,
        mobile=PHONE,
        hukou_division="500237",
        hukou_township="骡坪镇",
        poverty_status="monitored_at_risk",
        education="junior_secondary",
        skills=["秘密技能"],
        job_intention=JobIntention("370600", "秘密行业"),
        consent=True,
        **stamp(date(2026, 3, 2)),
    )
    worker.change_contact(mobile=NEW_PHONE, **stamp(date(2026, 3, 3)))
    worker.change_poverty_status(
        status="lifted_out_of_poverty",
        effective_on=date(2026, 3, 1),
        source="名单来源秘密",
        **stamp(date(2026, 3, 3)),
    )
    worker.record_job_intention(
        intention=JobIntention("370613", "秘密行业"), **stamp(date(2026, 3, 3))
    )
    worker.record_skills(skills=["秘密技能", "砌砖"], **stamp(date(2026, 3, 3)))
    worker.record_support_service(
        kind="hardship_aid", description=DESCRIPTION, amount="500", **stamp(date(2026, 3, 4))
    )
    worker.deactivate(reason=REASON, **stamp(date(2026, 3, 5)))
    worker.reactivate(reason=REASON, **stamp(date(2026, 3, 6)))
    return [worker, *_records(worker.dates)]


def _records(worker: WorkerDates) -> list[Aggregate]:
    return [
        *_trainings(worker),
        *_transfers(worker),
        _placement(worker),
        _dispute(worker),
        *_subsidies(worker.worker_id),
        _office_register(),
        _case_offices(worker.worker_id),
        _audit_export(),
        _disclosure(worker.worker_id),
    ]


def _trainings(worker: WorkerDates) -> list[Aggregate]:
    def enrol(start: date) -> TrainingEnrollment:
        return TrainingEnrollment.enroll(
            worker=worker,
            course_name=COURSE,
            training_type="specialty",
            provider="秘密培训机构",
            location="秘密培训地点",
            planned_start=start,
            planned_end=date(2026, 3, 20),
            **stamp(date(2026, 3, 6)),
        )

    passed, dropped = enrol(date(2026, 3, 9)), enrol(date(2026, 3, 10))
    passed.complete(hours="80", result="passed", **stamp(date(2026, 3, 20)))
    passed.certify(
        certificate_type="秘密证书类型",
        certificate_number="CERT-SECRET-4711",
        level="秘密等级",
        **stamp(date(2026, 3, 25)),
    )
    dropped.drop(reason=REASON, **stamp(date(2026, 3, 11)))
    return [passed, dropped]


def _transfers(worker: WorkerDates) -> list[Aggregate]:
    def arrange() -> Transfer:
        return Transfer.arrange(
            worker=worker,
            destination="370613",
            channel="job_fair",
            planned_on=date(2026, 3, 28),
            employer_name=EMPLOYER,
            **stamp(date(2026, 3, 26)),
        )

    moved, cancelled = arrange(), arrange()
    moved.record_departure(mode="chartered_bus", **stamp(date(2026, 3, 28)))
    moved.confirm_arrival(**stamp(date(2026, 3, 29)))
    moved.record_return(reason=REASON, **stamp(date(2026, 10, 2)))
    cancelled.cancel(reason=REASON, **stamp(date(2026, 3, 27)))
    return [moved, cancelled]


def _placement(worker: WorkerDates) -> Aggregate:
    placement = Placement.start(
        worker=worker,
        employer_name=EMPLOYER,
        employer_code=EMPLOYER_CODE,
        workplace_division="370613",
        position="秘密岗位",
        monthly_wage="5200.5",
        contract_type="fixed_term",
        kind="cross_province",
        **stamp(date(2026, 4, 1)),
    )
    placement.confirm_month(
        month="2026-05",
        evidence="payroll",
        evidence_ref="REF-SECRET-0815",
        **stamp(date(2026, 6, 3)),
    )
    placement.end(reason=REASON, **stamp(date(2026, 9, 30)))
    placement.withdraw_month(month="2026-05", reason=REASON, **stamp(date(2026, 10, 8)))
    return placement


def _dispute(worker: WorkerDates) -> Aggregate:
    dispute = Dispute.open(
        worker=worker,
        employer_name=EMPLOYER,
        employer_code=None,
        kind="wage_arrears",
        amount_claimed="18600",
        description=DESCRIPTION,
        **stamp(date(2026, 6, 5), MEDIATOR),
    )
    on = stamp(date(2026, 6, 8), MEDIATOR)
    dispute.assign_mediator(mediator="mediator.secret", **on)
    dispute.record_session(attendees=[NAME, "秘密参会人"], summary=SESSION_SUMMARY, **on)
    dispute.add_evidence(
        document_id="DOC-SECRET-42", sha256="a" * 64, description="秘密证据描述", **on
    )
    dispute.escalate(to="labour_arbitration", reason=REASON, **on)
    dispute.settle(amount_agreed="18600", amount_recovered="9300.5", **on)
    dispute.close(outcome="settled", reason=REASON, **on)
    dispute.reopen(reason=REASON, **on)
    return dispute


def assessment(amount: str, evaluated_at: int, arose_on: date = date(2026, 5, 31)) -> Assessment:
    return Assessment(
        amount=Decimal(amount),
        policy_version="2021-鲁渝-1",
        arose_on=arose_on,
        evidence=[],
        explanation_zh="按政策核定",
        explanation_en="Under the policy",
        evaluated_at=evaluated_at,
    )


def _subsidies(worker_id: Any) -> list[Aggregate]:
    def assess(kind: SubsidyKind, basis: str, amount: str) -> Subsidy:
        return Subsidy.assess(
            subsidy_id=uuid4(),
            worker_id=worker_id,
            kind=kind,
            basis=basis,
            assessment=assessment(amount, 10),
            actor=POLICY,
            today=TODAY,
        )

    unsupported = {"reason_zh": "不再有依据", "reason_en": "No longer supported"}
    stable = assess(SubsidyKind.STABLE_JOB, "month:2026-05", "1000")
    stable.approve(actor=CASEWORKER, occurred_on=TODAY, today=TODAY, note=NOTE)
    stable.pay(payment_reference="PAY-SECRET-77", paid_on=TODAY, **stamp(TODAY))
    stable.no_longer_supported(evaluated_at=20, actor=POLICY, today=TODAY, **unsupported)
    stable.revoke(reason=REASON, **stamp(TODAY))
    transport = assess(SubsidyKind.TRANSPORT_LIVING, f"transfer:{uuid4()}", "1500")
    transport.reject(reason=REASON, **stamp(TODAY))
    life = assess(SubsidyKind.LIFE_ADAPTATION, "once", "5000")
    life.no_longer_supported(evaluated_at=20, actor=POLICY, today=TODAY, **unsupported)
    life.still_supported(assessment("5000", 30), actor=POLICY, today=TODAY)
    return [stable, transport, life]


def _office_register() -> Aggregate:
    """The programme's offices: Wushan sends, Laishan and Fushan receive."""
    register = OfficeRegister.open(ADMIN)
    on: dict[str, Any] = {"actor": ADMIN, "occurred_on": date(2026, 1, 2), "today": TODAY}
    register.add_office(
        code="500237", name="巫山县就业和人才中心", kind="sending_county", partners=[], **on
    )
    for code, name in (("370613", "莱山区人社局"), ("370611", "福山区人社局")):
        register.add_office(code=code, name=name, kind="receiving_district", partners=[], **on)
        register.link_partners(first="500237", second=code, **on)
    return register


def _case_offices(worker_id: Any) -> Aggregate:
    """Who served the worker: expected and received in Laishan, handed over to
    Fushan (withdrawn, declined, then accepted), back home."""

    def on(day: date, actor: Actor) -> dict[str, Any]:
        return {"actor": actor, "occurred_on": day, "today": TODAY}

    offices = CaseOffices.open(
        worker_id=worker_id, home_office="500237", actor=CASEWORKER, occurred_on=date(2026, 3, 2)
    )
    offices.expect(transfer_id=uuid4(), offices=["370613"], **on(date(2026, 3, 28), CASEWORKER))
    offices.receive(office="370613", transfer_id=None, **on(date(2026, 3, 29), LAISHAN))
    offers = [uuid4(), uuid4(), uuid4()]
    for offer_id in offers:
        offices.offer(
            offer_id=offer_id, to_office="370611", reason=REASON, **on(date(2026, 6, 1), LAISHAN)
        )
        if offer_id == offers[0]:
            offices.withdraw(offer_id=offer_id, note=NOTE, **on(date(2026, 6, 2), LAISHAN))
        elif offer_id == offers[1]:
            offices.decline(offer_id=offer_id, reason=REASON, **on(date(2026, 6, 3), FUSHAN))
    offices.accept(offer_id=offers[2], **on(date(2026, 6, 4), FUSHAN))
    offices.release(**on(date(2026, 10, 2), FUSHAN))
    return offices


def _audit_export() -> Aggregate:
    """An auditor's copy of the log: no worker's record, but in the same log."""
    return AuditExport.record(
        range_from=datetime(2026, 1, 1, tzinfo=SHANGHAI),
        range_to=datetime(2026, 2, 1, tzinfo=SHANGHAI),
        format="csv",
        channel="api",
        first_position=3,
        last_position=1236,
        event_count=1234,
        actor=AUDITOR,
        occurred_on=TODAY,
        today=TODAY,
    )


def _disclosure(worker_id: Any) -> Aggregate:
    """A caseworker was shown the full ID number, for a typed reason."""
    return Disclosure.record(
        kind=DisclosureKind.ID_NUMBER,
        record_id=worker_id,
        worker_id=worker_id,
        reason=REASON,
        actor=stamp(TODAY)["actor"],
        today=TODAY,
    )


def story_events() -> list[Any]:
    """Every event of the story, record by record."""
    return [event for record in worker_story() for event in record.collect_events()]
