"""Worker ids derived from ID numbers without revealing them."""

from __future__ import annotations

import hashlib
import hmac
from uuid import UUID

from domain.identity import ResidentIdNumber


def worker_id_for(id_number: ResidentIdNumber, identity_key: bytes) -> UUID:
    """A UUID (version 8, RFC 9562) from an HMAC-SHA256 of the ID number.

    The same person always gets the same id, so a second registration collides
    on save; without the key the id cannot be turned back into the number.
    The key identifies people for the life of the database: never rotate it.
    """
    digest = hmac.new(identity_key, b"worker\x00" + id_number.value.encode(), hashlib.sha256)
    n = int.from_bytes(digest.digest()[:16], "big")
    n = (n & ~(0xF << 76)) | (0x8 << 76)  # version 8
    n = (n & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant
    return UUID(int=n)
