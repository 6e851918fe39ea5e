"""The key ring cipher and the encryption settings, without I/O."""

from __future__ import annotations

import base64
from uuid import UUID, uuid4

import pytest
from eventsourcing.utils import Environment
from pydantic import ValidationError

from infrastructure.encryption import (
    DEVELOPMENT_KEY_RING,
    KeyRing,
    KeyRingCipher,
    KeyRingError,
    NotBoundHere,
    UndecryptableData,
    event_binding,
    generate_key_line,
    key_id_of,
)
from infrastructure.settings import Settings

SECRET = "production-secret-0123456789abcdef0123"
FIXED_KEY = base64.b64encode(bytes(range(32))).decode()  # parameters must not be random (xdist)
SIGNING = "5f" * 32  # another engineer's setting, also refused at its default in production
PLAINTEXT = b'{"name":"\xe5\x86\x89\xe5\x85\x89\xe6\x98\x8e","mobile":"13800138000"}'


def _ring(*key_ids: str) -> KeyRing:
    return KeyRing.parse(",".join(generate_key_line(k) for k in key_ids))


def test_a_value_comes_back_as_it_was_and_is_not_stored_in_clear() -> None:
    ring = _ring("k1")

    stored = ring.encrypt(PLAINTEXT)

    assert ring.decrypt(stored) == PLAINTEXT
    assert b"13800138000" not in stored and "冉光明".encode() not in stored
    assert key_id_of(stored) == "k1"


def test_the_same_value_encrypts_differently_each_time() -> None:
    ring = _ring("k1")
    assert ring.encrypt(PLAINTEXT) != ring.encrypt(PLAINTEXT)


@pytest.mark.parametrize("where", [-1, -20, 12])
def test_a_tampered_value_is_refused_never_garbage(where: int) -> None:
    ring = _ring("k1")
    stored = bytearray(ring.encrypt(PLAINTEXT))
    stored[where] ^= 0x01

    with pytest.raises(UndecryptableData, match="does not decrypt"):
        ring.decrypt(bytes(stored))


def test_a_value_of_an_unknown_key_id_is_refused_naming_the_key() -> None:
    stored = _ring("old").encrypt(PLAINTEXT)

    with pytest.raises(UndecryptableData) as refused:
        _ring("new").decrypt(stored)

    assert "encrypted with key 'old', which is not in LABORBRIDGE_ENCRYPTION_KEYS" in str(
        refused.value
    )


def test_the_right_id_with_the_wrong_key_is_refused() -> None:
    stored = _ring("k1").encrypt(PLAINTEXT)

    with pytest.raises(UndecryptableData, match=r"the key given as 'k1'.* is not the one"):
        _ring("k1").decrypt(stored)


def test_after_rotation_new_values_use_the_new_key_and_old_ones_stay_readable() -> None:
    old = KeyRing.parse(generate_key_line("k1"))
    written_before = old.encrypt(PLAINTEXT)
    rotated = KeyRing.parse(f"{generate_key_line('k2')},{_line(old, 'k1')}")

    written_after = rotated.encrypt(PLAINTEXT)

    assert key_id_of(written_after) == "k2"
    assert rotated.decrypt(written_before) == rotated.decrypt(written_after) == PLAINTEXT


def test_plaintext_is_refused_as_not_encrypted() -> None:
    with pytest.raises(UndecryptableData, match="not encrypted by LaborBridge"):
        _ring("k1").decrypt(PLAINTEXT)


def test_the_library_cipher_reads_the_ring_from_its_environment() -> None:
    cipher = KeyRingCipher(Environment("LaborBridge", {"CIPHER_KEY": DEVELOPMENT_KEY_RING}))
    assert cipher.decrypt(cipher.encrypt(PLAINTEXT)) == PLAINTEXT
    assert key_id_of(cipher.encrypt(PLAINTEXT)) == "dev"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("nokeyhere", "entry 1 must look like ID:BASE64KEY"),
        ("k 1:AAAA", "entry 1 must look like ID:BASE64KEY"),
        ("k1:not base64!", "key 'k1' is not valid base64"),
        (f"k1:{base64.b64encode(b'short').decode()}", "must be 32 bytes"),
        (f"k1:{FIXED_KEY},k1:{FIXED_KEY}", "'k1' appears twice"),
    ],
)
def test_a_malformed_ring_is_refused_without_showing_the_key(text: str, message: str) -> None:
    with pytest.raises(KeyRingError, match=message) as refused:
        KeyRing.parse(text)
    key_material = text.partition(":")[2].split(",")[0]
    assert not key_material or key_material not in str(refused.value)


