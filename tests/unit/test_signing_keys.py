"""LABORBRIDGE_SIGNING_KEY: hex or base64 of 32 bytes; production refuses the development key."""

from __future__ import annotations

import base64
import secrets

import pytest
from pydantic import ValidationError

from infrastructure.settings import Settings
from infrastructure.signing_keys import (
    DEVELOPMENT_SIGNING_KEY,
    is_development_key,
    parse_signing_key,
)

SEED = bytes(range(32))
PRODUCTION = {
    "env": "production",
    "secret_key": "p" * 40,
    "encryption_keys": "k1:" + base64.b64encode(b"\x11" * 32).decode(),
}


@pytest.fixture(autouse=True)
def _no_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LABORBRIDGE_SIGNING_KEY", "LABORBRIDGE_ENV"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    "text",
    [
        SEED.hex(),
        SEED.hex().upper(),
        base64.b64encode(SEED).decode(),
        base64.urlsafe_b64encode(SEED).decode().rstrip("="),
        f"  {SEED.hex()}\n",
    ],
)
def test_a_key_is_read_from_hex_or_base64(text: str) -> None:
    assert parse_signing_key(text) == SEED


@pytest.mark.parametrize(
    "text", ["", "ab" * 31, "zz" * 32, base64.b64encode(b"x" * 31).decode(), "not a key"]
)
def test_anything_but_32_bytes_is_refused_naming_the_setting(text: str) -> None:
    with pytest.raises(ValueError, match="LABORBRIDGE_SIGNING_KEY must be 32 bytes"):
        parse_signing_key(text)


def test_development_uses_the_development_key_by_default() -> None:
    assert Settings().signing_seed == parse_signing_key(DEVELOPMENT_SIGNING_KEY)


def test_production_refuses_a_missing_or_development_key() -> None:
    with pytest.raises(ValidationError, match="LABORBRIDGE_SIGNING_KEY is not set or is the"):
        Settings(**PRODUCTION)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="LABORBRIDGE_SIGNING_KEY is not set or is the"):
        Settings(**PRODUCTION, signing_key=DEVELOPMENT_SIGNING_KEY)  # type: ignore[arg-type]


def test_production_accepts_a_random_key() -> None:
    key = secrets.token_hex(32)

    settings = Settings(**PRODUCTION, signing_key=key)  # type: ignore[arg-type]

    assert settings.signing_seed == bytes.fromhex(key)


def test_a_malformed_key_is_refused_in_every_environment() -> None:
    with pytest.raises(ValidationError, match="LABORBRIDGE_SIGNING_KEY must be 32 bytes"):
        Settings(signing_key="short")  # type: ignore[arg-type]


def test_only_the_built_in_key_counts_as_the_development_key() -> None:
    assert is_development_key(parse_signing_key(DEVELOPMENT_SIGNING_KEY))
    assert not is_development_key(SEED)
