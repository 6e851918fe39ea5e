"""Worker ids derived from ID numbers without revealing them."""

from __future__ import annotations

import hashlib
import hmac
from uuid import UUID, uuid5

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


# A fixed namespace: the same entitlement gets the same id in every deployment.
_SUBSIDY_NAMESPACE = UUID("6f1d0c2e-5b7a-4c1e-9a43-2f7d8e0b9c15")


def subsidy_id_for(worker_id: UUID, kind: str, basis: str) -> UUID:
    """The one id an entitlement (worker, kind, basis) can have: recording it a
    second time, even from a racing evaluation, collides on save."""
    return uuid5(_SUBSIDY_NAMESPACE, f"{worker_id}/{kind}/{basis}")
