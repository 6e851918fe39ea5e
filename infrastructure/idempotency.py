"""Idempotency records: a retried POST gets the first response back.

A key is reserved before the command runs, so two concurrent requests with the
same key cannot both run it; the response is stored when the command is done.

A reservation is a lease held by the server process running the request
(`owner`), renewed while it runs. If that process dies, the lease runs out within
`lease` seconds and a retry takes the key over: if the command had committed
(its commit marker says so, application/idempotency.py) the retry answers what it
recorded; otherwise the command runs, once.

Stored bodies are encrypted with the key ring (a worker's answer holds the name
and mobile): base64 of the same format as the stored events.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum

from application.views import Recorded
from infrastructure.commit_markers import CommitMarkers
from infrastructure.encryption import KeyRing, key_id_of
from infrastructure.sql import Cursor, SqlDatabase

# Expired reservations (and stranded commit markers) are swept at most this often.
SWEEP_INTERVAL = timedelta(minutes=1)


class Claim(Enum):
    NEW = "new"  # the caller must run the command, then complete() or release()
    REPLAY = "replay"  # the first response is here
    MISMATCH = "mismatch"  # same key, different request
    IN_PROGRESS = "in_progress"  # the first request is still running


@dataclass(frozen=True)
class StoredResponse:
    status: int
    headers: dict[str, str]
    body: str


@dataclass(frozen=True)
class Reservation:
    claim: Claim
    response: StoredResponse | None = None
    # IN_PROGRESS: seconds until the running request's lease would run out.
    retry_after: int = 0
    # NEW after taking over from a dead server whose command had committed.
    committed: Recorded | None = None


def request_digest(namespace: str, key: str) -> str:
    """Identifies a caller's key (in commit markers) without spelling it out."""
    return hashlib.sha256(f"{namespace}\n{key}".encode()).hexdigest()


