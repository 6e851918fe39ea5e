"""A form submitted twice records once.

Each rendered form carries a one-time key (the page's Idempotency-Key). The
first submission reserves it in the API's idempotency store, runs the command
and keeps where it led; a second one (a double click, back and resubmit) is
sent there instead of running again. A submission refused for its input
releases the key, so the corrected form can be sent with it. A server that dies
mid-command leaves a lease that runs out; the commit marker then says whether
the command had committed (application/idempotency.py), as for the API.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from collections.abc import Callable

from application.idempotency import IdempotentRequest, idempotent_request
from infrastructure.idempotency import Claim, IdempotencyStore, StoredResponse, request_digest

FORM_KEY_FIELD = "form_key"
_FORM_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")
# How long a second submission waits for the first one to finish.
WAIT_SECONDS = 5.0


def new_form_key() -> str:
    return secrets.token_urlsafe(18)


class AlreadySubmitted(Exception):
    """The form's key was used before: `location` is where the first one led,
    or None if that one is still running (or was for another form)."""

    def __init__(self, location: str | None) -> None:
        super().__init__("form already submitted")
        self.location = location


def once(
    store: IdempotencyStore,
    user: str,
    form_key: str | None,
    target: str,
    run: Callable[[], str],
) -> str:
    """Run `run` once for this form (user, key); it returns the page to go to
    next. After a crashed attempt that had committed, the application answers
    what that one recorded instead of recording again."""
    if form_key is None or not _FORM_KEY.fullmatch(form_key):
        return run()  # an old page without a key: If-Match still guards it
    namespace = f"page:{user}"
    fingerprint = hashlib.sha256(target.encode()).hexdigest()
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        reservation = store.reserve(namespace, form_key, fingerprint)
        if reservation.claim is Claim.REPLAY and reservation.response is not None:
            raise AlreadySubmitted(reservation.response.headers.get("location"))
        if reservation.claim is Claim.MISMATCH:
            raise AlreadySubmitted(None)
        if reservation.claim is Claim.NEW:
            break
        if time.monotonic() >= deadline:
            raise AlreadySubmitted(None)
        time.sleep(0.1)
    request = IdempotentRequest(request_digest(namespace, form_key), reservation.committed)
    try:
        with idempotent_request(request):
            location = run()
    except BaseException:
        store.release(namespace, form_key)
        raise
    store.complete(namespace, form_key, StoredResponse(303, {"location": location}, ""))
    return location
