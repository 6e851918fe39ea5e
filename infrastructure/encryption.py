"""Encryption at rest: a key ring of AES-256-GCM keys, one of which writes.

Stored form of every encrypted value:

    b"LBE1" | len(key id) (1 byte) | key id (ASCII) | nonce (12 bytes) | ciphertext + tag

The header names the key, so several keys can be held: new data is encrypted
with the first key of the ring, and data written with an older key stays
readable as long as that key is in the ring (rotation without rewriting the
stored events, whose bytes the integrity chain covers). The header is also the
AES-GCM associated data: changing the key id of a stored value makes it fail.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from eventsourcing.persistence import Cipher

if TYPE_CHECKING:
    from eventsourcing.utils import Environment

SETTING = "LABORBRIDGE_ENCRYPTION_KEYS"
MAGIC = b"LBE1"
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

    def encrypt(self, plaintext: bytes, key_id: str | None = None) -> bytes:
        """Encrypt with the current key (or the named one), random nonce."""
        key_id = key_id or self.current_id
        key = self.key(key_id)
        if key is None:
            raise KeyError(key_id)
        head = header(key_id)
        nonce = os.urandom(NONCE_BYTES)
        return head + nonce + AESGCM(key).encrypt(nonce, plaintext, head)

    def decrypt(self, data: bytes) -> bytes:
        """The plaintext, or UndecryptableData naming the reason (never garbage)."""
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
        head = header(key_id)
        nonce = data[len(head) : len(head) + NONCE_BYTES]
        try:
            return AESGCM(key).decrypt(nonce, data[len(head) + NONCE_BYTES :], head)
        except InvalidTag:
            raise UndecryptableData(
                f"stored data encrypted with key {key_id!r} does not decrypt: the key"
                f" given as {key_id!r} in {SETTING} is not the one it was written with,"
                " or the data was altered"
            ) from None


def header(key_id: str) -> bytes:
    """The bytes every value encrypted with this key starts with."""
    encoded = key_id.encode("ascii")
    return MAGIC + bytes([len(encoded)]) + encoded


def key_id_of(data: bytes) -> str | None:
    """The key id in the header, or None if the data has no LaborBridge header."""
    data = bytes(data)
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 1:
        return None
    length = data[len(MAGIC)]
    raw = data[len(MAGIC) + 1 : len(MAGIC) + 1 + length]
    try:
        key_id = raw.decode("ascii")
    except UnicodeDecodeError:
        return None
    return key_id if len(raw) == length and _KEY_ID.fullmatch(key_id) else None


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