class IdempotencyStore:
    def __init__(
        self,
        db: SqlDatabase,
        ring: KeyRing,
        markers: CommitMarkers,
        *,
        ttl: timedelta = timedelta(hours=24),
        lease: timedelta = timedelta(seconds=10),
    ) -> None:
        self.db = db
        self.ring = ring
        self.markers = markers
        self.ttl = ttl
        self.lease = lease
        # This server process: a reservation names the process that runs it.
        self.owner = secrets.token_hex(8)
        self._swept_at = datetime.min.replace(tzinfo=UTC)

    def reserve(self, namespace: str, key: str, fingerprint: str) -> Reservation:
        while True:
            with self.db.transaction() as cursor:
                reservation = self._claim(cursor, namespace, key, fingerprint)
            if reservation is not None:
                return reservation
            # The record expired and was swept between our statements: claim anew.

    def _claim(
        self, cursor: Cursor, namespace: str, key: str, fingerprint: str
    ) -> Reservation | None:
        now = datetime.now(UTC)
        digest = request_digest(namespace, key)
        self._sweep(cursor, now)
        inserted = cursor.execute(
            "INSERT INTO idempotency_records (namespace, idempotency_key, fingerprint,"
            " created_at, digest, owner, lease_until) VALUES (%s, %s, %s, %s, %s, %s, %s)"
            " ON CONFLICT DO NOTHING",
            (namespace, key, fingerprint, now.isoformat(), digest, self.owner, self._until(now)),
        )
        if inserted == 1:
            return Reservation(Claim.NEW)
        cursor.execute(
            "SELECT fingerprint, status, headers, body, lease_until FROM idempotency_records"
            " WHERE namespace = %s AND idempotency_key = %s",
            (namespace, key),
        )
        row = cursor.fetchone()
        if row is None:
            return None
        stored_fingerprint, status, headers, body, lease_until = row
        if stored_fingerprint != fingerprint:
            return Reservation(Claim.MISMATCH)
        if status is not None:
            body = self.ring.decrypt(base64.b64decode(body)).decode("utf-8")
            return Reservation(Claim.REPLAY, StoredResponse(int(status), json.loads(headers), body))
        return self._take_over(cursor, namespace, key, digest, lease_until, now)

    def _take_over(
        self,
        cursor: Cursor,
        namespace: str,
        key: str,
        digest: str,
        lease_until: str | None,
        now: datetime,
    ) -> Reservation:
        """A reservation without an answer: still running, or its server died."""
        # Rows kept before leases existed have none: their server is long gone.
        expires = datetime.fromisoformat(lease_until) if lease_until else now
        if expires > now:
            return Reservation(
                Claim.IN_PROGRESS, retry_after=math.ceil((expires - now).total_seconds())
            )
        taken = cursor.execute(
            "UPDATE idempotency_records SET owner = %s, lease_until = %s, digest = %s"
            " WHERE namespace = %s AND idempotency_key = %s AND status IS NULL"
            " AND (lease_until IS NULL OR lease_until <= %s)",
            (self.owner, self._until(now), digest, namespace, key, now.isoformat()),
        )
        if taken != 1:  # another retry took it over first
            return Reservation(Claim.IN_PROGRESS, retry_after=math.ceil(self.lease.total_seconds()))
        return Reservation(Claim.NEW, committed=self.markers.committed(cursor, digest))

    def renew(self, namespace: str, key: str) -> None:
        """Keep the reservation of a request that is still running."""
        with self.db.transaction() as cursor:
            cursor.execute(
                "UPDATE idempotency_records SET lease_until = %s"
                " WHERE namespace = %s AND idempotency_key = %s AND owner = %s"
                " AND status IS NULL",
                (self._until(datetime.now(UTC)), namespace, key, self.owner),
            )

    def complete(self, namespace: str, key: str, response: StoredResponse) -> None:
        body = base64.b64encode(self.ring.encrypt(response.body.encode("utf-8"))).decode("ascii")
        with self.db.transaction() as cursor:
            cursor.execute(
                "UPDATE idempotency_records SET status = %s, headers = %s, body = %s,"
                " lease_until = NULL WHERE namespace = %s AND idempotency_key = %s",
                (response.status, json.dumps(response.headers), body, namespace, key),
            )
            self.markers.forget(cursor, request_digest(namespace, key))

    def release(self, namespace: str, key: str) -> None:
        """Forget a reservation whose request failed without an answer to keep —
        unless its command committed before the failure: then a retry may take the
        key over at once and answer what was recorded."""
        digest = request_digest(namespace, key)
        with self.db.transaction() as cursor:
            if self.markers.committed(cursor, digest) is not None:
                cursor.execute(
                    "UPDATE idempotency_records SET lease_until = %s"
                    " WHERE namespace = %s AND idempotency_key = %s AND status IS NULL",
                    (datetime.now(UTC).isoformat(), namespace, key),
                )
                return
            cursor.execute(
                "DELETE FROM idempotency_records"
                " WHERE namespace = %s AND idempotency_key = %s AND status IS NULL",
                (namespace, key),
            )

    def records_per_key(self) -> Counter[str]:
        """How many stored responses each key id encrypted (for retiring a key)."""
        with self.db.transaction(write=False) as cursor:
            cursor.execute("SELECT body FROM idempotency_records WHERE body IS NOT NULL")
            rows = cursor.fetchall()
        return Counter(key_id_of(base64.b64decode(row[0])) or "(plaintext)" for row in rows)

    def _until(self, now: datetime) -> str:
        return (now + self.lease).isoformat()

    def _sweep(self, cursor: Cursor, now: datetime) -> None:
        if now - self._swept_at < SWEEP_INTERVAL:
            return
        self._swept_at = now
        cursor.execute(
            "DELETE FROM idempotency_records WHERE created_at < %s",
            ((now - self.ttl).isoformat(),),
        )
        self.markers.forget_all_but(
            cursor, "SELECT digest FROM idempotency_records WHERE digest IS NOT NULL"
        )
