"""Idempotency records: a retried POST gets the first response back.

A key is reserved before the command runs, so two concurrent requests with the
same key cannot both run it; the response is stored when the command is done.
Stored bodies are encrypted with the key ring (a worker's answer holds the name
and mobile): base64 of the same format as the stored events.
"""

from __future__ import annotations

import base64
import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum

from infrastructure.encryption import KeyRing, key_id_of
from infrastructure.sql import SqlDatabase


class Claim(Enum):
    NEW = "new"  # the caller must run the command, then complete() or release()
    REPLAY = "replay"  # the first response is here
    MISMATCH = "mismatch"  # same key, different request
    IN_PROGRESS = "in_progress"  # the first request has not finished


@dataclass(frozen=True)
class StoredResponse:
    status: int
    headers: dict[str, str]
    body: str


@dataclass(frozen=True)
class Reservation:
    claim: Claim
    response: StoredResponse | None = None


class IdempotencyStore:
    def __init__(
        self, db: SqlDatabase, ring: KeyRing, *, ttl: timedelta = timedelta(hours=24)
    ) -> None:
        self.db = db
        self.ring = ring
        self.ttl = ttl

    def reserve(self, namespace: str, key: str, fingerprint: str) -> Reservation:
        now = datetime.now(UTC)
        with self.db.transaction() as cursor:
            cursor.execute(
                "DELETE FROM idempotency_records WHERE created_at < %s",
                ((now - self.ttl).isoformat(),),
            )
            inserted = cursor.execute(
                "INSERT INTO idempotency_records (namespace, idempotency_key, fingerprint,"
                " created_at) VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
                (namespace, key, fingerprint, now.isoformat()),
            )
            if inserted == 1:
                return Reservation(Claim.NEW)
            cursor.execute(
                "SELECT fingerprint, status, headers, body FROM idempotency_records"
                " WHERE namespace = %s AND idempotency_key = %s",
                (namespace, key),
            )
            row = cursor.fetchone()
        if row is None:  # expired and purged between our statements: treat as new
            return self.reserve(namespace, key, fingerprint)
        stored_fingerprint, status, headers, body = row
        if stored_fingerprint != fingerprint:
            return Reservation(Claim.MISMATCH)
        if status is None:
            return Reservation(Claim.IN_PROGRESS)
        body = self.ring.decrypt(base64.b64decode(body)).decode("utf-8")
        return Reservation(Claim.REPLAY, StoredResponse(int(status), json.loads(headers), body))

    def complete(self, namespace: str, key: str, response: StoredResponse) -> None:
        body = base64.b64encode(self.ring.encrypt(response.body.encode("utf-8"))).decode("ascii")
        with self.db.transaction() as cursor:
            cursor.execute(
                "UPDATE idempotency_records SET status = %s, headers = %s, body = %s"
                " WHERE namespace = %s AND idempotency_key = %s",
                (response.status, json.dumps(response.headers), body, namespace, key),
            )

    def records_per_key(self) -> Counter[str]:
        """How many stored responses each key id encrypted (for retiring a key)."""
        with self.db.transaction(write=False) as cursor:
            cursor.execute("SELECT body FROM idempotency_records WHERE body IS NOT NULL")
            rows = cursor.fetchall()
        return Counter(key_id_of(base64.b64decode(row[0])) or "(plaintext)" for row in rows)

    def release(self, namespace: str, key: str) -> None:
        """Forget a reservation whose request failed without an answer to keep."""
        with self.db.transaction() as cursor:
            cursor.execute(
                "DELETE FROM idempotency_records"
                " WHERE namespace = %s AND idempotency_key = %s AND status IS NULL",
                (namespace, key),
            )
