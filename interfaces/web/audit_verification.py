""" "Verify now" from the integrity page: one verification at a time per app,
run in a background thread so the page returns at once and polls its progress.

The verification itself is infrastructure's (`verify_integrity`, as the CLI
runs it); this only keeps the running one's progress and records its outcome
with `record_verification`, where the page (and `GET /audit/integrity`) read it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import structlog

from infrastructure.bound_mapper import BoundMapper
from infrastructure.integrity_audit import events_table, verify_integrity
from infrastructure.integrity_verifications import record_verification
from infrastructure.payload_audit import PayloadAudit

log = structlog.get_logger()


@dataclass
class Progress:
    running: bool = False
    checked: int = 0  # the position reached
    total: int = 0  # the head of the log when it started
    failed: bool = False  # the last run could not finish (the error is logged)


class Verifier:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.progress = Progress()

    def start(self, app_state: Any) -> bool:
        """Start a verification unless one is running; True if this call started it."""
        with self._lock:
            if self.progress.running:
                return False
            self.progress = Progress(running=True)
        threading.Thread(target=self._run, args=(app_state,), daemon=True).start()
        return True

    def _report(self, reached: int, head: int) -> None:
        self.progress.checked, self.progress.total = reached, head

    def _run(self, state: Any) -> None:
        failed = False
        try:
            journey, settings, db = state.journey, state.settings, state.db
            mapper = journey.mapper
            unbound = mapper.unbound_before if isinstance(mapper, BoundMapper) else 0
            report = verify_integrity(
                db,
                events_table(journey),
                progress=self._report,
                page_size=settings.projector_page_size,
                payloads=PayloadAudit(settings.key_ring, unbound),
            )
            record_verification(db, report.verification(datetime.now(UTC)))
            log.info("integrity_verified_from_pages", intact=report.intact, head=report.log_head)
        except Exception:  # the page shows it failed; the reason is in the log
            failed = True
            log.exception("integrity_verification_failed")
        with self._lock:
            self.progress = Progress(
                running=False,
                checked=self.progress.checked,
                total=self.progress.total,
                failed=failed,
            )


def verifier_of(app_state: Any) -> Verifier:
    """The app's verifier, made on first use (the lock guards that too)."""
    with _MAKING:
        found = getattr(app_state, "audit_verifier", None)
        if not isinstance(found, Verifier):
            found = Verifier()
            app_state.audit_verifier = found
        return found


_MAKING = threading.Lock()
