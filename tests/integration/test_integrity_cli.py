"""`laborbridge audit verify | checkpoint`: rows of the event store changed,
deleted and inserted with raw SQL are caught, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import psycopg
import pytest
from eventsourcing.persistence import Mapper

from application.integrity_chain import links
from application.journey import Journey
from infrastructure.encryption import DEVELOPMENT_KEY_RING, KeyRing
from infrastructure.integrity_audit import stored_events
from infrastructure.integrity_verifications import last_verification
from infrastructure.persistence import event_store_env
from infrastructure.projector_service import ProjectorService
from infrastructure.sql import open_database
from interfaces.demo.programme import load_demo
from tests.conftest import TEST_SECRET, database_url_for, settings_for
from tests.support.server import server_env

BIN = Path(sys.executable).parent


@dataclass
class Log:
    """A database with a demo programme in its log, chained up to `head`, and a
    gap in the positions (a rolled-back write) at `gap`."""

    url: str
    head: int
    gap: int

    @property
    def postgres(self) -> bool:
        return self.url.startswith("postgresql")

    @contextmanager
    def sql(self) -> Iterator[Any]:
        """A raw connection to the event store, as someone with write access has."""
        if self.postgres:
            with psycopg.connect(self.url, autocommit=True) as connection:
                yield connection
        else:
            connection = sqlite3.connect(self.url.removeprefix("sqlite:///"))
            try:
                yield connection
                connection.commit()
            finally:
                connection.close()

    def execute(self, statement: str, *params: Any) -> list[tuple[Any, ...]]:
        table, position = (
            ("laborbridge_events", "notification_id")
            if self.postgres
            else ("stored_events", "rowid")
        )
        statement = statement.format(table=table, position=position)
        if not self.postgres:
            statement = statement.replace("%s", "?")
        with self.sql() as connection:
            cursor = connection.execute(statement, params)
            return list(cursor.fetchall()) if cursor.description else []

    def positions(self) -> list[int]:
        return [r[0] for r in self.execute("SELECT {position} FROM {table} ORDER BY 1")]

    def rewrite_payload(self, position: int) -> None:
        (state,) = self.execute("SELECT state FROM {table} WHERE {position} = %s", position)[0]
        changed = bytes(state[:-1]) + bytes([state[-1] ^ 0x01])  # one bit of the last byte
        self.execute("UPDATE {table} SET state = %s WHERE {position} = %s", changed, position)

    def reencrypt_payload(self, position: int) -> None:
        """The same event encrypted again, with a new nonce: a rewrite that only
        someone holding the key can make, which still belongs where it is."""
        from infrastructure.encryption import event_binding  # new with binding

        (record_id, version, topic, state) = self.execute(
            "SELECT originator_id, originator_version, topic, state FROM {table}"
            " WHERE {position} = %s",
            position,
        )[0]
        binding = event_binding(UUID(str(record_id)), version, topic)
        ring = KeyRing.parse(DEVELOPMENT_KEY_RING)
        again = ring.encrypt(ring.decrypt(bytes(state), binding=binding), binding=binding)
        self.execute("UPDATE {table} SET state = %s WHERE {position} = %s", again, position)

    def cli(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / "laborbridge"), *args],
            env={**server_env(self.url), **env},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )


def _journey(url: str) -> Journey:
    return Journey(env=event_store_env(settings_for(url)), identity_key=TEST_SECRET.encode())


def _leave_a_gap(log_url: str) -> int:
    """The next position is skipped, as when a write is rolled back."""
    if log_url.startswith("postgresql"):
        with psycopg.connect(log_url) as connection:
            (head,) = connection.execute("SELECT MAX(notification_id) FROM laborbridge_events")
            connection.execute(
                "INSERT INTO laborbridge_events (originator_id, originator_version, topic, state)"
                " VALUES (gen_random_uuid(), 1, 'rolled:Back', '\\x00'::bytea)"
            )
            connection.rollback()  # the sequence value is spent all the same
        return int(head[0]) + 1
    # SQLite hands out MAX(rowid) + 1: a placeholder two ahead, removed after
    # the next writes, leaves the gap.
    with sqlite3.connect(log_url.removeprefix("sqlite:///")) as connection:
        (head,) = connection.execute("SELECT MAX(rowid) FROM stored_events").fetchone()
        connection.execute(
            "INSERT INTO stored_events (rowid, originator_id, originator_version, topic, state)"
            " VALUES (?, ?, 1, 'rolled:Back', x'00')",
            (head + 2, uuid.uuid4().hex),
        )
    return int(head) + 1


def _project(url: str) -> None:
    service = ProjectorService(settings_for(url))
    try:
        service.projector.catch_up()
    finally:
        service.close()


@pytest.fixture(params=["sqlite", "postgres"])
def log(request: pytest.FixtureRequest, tmp_path: Path) -> Log:
    url = database_url_for(request.param, request, tmp_path)
    journey = _journey(url)
    try:
        load_demo(journey, workers=10, seed=11)
        gap = _leave_a_gap(url)
        load_demo(journey, workers=20, seed=11)  # the next ten people
        head = int(journey.recorder.max_notification_id() or 0)
    finally:
        journey.close()
    if not url.startswith("postgresql"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            connection.execute("DELETE FROM stored_events WHERE topic = 'rolled:Back'")
    _project(url)
    result = Log(url, head, gap)
    assert gap not in result.positions() and gap < head
    return result


def test_an_untouched_log_with_gaps_verifies_intact(log: Log) -> None:
    result = log.cli("audit", "verify")

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"log head: position {log.head}" in result.stdout
    assert f"INTACT: {len(log.positions())} events match the chain" in result.stdout
    assert f"{log.head}/{log.head} events" in result.stderr  # the progress bar


def test_a_changed_payload_is_named_with_its_position(log: Log) -> None:
    victim = log.positions()[40]
    log.rewrite_payload(victim)

    result = log.cli("audit", "verify")

    assert result.returncode == 1
    assert (
        f"NOT INTACT: first difference at position {victim} (changed):"
        " the stored payload differs" in result.stdout
    )


def test_a_deleted_row_is_named_with_its_position(log: Log) -> None:
    victim = log.positions()[-30]
    log.execute("DELETE FROM {table} WHERE {position} = %s", victim)

    result = log.cli("audit", "verify")

    assert result.returncode == 1
    assert f"first difference at position {victim} (deleted)" in result.stdout


def test_a_row_inserted_inside_the_chained_range_is_named(log: Log) -> None:
    other = log.positions()[5]
    forged = uuid.uuid4()
    log.execute(
        "INSERT INTO {table} (originator_id, originator_version, topic, state, {position})"
        " SELECT %s, 1, topic, state, %s FROM {table} WHERE {position} = %s",
        forged if log.postgres else forged.hex,
        log.gap,
        other,
    )

    result = log.cli("audit", "verify")

    assert result.returncode == 1
    assert f"first difference at position {log.gap} (inserted)" in result.stdout


def test_events_after_the_chain_are_counted_but_not_an_error(log: Log) -> None:
    journey = _journey(log.url)
    try:
        load_demo(journey, workers=22, seed=11)
    finally:
        journey.close()
    added = len([p for p in log.positions() if p > log.head])  # positions may skip values

    result = log.cli("audit", "verify")

    assert result.returncode == 0, result.stdout
    assert added > 0
    assert f"{added} events after the chain's head are not chained yet" in result.stdout


def test_each_verification_is_recorded(log: Log) -> None:
    assert log.cli("audit", "verify").returncode == 0
    victim = log.positions()[3]
    log.rewrite_payload(victim)
    assert log.cli("audit", "verify").returncode == 1

    db = open_database(settings_for(log.url).database)
    try:
        last = last_verification(db)
    finally:
        db.close()

    assert last is not None
    assert (last.intact, last.first_bad_position, last.first_bad_kind) == (
        False,
        victim,
        "changed",
    )
    assert (last.log_head, last.chain_position, last.checkpoint_position) == (
        log.head,
        log.head,
        None,
    )


# -- checkpoints ---------------------------------------------------------------------


def _checkpoint(log: Log, path: Path) -> dict[str, Any]:
    made = log.cli("audit", "checkpoint", "--output", str(path))
    assert made.returncode == 0, made.stdout + made.stderr
    data: dict[str, Any] = json.loads(path.read_text())
    assert json.loads(made.stdout) == data
    assert f"Public key {data['public_key']}" in made.stderr
    assert "WARNING: this checkpoint is signed with the built-in development key" in made.stderr
    return data


def test_the_log_still_extends_a_checkpoint_made_earlier(log: Log, tmp_path: Path) -> None:
    checkpoint = _checkpoint(log, tmp_path / "checkpoint.json")
    journey = _journey(log.url)
    try:
        load_demo(journey, workers=22, seed=11)  # the log grows after the checkpoint
    finally:
        journey.close()
    _project(log.url)

    result = log.cli("audit", "verify", "--checkpoint", str(tmp_path / "checkpoint.json"))

    assert checkpoint["position"] == log.head
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"CHECKPOINT OK: checkpoint of {checkpoint['made_at']} at position" in result.stdout


@pytest.mark.parametrize(
    ("field", "forged"),
    [("position", lambda v: v - 1), ("chain_hash", lambda v: "0" * 64)],
)
def test_an_altered_checkpoint_fails_its_signature(
    log: Log, tmp_path: Path, field: str, forged: Any
) -> None:
    path = tmp_path / "checkpoint.json"
    checkpoint = _checkpoint(log, path)
    checkpoint[field] = forged(checkpoint[field])
    path.write_text(json.dumps(checkpoint))

    result = log.cli("audit", "verify", "--checkpoint", str(path))

    assert result.returncode == 1
    assert "CHECKPOINT NOT GENUINE: the checkpoint's signature does not match" in result.stdout


def test_a_checkpoint_signed_with_another_key_is_refused(log: Log, tmp_path: Path) -> None:
    path = tmp_path / "checkpoint.json"
    _checkpoint(log, path)

    result = log.cli(
        "audit", "verify", "--checkpoint", str(path), LABORBRIDGE_SIGNING_KEY="ab" * 32
    )

    assert result.returncode == 1
    assert "signed elsewhere, or the key was changed" in result.stdout


def test_a_rewritten_log_with_a_rebuilt_chain_passes_verify_but_not_the_checkpoint(
    log: Log, tmp_path: Path
) -> None:
    path = tmp_path / "checkpoint.json"
    _checkpoint(log, path)
    log.reencrypt_payload(log.positions()[10])  # with the key: the payload is still its event's
    rebuilt = log.cli("projections", "rebuild", "integrity")
    assert rebuilt.returncode == 0, rebuilt.stderr

    plain = log.cli("audit", "verify")
    against = log.cli("audit", "verify", "--checkpoint", str(path))

    assert plain.returncode == 0, plain.stdout  # the chain agrees with the rewritten log
    assert against.returncode == 1
    assert (
        f"CHECKPOINT FAILED: checkpoint of {json.loads(path.read_text())['made_at']} at"
        f" position {log.head}: the stored events up to position {log.head} no longer hash"
        in against.stdout
    )


def test_no_checkpoint_is_made_of_a_log_that_does_not_match_its_chain(
    log: Log, tmp_path: Path
) -> None:
    log.execute("DELETE FROM {table} WHERE {position} = %s", log.positions()[7])

    result = log.cli("audit", "checkpoint", "--output", str(tmp_path / "c.json"))

    assert result.returncode == 1
    assert "no checkpoint made: the log does not match the chain" in result.stderr
    assert not (tmp_path / "c.json").exists()


def test_only_a_checkpoint_signed_with_the_development_key_is_called_worthless(
    log: Log, tmp_path: Path
) -> None:
    warning = "WARNING: this checkpoint is signed with the built-in development key"
    development = _checkpoint(log, tmp_path / "development.json")
    developed = log.cli("audit", "verify", "--checkpoint", str(tmp_path / "development.json"))
    own_key = {"LABORBRIDGE_SIGNING_KEY": "ab" * 32}
    configured = log.cli("audit", "checkpoint", "--output", str(tmp_path / "own.json"), **own_key)
    checked = log.cli("audit", "verify", "--checkpoint", str(tmp_path / "own.json"), **own_key)

    assert "so it proves nothing" in development["warning"]
    assert developed.returncode == 0, developed.stdout + developed.stderr
    assert warning in developed.stderr
    assert configured.returncode == checked.returncode == 0, configured.stderr + checked.stderr
    assert "warning" not in json.loads(configured.stdout)
    assert "WARNING" not in configured.stderr + checked.stderr


# -- payloads bound to their place ------------------------------------------------------


def _registrations(log: Log) -> list[tuple[int, str]]:
    """(position, worker id) of the workers' registrations, in log order."""
    rows = log.execute(
        "SELECT {position}, originator_id FROM {table} WHERE topic = %s ORDER BY 1",
        "domain.worker:Worker.Registered",
    )
    return [(int(p), str(UUID(str(i)))) for p, i in rows]


