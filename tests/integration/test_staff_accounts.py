"""Staff accounts on SQLite and PostgreSQL: made with a hashed password, signed in
to, slowed and locked after failures, disabled, reset — every attempt recorded
for auditors without the password."""

from __future__ import annotations

import contextlib
import threading
from datetime import timedelta

import pytest

from domain.actor import Role
from infrastructure.sql import SqlDatabase
from infrastructure.staff_accounts import (
    NOT_A_USER_NAME,
    AccountError,
    LockoutPolicy,
    SignInRefused,
    StaffAccounts,
)
from tests.integration.conftest import START, Clock

PASSWORD = "yantai-wushan-2026"


@pytest.fixture
def db(staff_db: SqlDatabase) -> SqlDatabase:
    return staff_db


@pytest.fixture
def delays() -> list[float]:
    return []


@pytest.fixture
def accounts(db: SqlDatabase, clock: Clock, delays: list[float]) -> StaffAccounts:
    return StaffAccounts(db, clock=clock, sleep=delays.append)


def _create(accounts: StaffAccounts, user: str = "li.ming") -> None:
    accounts.create(
        user=user, display_name="李明", role=Role.CASEWORKER, office="500237", password=PASSWORD
    )


def _refusal(accounts: StaffAccounts, password: str, user: str = "li.ming") -> SignInRefused:
    with pytest.raises(SignInRefused) as refused:
        accounts.sign_in(user, password, source="10.0.0.7")
    return refused.value


def test_an_account_signs_in_with_its_password_as_its_actor(accounts: StaffAccounts) -> None:
    _create(accounts)
    account = accounts.sign_in("Ｌｉ.Ming", PASSWORD, source="10.0.0.7")  # full-width, any case
    assert account.user == "li.ming"
    assert account.display_name == "李明"
    actor = account.actor()
    assert (actor.user, actor.role, actor.office) == ("li.ming", Role.CASEWORKER, "500237")


def test_the_password_is_stored_only_as_an_argon2id_hash(
    accounts: StaffAccounts, db: SqlDatabase
) -> None:
    _create(accounts)
    with db.transaction(write=False) as cursor:
        cursor.execute("SELECT password_hash FROM staff_accounts")
        (stored,) = cursor.fetchone() or ("",)
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"user": "李明"}, "user"),
        ({"user": ""}, "user"),
        ({"role": Role.SYSTEM}, "role"),
        ({"office": "5002"}, "office"),
        ({"display_name": "  "}, "display_name"),
        ({"password": "short"}, "password"),
    ],
)
def test_a_bad_field_is_named_and_nothing_is_made(
    accounts: StaffAccounts, changes: dict[str, object], field: str
) -> None:
    values: dict[str, object] = {
        "user": "li.ming",
        "display_name": "李明",
        "role": Role.CASEWORKER,
        "office": "500237",
        "password": PASSWORD,
        **changes,
    }
    with pytest.raises(AccountError) as refused:
        accounts.create(**values)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert accounts.all() == []


def test_a_name_is_taken_once(accounts: StaffAccounts) -> None:
    _create(accounts)
    with pytest.raises(AccountError) as refused:
        _create(accounts, "LI.MING")
    assert refused.value.field == "user"
    assert len(accounts.all()) == 1


def test_an_unknown_name_and_a_wrong_password_get_one_answer(accounts: StaffAccounts) -> None:
    _create(accounts)
    assert _refusal(accounts, "wrong password!").reason == "wrong_credentials"
    assert _refusal(accounts, PASSWORD, user="nobody").reason == "wrong_credentials"


def test_failures_slow_down_then_lock_for_a_while(
    accounts: StaffAccounts, clock: Clock, delays: list[float]
) -> None:
    _create(accounts)
    for _ in range(2):
        _refusal(accounts, "wrong password!")
    assert delays == []  # the first two are answered at once
    _refusal(accounts, "wrong password!")
    _refusal(accounts, "wrong password!")
    assert delays == [1.0, 1.0]
    fifth = _refusal(accounts, "wrong password!")
    assert fifth.reason == "locked"
    assert fifth.locked_until == START + timedelta(minutes=15)

    # Locked: even the right password is refused, and not checked.
    clock.now = START + timedelta(minutes=14)
    assert _refusal(accounts, PASSWORD).reason == "locked"

    clock.now = START + timedelta(minutes=15, seconds=1)
    assert accounts.sign_in("li.ming", PASSWORD, source="10.0.0.7").failed_attempts == 0


