"""The timeline read model: one row per event of the log, for the per-worker
timeline and the global audit trail.

Events after a record's creation do not carry the worker's id, so the
`owners` table remembers, for every record, whose it is (and the detail later
summaries mention). A page costs a handful of statements whatever its size:
one SELECT of the owners it needs, one INSERT of all its rows, one upsert of
the records it creates.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from application.projections.timeline import event_row, origin_of, owner_row
from application.projections.timeline_rows import EventRow, OwnerRow
from infrastructure.readmodels.base import Notified, Projection, Store, Table

# The columns of each table are the keys of its row type (timeline_rows).
EVENTS = Table.of(
    "events",
    EventRow,
    key=("position",),
    indexes=(
        "worker_id, position",
        "actor_user, position",
        "event_type, position",
        "aggregate_id, position",
        "recorded_at",
        # The auditor's "entered late" filter, in log order: late entries are the
        # few in an office's ordinary work. Imported facts get none: after an
        # office's ledgers went in they are most of its history, and the
        # position order alone finds them.
        "entered_late, position",
    ),
)
OWNERS = Table.of(
    "owners",
    OwnerRow,
    key=("aggregate_id",),
    indexes=("worker_id",),  # a worker's records, for auditors' time travel
)


class Timeline(Projection):
    name: ClassVar[str] = "timeline"
    tables: ClassVar[tuple[Table[Any], ...]] = (EVENTS, OWNERS)

    def apply(self, page: Sequence[Notified], store: Store) -> None:
        created: dict[str, OwnerRow] = {}
        for n in page:
            origin = origin_of(n.event)
            if origin is not None:
                created[str(n.event.originator_id)] = owner_row(n.event, origin)
        wanted = {str(n.event.originator_id) for n in page} - created.keys()
        owners = store.fetch(OWNERS, "aggregate_id", wanted)
        owners.update(created)
        store.insert(
            EVENTS,
            [event_row(n.position, n.event, owners.get(str(n.event.originator_id))) for n in page],
        )
        # A record is created once, so its owner is new: a plain insert.
        store.insert(OWNERS, list(created.values()))
