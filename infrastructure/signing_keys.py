"""The key that signs integrity checkpoints: how it is written in the settings.

`LABORBRIDGE_SIGNING_KEY` is the 32-byte seed of an Ed25519 private key, as 64
hex digits or as base64. Generate one with:

    python3 -c 'import secrets; print(secrets.token_hex(32))'
"""

from __future__ import annotations

import base64
import binascii

# Refused in production (see Settings); anyone can forge checkpoints with it.
DEVELOPMENT_SIGNING_KEY = "25ad1e1643731dd6f9878a82787a2c798c2f640b5b584e926c8e7abcf2b52d34"
DEVELOPMENT_KEY_WARNING = (
    "signed with the built-in development key (LABORBRIDGE_SIGNING_KEY is unset or set to"
    " it): that key is public, anyone can forge such a checkpoint, so it proves nothing"
)


def parse_signing_key(text: str) -> bytes:
    """The 32-byte seed written as hex or base64; ValueError naming the setting."""
    text = text.strip()
    try:
        seed = bytes.fromhex(text) if len(text) == 64 else _base64(text)
    except (ValueError, binascii.Error):
        seed = b""
    if len(seed) != 32:
        raise ValueError(
            "LABORBRIDGE_SIGNING_KEY must be 32 bytes as 64 hex digits or base64"
            " (python3 -c 'import secrets; print(secrets.token_hex(32))')"
        )
    return seed


def _base64(text: str) -> bytes:
    alphabet = text.replace("-", "+").replace("_", "/")
    return base64.b64decode(alphabet + "=" * (-len(alphabet) % 4), validate=True)


def is_development_key(seed: bytes) -> bool:
    """Whether this seed is the built-in development key, published with the code."""
    return seed == parse_signing_key(DEVELOPMENT_SIGNING_KEY)
