"""Encryption at rest: a key ring of AES-256-GCM keys, one of which writes.

Stored form of every encrypted value:

    magic | len(key id) (1 byte) | key id (ASCII) | nonce (12 bytes) | ciphertext + tag

The header names the key, so several keys can be held: new data is encrypted
with the first key of the ring, and data written with an older key stays
readable as long as that key is in the ring (rotation without rewriting the
stored events, whose bytes the integrity chain covers). The header is part of
the AES-GCM associated data: changing the key id of a stored value makes it fail.

Two magics. `LBE1`: the associated data is the header alone (idempotency
answers, key checks, and events stored before events were bound). `LBE2`: a
value bound to its place — the associated data is the header followed by a
binding (for an event: its record id, version and topic, see event_binding), so
the value decrypts only where it was written; copied anywhere else it fails.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from eventsourcing.persistence import Cipher

if TYPE_CHECKING:
    from uuid import UUID

    from eventsourcing.utils import Environment

SETTING = "LABORBRIDGE_ENCRYPTION_KEYS"
MAGIC = b"LBE1"  # unbound: the header alone is the associated data
BOUND_MAGIC = b"LBE2"  # bound: the header and a binding are the associated data
MAGICS = (MAGIC, BOUND_MAGIC)
BINDING_TAG = b"laborbridge.event-binding.v1"
NONCE_BYTES = 12
KEY_BYTES = 32
_KEY_ID = re.compile(r"[A-Za-z0-9_.-]{1,32}")
# A fixed ring for development and tests, so `make run` needs nothing; refused in
# production (settings.py). Anyone can read data encrypted with it.
DEVELOPMENT_KEY_RING = "dev:bGFib3JicmlkZ2UtZGV2ZWxvcG1lbnQta2V5LTMyYiE="


class KeyRingError(ValueError):
    """The key ring setting is malformed; the message never holds key material."""


class UndecryptableData(ValueError):
    """Stored data that this key ring cannot decrypt (the message says why)."""


class NotBoundHere(UndecryptableData):
    """A bound value whose key is in the ring fails to decrypt with the binding
    of the place it was read from: copied from elsewhere, altered, or the key
    under its id is not the one it was written with."""


@dataclass(frozen=True)
class KeyRing:
    """Keys by id, in order: the first encrypts, all decrypt."""

    keys: tuple[tuple[str, bytes], ...]

    @classmethod
    def parse(cls, text: str) -> KeyRing:
        """`ID:BASE64KEY,ID:BASE64KEY,...` with 32-byte keys and distinct ids."""
        keys: list[tuple[str, bytes]] = []
        for position, entry in enumerate((e.strip() for e in text.split(",")), start=1):
            key_id, colon, encoded = entry.partition(":")
            if not colon or not _KEY_ID.fullmatch(key_id):
                raise KeyRingError(
                    f"{SETTING}: entry {position} must look like ID:BASE64KEY, the id being"
                    " 1 to 32 letters, digits, '.', '_' or '-'"
                )
            try:
                key = base64.b64decode(encoded.strip(), validate=True)
            except (binascii.Error, ValueError):
                raise KeyRingError(f"{SETTING}: key {key_id!r} is not valid base64") from None
            if len(key) != KEY_BYTES:
                raise KeyRingError(
                    f"{SETTING}: key {key_id!r} must be {KEY_BYTES} bytes (base64 of"
                    f" {KEY_BYTES} random bytes), not {len(key)}"
                )
            if any(key_id == known for known, _ in keys):
                raise KeyRingError(f"{SETTING}: key id {key_id!r} appears twice")
            keys.append((key_id, key))
        return cls(tuple(keys))

    @property
    def current_id(self) -> str:
        return self.keys[0][0]

    @property
    def ids(self) -> list[str]:
        return [key_id for key_id, _ in self.keys]

    def key(self, key_id: str) -> bytes | None:
        return next((key for known, key in self.keys if known == key_id), None)

    def encrypt(
        self, plaintext: bytes, key_id: str | None = None, *, binding: bytes | None = None
    ) -> bytes:
        """Encrypt with the current key (or the named one), random nonce. With a
        `binding`, the value is bound to it (LBE2): it decrypts only with the
        same binding."""
        key_id = key_id or self.current_id
        key = self.key(key_id)
        if key is None:
            raise KeyError(key_id)
        head = header(key_id, bound=binding is not None)
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead(key_id, key).encrypt(nonce, plaintext, head + (binding or b""))
        return head + nonce + sealed

    def decrypt(self, data: bytes, *, binding: bytes | None = None) -> bytes:
        """The plaintext, or UndecryptableData naming the reason (never garbage).

        A bound value (LBE2) needs the binding it was written with; an unbound
        one (LBE1) is read without one: whether an unbound value is acceptable
        where it is found is the caller's decision (see infrastructure/bound_mapper.py).
        """
        key_id = key_id_of(data)
        if key_id is None:
            raise UndecryptableData(
                "stored data is not encrypted by LaborBridge (no key header): it was"
                " written before encryption at rest, or by something else"
            )
        key = self.key(key_id)
        if key is None:
            raise UndecryptableData(
                f"stored data is encrypted with key {key_id!r}, which is not in {SETTING}"
                f" (the ring holds {', '.join(repr(i) for i in self.ids)})"
            )
        bound = is_bound(data)
        if bound != (binding is not None):
            raise UndecryptableData(
                "stored data is bound to its place and was read without a binding"
                if bound
                else "stored data is not bound to its place (old form LBE1) but was read as bound"
            )
        head = header(key_id, bound=bound)
        nonce = data[len(head) : len(head) + NONCE_BYTES]
        try:
            return self._aead(key_id, key).decrypt(
                nonce, data[len(head) + NONCE_BYTES :], head + (binding or b"")
            )
        except InvalidTag:
            if bound:
                raise NotBoundHere(
                    f"stored data encrypted with key {key_id!r} does not decrypt where it is"
                    " stored: it was copied from another place, or altered, or the key given"
                    f" as {key_id!r} in {SETTING} is not the one it was written with"
                ) from None
            raise UndecryptableData(
                f"stored data encrypted with key {key_id!r} does not decrypt: the key"
                f" given as {key_id!r} in {SETTING} is not the one it was written with,"
                " or the data was altered"
            ) from None

    def _aead(self, key_id: str, key: bytes) -> AESGCM:
        # One AESGCM per key: `audit verify` decrypts every stored event.
        cache = self._cache
        aead = cache.get(key_id)
        if aead is None:
            aead = cache[key_id] = AESGCM(key)
        return aead

    @cached_property
    def _cache(self) -> dict[str, AESGCM]:
        return {}


def header(key_id: str, *, bound: bool = False) -> bytes:
    """The bytes every value encrypted with this key starts with."""
    encoded = key_id.encode("ascii")
    return (BOUND_MAGIC if bound else MAGIC) + bytes([len(encoded)]) + encoded


def is_bound(data: bytes) -> bool:
    """Whether the value is in the bound form (LBE2)."""
    return bytes(data[: len(BOUND_MAGIC)]) == BOUND_MAGIC


def key_id_of(data: bytes) -> str | None:
    """The key id in the header, or None if the data has no LaborBridge header."""
    head = bytes(data[: len(MAGIC) + 1 + 255])  # never copies a whole payload
    if head[: len(MAGIC)] not in MAGICS or len(head) < len(MAGIC) + 1:
        return None
    length = head[len(MAGIC)]
    raw = head[len(MAGIC) + 1 : len(MAGIC) + 1 + length]
    try:
        key_id = raw.decode("ascii")
    except UnicodeDecodeError:
        return None
    return key_id if len(raw) == length and _KEY_ID.fullmatch(key_id) else None


_PREFIXED_TAG = len(BINDING_TAG).to_bytes(4, "big") + BINDING_TAG
_VERSION_LENGTH = (8).to_bytes(4, "big")


def event_binding(record_id: UUID | str, version: int, topic: str) -> bytes:
    """What a stored event's payload is bound to: its record id, version and
    topic, each length-prefixed (after a tag naming this encoding), so no two
    different places encode alike. A UUID in its canonical text form."""
    record = str(record_id).encode("utf-8", "surrogateescape")
    kind = topic.encode("utf-8", "surrogateescape")
    return b"".join(
        (
            _PREFIXED_TAG,
            len(record).to_bytes(4, "big"),
            record,
            _VERSION_LENGTH,
            version.to_bytes(8, "big", signed=True),
            len(kind).to_bytes(4, "big"),
            kind,
        )
    )


def generate_key_line(key_id: str | None = None) -> str:
    """A new `ID:BASE64KEY` entry for the ring (id defaults to today's date)."""
    key_id = key_id or datetime.now(UTC).strftime("k%Y%m%d")
    if not _KEY_ID.fullmatch(key_id):
        raise KeyRingError("a key id is 1 to 32 letters, digits, '.', '_' or '-'")
    return f"{key_id}:{base64.b64encode(os.urandom(KEY_BYTES)).decode('ascii')}"


class KeyRingCipher(Cipher):
    """The `eventsourcing` Cipher over a key ring: named by CIPHER_TOPIC in the
    environment that infrastructure/persistence.py builds, ring in CIPHER_KEY."""

    CIPHER_KEY = "CIPHER_KEY"

    def __init__(self, environment: Environment) -> None:
        text = environment.get(self.CIPHER_KEY)
        if not text:
            raise KeyRingError(f"{SETTING}: no key ring given to the event store")
        self.ring = KeyRing.parse(text)

    def encrypt(self, plaintext: bytes) -> bytes:
        return self.ring.encrypt(plaintext)

    def decrypt(self, ciphertext: bytes) -> bytes:
        return self.ring.decrypt(ciphertext)
