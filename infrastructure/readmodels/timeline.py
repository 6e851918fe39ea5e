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
from typing import Any, ClassVar, NamedTuple

from application.projections.timeline import (
    aggregate_type,
    event_type,
    is_restricted,
    origin_of,
    summarise,
)
from infrastructure.readmodels.base import (
    Notified,
    Projection,
    Row,
    Store,
    Table,
    text_date,
    text_id,
    text_time,
)

EVENTS = Table(
    "events",
    columns="position BIGINT NOT NULL, recorded_at TEXT NOT NULL, occurred_on TEXT,"
    " actor_user TEXT, actor_role TEXT, actor_office TEXT,"
    " aggregate_id TEXT NOT NULL, aggregate_type TEXT NOT NULL, event_type TEXT NOT NULL,"
    " worker_id TEXT, restricted INTEGER NOT NULL,"
    " summary_zh TEXT NOT NULL, summary_en TEXT NOT NULL",
    key=("position",),
    indexes=(
        "worker_id, position",
        "actor_user, position",
        "event_type, position",
        "aggregate_id, position",
        "recorded_at",
    ),
)
OWNERS = Table(
    "owners",
    columns="aggregate_id TEXT NOT NULL, worker_id TEXT NOT NULL,"
    " aggregate_type TEXT NOT NULL, context TEXT",
    key=("aggregate_id",),
    indexes=("worker_id",),  # a worker's records, for auditors' time travel
)


class Owner(NamedTuple):
    """A row of `owners`: whose record it is, and the detail its summaries mention."""

    worker_id: str
    aggregate_type: str
    context: str | None


class Timeline(Projection):
    name: ClassVar[str] = "timeline"
    tables: ClassVar[tuple[Table, ...]] = (EVENTS, OWNERS)

    def apply(self, page: Sequence[Notified], store: Store) -> None:
        created: dict[str, Owner] = {}
        for n in page:
            origin = origin_of(n.event)
            if origin is not None:
                created[str(n.event.originator_id)] = Owner(
                    str(origin.worker_id), origin.aggregate_type, origin.context
                )
        wanted = {str(n.event.originator_id) for n in page} - created.keys()
        owners = {
            aggregate_id: Owner(row["worker_id"], row["aggregate_type"], row["context"])
            for aggregate_id, row in store.fetch(OWNERS, "aggregate_id", wanted).items()
        }
        owners.update(created)
        store.insert(EVENTS, [_row(n, owners.get(str(n.event.originator_id))) for n in page])
        # A record is created once, so its owner is new: a plain insert.
        store.insert(OWNERS, [{"aggregate_id": k, **v._asdict()} for k, v in created.items()])


def _row(notified: Notified, owner: Owner | None) -> Row:
    event: Any = notified.event
    name = event_type(event)
    summary = summarise(event, owner.context if owner else None)
    actor = getattr(event, "actor", None)
    return {
        "position": notified.position,
        "recorded_at": text_time(event.timestamp),
        "occurred_on": text_date(getattr(event, "occurred_on", None)),
        "actor_user": actor.user if actor else None,
        "actor_role": actor.role.value if actor else None,
        "actor_office": actor.office if actor else None,
        "aggregate_id": text_id(event.originator_id),
        "aggregate_type": aggregate_type(name),
        "event_type": name,
        "worker_id": owner.worker_id if owner else None,
        "restricted": int(is_restricted(name)),
        "summary_zh": summary.zh,
        "summary_en": summary.en,
    }
