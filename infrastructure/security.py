"""Access tokens: random, shown once, stored only as a hash."""

from __future__ import annotations

import hashlib
import secrets

TOKEN_PREFIX = "lb_"  # noqa: S105 - a marker, not a secret


def new_token() -> str:
    # 32 random bytes: unguessable, so a plain SHA-256 is enough to store it.
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token_id() -> str:
    return "tok_" + secrets.token_hex(6)
