"""Web sessions: a random secret in the cookie, its hash kept; idle ones end, and
disabling an account or resetting its password ends all of its sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.actor import Role
from infrastructure.sql import SqlDatabase
from infrastructure.staff_accounts import StaffAccount, StaffAccounts
from infrastructure.staff_sessions import StaffSessions
from tests.integration.conftest import START, Clock


@pytest.fixture
def db(staff_db: SqlDatabase) -> SqlDatabase:
    return staff_db


@pytest.fixture
def accounts(db: SqlDatabase, clock: Clock) -> StaffAccounts:
    return StaffAccounts(db, clock=clock, sleep=lambda _: None)


@pytest.fixture
def sessions(db: SqlDatabase, accounts: StaffAccounts, clock: Clock) -> StaffSessions:
    return StaffSessions(db, accounts, idle=timedelta(minutes=30), clock=clock)


@pytest.fixture
def account(accounts: StaffAccounts) -> StaffAccount:
    return accounts.create(
        user="li.ming",
        display_name="李明",
        role=Role.CASEWORKER,
        office="500237",
        password="yantai-wushan-2026",
    )


def test_a_session_resolves_to_its_account_with_a_csrf_token(
    sessions: StaffSessions, account: StaffAccount, db: SqlDatabase
) -> None:
    secret = sessions.open(account)
    session = sessions.resolve(secret)
    assert session is not None
    assert session.account.user == "li.ming"
    assert len(session.csrf_token) >= 32
    assert sessions.resolve(secret + "x") is None
    with db.transaction(write=False) as cursor:
        cursor.execute("SELECT session_hash FROM staff_sessions")
        stored = cursor.fetchall()
    assert secret not in repr(stored)  # only its hash


def test_each_session_has_its_own_secret_and_csrf_token(
    sessions: StaffSessions, account: StaffAccount
) -> None:
    one, two = sessions.open(account), sessions.open(account)
    first, second = sessions.resolve(one), sessions.resolve(two)
    assert one != two
    assert first is not None and second is not None
    assert first.csrf_token != second.csrf_token


def test_a_session_ends_after_idle_time_but_use_keeps_it(
    sessions: StaffSessions, account: StaffAccount, clock: Clock
) -> None:
    secret = sessions.open(account)
    clock.now = START + timedelta(minutes=25)
    assert sessions.resolve(secret) is not None  # in use: idle time starts again
    clock.now = START + timedelta(minutes=50)
    assert sessions.resolve(secret) is not None
    clock.now = START + timedelta(minutes=81)
    assert sessions.resolve(secret) is None
    clock.now = START + timedelta(minutes=82)
    assert sessions.resolve(secret) is None  # gone for good


def test_sign_out_ends_the_session(sessions: StaffSessions, account: StaffAccount) -> None:
    secret, other = sessions.open(account), sessions.open(account)
    sessions.close(secret)
    sessions.close(secret)  # twice is harmless
    assert sessions.resolve(secret) is None
    assert sessions.resolve(other) is not None


def test_disabling_or_resetting_ends_every_session(
    sessions: StaffSessions, accounts: StaffAccounts, account: StaffAccount
) -> None:
    first = sessions.open(account)
    accounts.disable(account.user)
    assert sessions.resolve(first) is None
    accounts.enable(account.user)
    assert sessions.resolve(first) is None  # enabling does not bring it back

    second = sessions.open(account)
    accounts.reset_password(account.user, "a new one for 2027")
    assert sessions.resolve(second) is None

    third, fourth = sessions.open(account), sessions.open(account)
    assert sessions.close_all_for("LI.MING") == 2
    assert sessions.resolve(third) is None and sessions.resolve(fourth) is None
    assert sessions.close_all_for("李明") == 0
