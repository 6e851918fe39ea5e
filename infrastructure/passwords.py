"""Staff passwords, kept only as argon2id hashes (argon2-cffi's PasswordHasher).

The hasher's parameters are the library's defaults (RFC 9106's low-memory
profile: 64 MiB, 3 passes, 4 lanes); a hash made with older or weaker ones
verifies still, and `needs_rehash` says to store it again at the next sign-in.
"""

from __future__ import annotations

import secrets
from functools import cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher(type=Type.ID)  # configuration only: hashes nothing yet


def hash_password(password: str) -> str:
    """`$argon2id$v=19$m=…,t=…,p=…$salt$hash`: a fresh salt every time."""
    return _HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    """Whether `password` is the one `stored` was made from; False for a
    stored value that is not an argon2 hash at all (it matches nothing)."""
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """Made with other parameters than ours: hash the password again."""
    try:
        return _HASHER.check_needs_rehash(stored)
    except InvalidHashError:
        return True


def verify_for_unknown_user(password: str) -> bool:
    """Always False, after the work a real check does: a sign-in with an
    unknown name takes as long as one with a wrong password."""
    verify_password(_dummy_hash(), password)
    return False


@cache
def _dummy_hash() -> str:
    # Made at the first unknown name, not at import; the same parameters as ours.
    return hash_password(secrets.token_urlsafe(16))