def test_development_falls_back_to_the_development_ring() -> None:
    settings = Settings(env="development")
    assert settings.key_ring_text == DEVELOPMENT_KEY_RING
    assert settings.key_ring.current_id == "dev"


def test_production_without_a_key_ring_is_refused() -> None:
    with pytest.raises(ValidationError, match="LABORBRIDGE_ENCRYPTION_KEYS is not set"):
        Settings(env="production", secret_key=SECRET, signing_key=SIGNING)


def test_production_with_the_development_key_is_refused() -> None:
    dev_key = DEVELOPMENT_KEY_RING.partition(":")[2]
    with pytest.raises(ValidationError, match="holds the development key"):
        Settings(
            env="production",
            secret_key=SECRET,
            signing_key=SIGNING,
            encryption_keys=f"{generate_key_line('k2')},mine:{dev_key}",
        )


def test_production_with_its_own_ring_starts() -> None:
    line = generate_key_line("k1")
    settings = Settings(
        env="production", secret_key=SECRET, signing_key=SIGNING, encryption_keys=line
    )
    assert settings.key_ring.ids == ["k1"]


def test_a_malformed_ring_is_refused_in_development_too() -> None:
    with pytest.raises(ValidationError, match="key 'k1' must be 32 bytes"):
        Settings(encryption_keys="k1:AAAA")


def _line(ring: KeyRing, key_id: str) -> str:
    key = ring.key(key_id)
    assert key is not None
    return f"{key_id}:{base64.b64encode(key).decode()}"


# -- values bound to their place (LBE2) ----------------------------------------------

RECORD = UUID("6f1c7e0a-3d2b-4c5e-9f80-1a2b3c4d5e6f")
TOPIC = "domain.worker:Worker.Registered"


def test_a_bound_value_decrypts_only_with_the_binding_it_was_written_with() -> None:
    ring = _ring("k1")
    here = event_binding(RECORD, 1, TOPIC)
    stored = ring.encrypt(PLAINTEXT, binding=here)

    assert stored.startswith(b"LBE2\x02k1")
    assert ring.decrypt(stored, binding=here) == PLAINTEXT
    for elsewhere in (
        event_binding(uuid4(), 1, TOPIC),
        event_binding(RECORD, 2, TOPIC),
        event_binding(RECORD, 1, "domain.worker:Worker.ContactChanged"),
    ):
        with pytest.raises(NotBoundHere, match="does not decrypt where it is stored"):
            ring.decrypt(stored, binding=elsewhere)


def test_a_bound_value_read_without_a_binding_and_an_old_one_read_with_one_are_refused() -> None:
    ring = _ring("k1")
    binding = event_binding(RECORD, 1, TOPIC)

    with pytest.raises(UndecryptableData, match="read without a binding"):
        ring.decrypt(ring.encrypt(PLAINTEXT, binding=binding))
    with pytest.raises(UndecryptableData, match="not bound to its place"):
        ring.decrypt(ring.encrypt(PLAINTEXT), binding=binding)


def test_bindings_are_length_prefixed_so_no_two_places_encode_alike() -> None:
    assert event_binding("ab", 1, "c:D") != event_binding("a", 1, "bc:D")
    assert event_binding(RECORD, 1, TOPIC) == event_binding(str(RECORD), 1, TOPIC)
    assert event_binding(RECORD, 1, TOPIC) != event_binding(RECORD, 256, TOPIC)


def test_the_key_id_is_read_from_either_form() -> None:
    ring = _ring("k1")
    assert key_id_of(ring.encrypt(PLAINTEXT, binding=b"x")) == key_id_of(ring.encrypt(PLAINTEXT))