def test_a_lock_that_ran_out_counts_failures_anew(accounts: StaffAccounts, clock: Clock) -> None:
    _create(accounts)
    for _ in range(5):
        _refusal(accounts, "wrong password!")
    clock.now = START + timedelta(minutes=16)
    assert _refusal(accounts, "wrong password!").reason == "wrong_credentials"
    account = accounts.get("li.ming")
    assert account is not None and account.failed_attempts == 1 and account.locked_until is None


def test_a_sign_in_forgets_earlier_failures(accounts: StaffAccounts) -> None:
    _create(accounts)
    for _ in range(4):
        _refusal(accounts, "wrong password!")
    accounts.sign_in("li.ming", PASSWORD, source="10.0.0.7")
    for _ in range(4):  # four more, and still not locked
        assert _refusal(accounts, "wrong password!").reason == "wrong_credentials"


def test_unknown_names_are_slowed_down_too(accounts: StaffAccounts, delays: list[float]) -> None:
    for _ in range(4):
        _refusal(accounts, "whatever-it-is", user="ghost")
    assert delays == [1.0, 1.0]


def test_concurrent_failures_each_count(db: SqlDatabase, clock: Clock) -> None:
    accounts = StaffAccounts(db, clock=clock, sleep=lambda _: None, policy=LockoutPolicy())
    _create(accounts)
    barrier = threading.Barrier(5)

    def fail() -> None:
        barrier.wait()
        with contextlib.suppress(SignInRefused):
            accounts.sign_in("li.ming", "wrong password!", source="10.0.0.7")

    threads = [threading.Thread(target=fail) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    account = accounts.get("li.ming")
    assert account is not None
    assert account.failed_attempts == 5
    assert account.is_locked_at(clock.now)


def test_a_disabled_account_is_refused_and_told_so_only_with_its_password(
    accounts: StaffAccounts,
) -> None:
    _create(accounts)
    assert accounts.disable("li.ming")
    assert not accounts.disable("li.ming")  # already
    assert _refusal(accounts, PASSWORD).reason == "disabled"
    assert _refusal(accounts, "wrong password!").reason == "wrong_credentials"
    assert accounts.enable("li.ming")
    accounts.sign_in("li.ming", PASSWORD, source="10.0.0.7")


def test_a_reset_password_unlocks_and_the_old_one_stops_working(accounts: StaffAccounts) -> None:
    _create(accounts)
    for _ in range(5):
        _refusal(accounts, "wrong password!")
    assert accounts.reset_password("li.ming", "a new one for 2027")
    assert _refusal(accounts, PASSWORD).reason == "wrong_credentials"
    accounts.sign_in("li.ming", "a new one for 2027", source="10.0.0.7")
    assert not accounts.reset_password("nobody", "a new one for 2027")
    with pytest.raises(AccountError):
        accounts.reset_password("li.ming", "short")


def test_every_attempt_is_recorded_without_the_password(
    accounts: StaffAccounts, db: SqlDatabase, clock: Clock
) -> None:
    _create(accounts)
    _refusal(accounts, "wrong password!")
    clock.now += timedelta(seconds=1)
    _refusal(accounts, "whatever-it-is", user="ghost")
    clock.now += timedelta(seconds=1)
    _refusal(accounts, PASSWORD, user="yantai-wushan-2026 typed as a name")
    clock.now += timedelta(seconds=1)
    accounts.sign_in("li.ming", PASSWORD, source="10.0.0.7")
    clock.now += timedelta(seconds=1)
    accounts.record_sign_out("li.ming", source="10.0.0.7")

    record = accounts.sign_ins()
    assert [(a.user, a.outcome) for a in record] == [
        ("li.ming", "signed_out"),
        ("li.ming", "signed_in"),
        (NOT_A_USER_NAME, "unknown_user"),
        ("ghost", "unknown_user"),
        ("li.ming", "wrong_password"),
    ]
    assert {a.source for a in record} == {"10.0.0.7"}
    assert record[0].at == START + timedelta(seconds=4)
    assert [a.outcome for a in accounts.sign_ins(user="ghost")] == ["unknown_user"]
    assert len(accounts.sign_ins(limit=2)) == 2

    with db.transaction(write=False) as cursor:
        cursor.execute("SELECT at, user_name, outcome, source FROM staff_sign_ins")
        everything = repr(cursor.fetchall())
    assert "wrong password" not in everything
    assert PASSWORD not in everything