def _rebuild_chain_by_hand(log: Log) -> None:
    """The whole chain recomputed from the stored events as they are now, as
    someone with write access to the database could do."""
    db = open_database(settings_for(log.url).database)
    try:
        records = list(stored_events(db, _events_table(log), upto=10**9, page_size=1000))
        with db.transaction() as cursor:
            cursor.execute("DELETE FROM rm_integrity_chain")
            cursor.copy_rows(
                "rm_integrity_chain",
                ["position", "aggregate_id", "version", "topic", "payload_sha256", "chain_hash"],
                [astuple(current) for current in links(records)],
            )
    finally:
        db.close()


def _events_table(log: Log) -> str:
    return "laborbridge_events" if log.postgres else "stored_events"


@pytest.mark.parametrize("rebuilt_by", ["nobody", "the projector", "hand"])
def test_a_payload_moved_onto_another_workers_event_is_named_as_damaged(
    log: Log, rebuilt_by: str
) -> None:
    (source, _), (target, victim) = _registrations(log)[2:4]
    log.execute(
        "UPDATE {table} SET state = (SELECT state FROM {table} WHERE {position} = %s)"
        " WHERE {position} = %s",
        source,
        target,
    )
    if rebuilt_by == "the projector":
        log.cli("projections", "rebuild", "integrity")
    elif rebuilt_by == "hand":
        _rebuild_chain_by_hand(log)

    result = log.cli("audit", "verify")

    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        f"NOT INTACT: position {target} (damaged): the stored payload does not belong to"
        f" record {victim} version 1 (copied from another event, or altered)" in result.stdout
    )
    assert f"{len(log.positions()) - 1} bound to their event" in result.stdout
    if rebuilt_by == "hand":  # the chain agrees with the log: only the payload tells
        assert "first difference" not in result.stdout


def test_an_unbound_payload_in_a_log_that_started_bound_is_named_as_damaged(log: Log) -> None:
    (target, _) = _registrations(log)[3]
    journey = _journey(log.url)
    try:
        (stored,) = journey.recorder.select_notifications(start=target, limit=1)
        plain = Mapper(transcoder=journey.mapper.transcoder).to_stored_event(
            journey.mapper.to_domain_event(stored)
        )
    finally:
        journey.close()
    old_form = KeyRing.parse(DEVELOPMENT_KEY_RING).encrypt(plain.state)  # as before binding
    log.execute("UPDATE {table} SET state = %s WHERE {position} = %s", old_form, target)
    _rebuild_chain_by_hand(log)

    result = log.cli("audit", "verify")

    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        f"NOT INTACT: position {target} (damaged): the stored payload is in the old form"
        " that is not bound to its record (LBE1)" in result.stdout
    )
    assert "first difference" not in result.stdout  # the chain was rebuilt over it
