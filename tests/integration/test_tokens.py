"""Access tokens expire: issued with an expiry, refused after it like an unknown
token, and a database from before expiry is upgraded in place — on SQLite and
PostgreSQL."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from domain.actor import Role
from infrastructure.schema import create_tables
from infrastructure.security import token_hash
from infrastructure.settings import DatabaseURL
from infrastructure.sql import SqlDatabase, open_database
from infrastructure.tokens import TokenStore

OLD_TOKENS_TABLE = """CREATE TABLE access_tokens (
    token_id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_name TEXT NOT NULL,
    role TEXT NOT NULL,
    office TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
)"""


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DatabaseURL]:
    """A database of its own: on PostgreSQL a fresh schema, as tables persist there."""
    if request.param == "sqlite":
        yield DatabaseURL(f"sqlite:///{tmp_path / 'tokens.db'}")
        return
    postgres_url = str(request.getfixturevalue("clean_postgres"))
    schema = f"tokens_{secrets.token_hex(4)}"
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    yield DatabaseURL(f"{postgres_url}?schema={schema}")
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture
def store(url: DatabaseURL) -> Iterator[TokenStore]:
    db = open_database(url)
    create_tables(db)
    yield TokenStore(db)
    db.close()


def _issue(store: TokenStore, **kwargs: datetime) -> tuple[str, str]:
    token, secret = store.issue(user="li.ming", role=Role.CASEWORKER, office="500237", **kwargs)
    return token.token_id, secret


def test_a_token_is_valid_for_ninety_days_unless_told_otherwise(store: TokenStore) -> None:
    token, secret = store.issue(user="li.ming", role=Role.CASEWORKER, office="500237")

    found = store.authenticate(secret)

    assert found is not None and found.token_id == token.token_id
    assert found.expires_at == token.expires_at
    assert token.expires_at is not None
    assert token.expires_at - token.created_at == timedelta(days=90)


def test_a_token_is_valid_until_the_expiry_it_was_given(store: TokenStore) -> None:
    until = datetime.now(UTC) + timedelta(hours=1)
    token_id, secret = _issue(store, expires_at=until)

    found = store.authenticate(secret)

    assert found is not None and (found.token_id, found.expires_at) == (token_id, until)


def test_an_expired_token_authenticates_no_one(store: TokenStore) -> None:
    _, secret = _issue(store, expires_at=datetime.now(UTC) - timedelta(seconds=1))

    assert store.authenticate(secret) is None


def test_a_revoked_token_authenticates_no_one(store: TokenStore) -> None:
    token_id, secret = _issue(store)

    assert store.revoke(token_id)

    assert store.authenticate(secret) is None


def test_an_expired_token_can_still_be_revoked_and_is_listed_as_both(store: TokenStore) -> None:
    past = datetime.now(UTC) - timedelta(days=1)
    token_id, _ = _issue(store, expires_at=past)

    assert store.revoke(token_id)

    (listed,) = store.all()
    assert listed.revoked_at is not None and listed.expires_at == past


def test_only_tokens_neither_revoked_nor_expired_count_as_active(store: TokenStore) -> None:
    _issue(store)
    _issue(store, expires_at=datetime.now(UTC) - timedelta(minutes=1))
    store.revoke(_issue(store)[0])

    assert store.count_active() == 1


def test_an_expiry_without_a_time_zone_is_refused(store: TokenStore) -> None:
    with pytest.raises(ValueError, match="time zone"):
        _issue(store, expires_at=datetime(2030, 1, 1))  # no time zone


# -- a database from before tokens expired ------------------------------------------


def _old_database(url: DatabaseURL) -> tuple[SqlDatabase, str, str]:
    """The tokens table as it was, with one active and one revoked token."""
    db = open_database(url)
    created = (datetime.now(UTC) - timedelta(days=400)).isoformat()
    with db.transaction() as cursor:
        cursor.execute(OLD_TOKENS_TABLE)
        cursor.execute(
            "INSERT INTO access_tokens"
            " VALUES (%s, %s, 'li.ming', 'caseworker', '500237', %s, NULL)",
            ("tok_old", token_hash("lb_old"), created),
        )
        cursor.execute(
            "INSERT INTO access_tokens VALUES (%s, %s, 'wang', 'auditor', '500237', %s, %s)",
            ("tok_gone", token_hash("lb_gone"), created, created),
        )
    return db, "lb_old", "lb_gone"


def test_tokens_issued_before_the_upgrade_run_ninety_days_from_it(url: DatabaseURL) -> None:
    db, active, revoked = _old_database(url)
    before = datetime.now(UTC)

    create_tables(db)

    after = datetime.now(UTC)
    store = TokenStore(db)
    found = store.authenticate(active)
    assert found is not None and found.token_id == "tok_old"
    assert found.expires_at is not None
    assert before + timedelta(days=90) <= found.expires_at <= after + timedelta(days=90)
    assert store.authenticate(revoked) is None
    db.close()


def test_the_upgrade_runs_once_and_later_starts_keep_the_expiry(url: DatabaseURL) -> None:
    db, active, _ = _old_database(url)
    create_tables(db)
    store = TokenStore(db)
    first = store.authenticate(active)
    assert first is not None
    with db.transaction() as cursor:  # as if the upgrade was 89 days ago
        cursor.execute(
            "UPDATE access_tokens SET expires_at = %s WHERE token_id = 'tok_old'",
            ((datetime.now(UTC) + timedelta(days=1)).isoformat(),),
        )
    changed = store.authenticate(active)

    create_tables(db)

    assert store.authenticate(active) == changed != first
    db.close()


def test_two_processes_upgrading_at_once_both_start(url: DatabaseURL) -> None:
    db, active, _ = _old_database(url)
    db.close()
    barrier = threading.Barrier(2)
    failures: list[BaseException] = []

    def start() -> None:
        own = open_database(url)
        try:
            barrier.wait()
            create_tables(own)
        except BaseException as error:  # reported below
            failures.append(error)
        finally:
            own.close()

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    db = open_database(url)
    assert TokenStore(db).authenticate(active) is not None
    db.close()
