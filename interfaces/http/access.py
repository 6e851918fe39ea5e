"""Who may do what: every permission of the API, declared once.

Each route names exactly one permission (through the dependency it takes);
the access check, the roles stated on its OpenAPI operation, the generated
role × endpoint test and the README's "Who may do what" table all come from
this list. A role outside a permission's roles answers 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.actor import STAFF_ROLES, Role
from domain.recording_sides import FACT_WORDS, RECORDED_BY, SIDE_WORDS

CASEWORKER, MEDIATOR, AUDITOR, ADMIN = Role.CASEWORKER, Role.MEDIATOR, Role.AUDITOR, Role.ADMIN


@dataclass(frozen=True)
class Permission:
    """`what` is the README's row; `refusal` completes "the <role> role may not …"."""

    what: str
    roles: tuple[Role, ...]
    refusal: str
    pages_only: bool = False  # checked by the pages; no API route takes it


READ_CASES = Permission(
    "read workers, trainings, transfers, placements and their events; search; timelines;"
    " dispute register; subsidy list and ledger; reports",
    (CASEWORKER, MEDIATOR, AUDITOR),
    "read case records",
)
READ_AUDIT_TRAIL = Permission(
    "the global audit trail (`/audit/events`), exports of it (`/audit/export`), the"
    " log's integrity status (`/audit/integrity`), the staff sign-in record"
    " (`/audit/sign-ins`) and the record of changes to staff accounts and tokens"
    " (`/audit/staff-changes`)",
    (AUDITOR,),
    "read the audit trail",
)
REPLAY = Permission(
    "replay a worker or record at a past moment or version (`/audit/workers/{id}`,"
    " `/audit/records/{id}`)",
    (AUDITOR,),
    "replay records",
)
REVEAL_ID_NUMBER = Permission(
    "reveal a worker's full ID number, with a reason (`/workers/{id}/id-number-reveal`)",
    (CASEWORKER,),
    "record this",
)
RECORD_JOURNEY = Permission(
    "register and change workers; record trainings, transfers, placements, months and"
    " their withdrawal; approve, reject, pay, revoke a subsidy; evaluate a worker now;"
    " offer, accept, decline, withdraw a handover (`/workers/{id}/handovers`) — each for"
    " the workers the caller's office serves, on its side (below)",
    (CASEWORKER,),
    "record this",
)
OPEN_DISPUTE = Permission(
    "open a dispute (on a worker's behalf)", (CASEWORKER, MEDIATOR), "open a dispute"
)
HANDLE_DISPUTES = Permission(
    "assign, sessions, evidence, escalate, settle, close, reopen a dispute",
    (MEDIATOR,),
    "handle disputes",
)
READ_DISPUTES = Permission(
    "read a dispute and its events — a caseworker without the description, session"
    " notes, evidence and reasons; a mediator's or auditor's reading is recorded",
    (CASEWORKER, MEDIATOR, AUDITOR),
    "read case records",
)
READ_EVIDENCE = Permission(
    "download a dispute's evidence file (`/disputes/{id}/evidence/{sha256}`) — each"
    " viewing recorded",
    (MEDIATOR, AUDITOR),
    "read evidence files",
)
ADMINISTER = Permission(
    "the administrator's pages: staff accounts, API tokens, the read models' and the"
    " policy process's status and rebuild",
    (ADMIN,),
    "administer the service",
    pages_only=True,
)

PERMISSIONS = (
    READ_CASES,
    READ_DISPUTES,
    READ_AUDIT_TRAIL,
    REPLAY,
    REVEAL_ID_NUMBER,
    RECORD_JOURNEY,
    OPEN_DISPUTE,
    HANDLE_DISPUTES,
    READ_EVIDENCE,
    ADMINISTER,
)


def access_table() -> str:
    """The README's "Who may do what" table, as the permissions above say it."""
    lines = [
        "| | " + " | ".join(role.value for role in STAFF_ROLES) + " |",
        "|---" * (len(STAFF_ROLES) + 1) + "|",
    ]
    for permission in PERMISSIONS:
        cells = ("yes" if role in permission.roles else "403" for role in STAFF_ROLES)
        lines.append(f"| {permission.what} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def sides_table() -> str:
    """The README's "Which side records what" table: domain/recording_sides.py."""
    lines = ["| what | 事项 | recorded by | 登记方 |", "|---|---|---|---|"]
    for fact, side in RECORDED_BY.items():
        fact_zh, fact_en = FACT_WORDS[fact]
        side_zh, side_en = SIDE_WORDS[side]
        lines.append(f"| {fact_en} | {fact_zh} | {side_en} | {side_zh} |")
    return "\n".join(lines) + "\n"
