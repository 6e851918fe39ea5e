"""The integrity read model: a hash chain over every stored event (防篡改).

One row per event of the log, in log order, chaining the event's position,
aggregate id, version, topic and the SHA-256 of its stored bytes to the row
before it (see application/integrity_chain.py). `laborbridge audit verify`
recomputes the chain from the log and compares.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from application.integrity_chain import GENESIS, ChainLink, link
from infrastructure.readmodels.base import Notified, Projection, Store, Table
from infrastructure.sql import Cursor, SqlDatabase

# The columns are the fields of a link (application/integrity_chain.py), in order.
CHAIN = Table.of("integrity_chain", ChainLink, key=("position",))


class Integrity(Projection):
    name = "integrity"
    tables = (CHAIN,)

    def apply(self, page: Sequence[Notified], store: Store) -> None:
        head = chain_head(store.cursor, store.prefix)
        previous = head.digest if head is not None else GENESIS
        links = []
        for notified in page:
            current = link(notified.stored, previous)
            previous = current.digest
            links.append(current)
        store.insert(CHAIN, links)


def chain_head(cursor: Cursor, prefix: str) -> ChainLink | None:
    """The last link of the chain (the previous one of the next event)."""
    cursor.execute(
        f"SELECT {CHAIN.column_list} FROM {prefix}{CHAIN.name}"  # noqa: S608 - names are ours
        " ORDER BY position DESC LIMIT 1"
    )
    row = cursor.fetchone()
    return None if row is None else CHAIN.row(row)


def chain_links(
    db: SqlDatabase, prefix: str, *, upto: int, page_size: int = 5000
) -> Iterator[ChainLink]:
    """The chain's links up to `upto`, in log order, a page at a time."""
    after = 0
    while True:
        with db.transaction(write=False) as cursor:
            cursor.execute(
                f"SELECT {CHAIN.column_list} FROM {prefix}{CHAIN.name}"  # noqa: S608 - names are ours
                " WHERE position > %s AND position <= %s ORDER BY position LIMIT %s",
                (after, upto, page_size),
            )
            rows = cursor.fetchall()
        yield from (CHAIN.row(row) for row in rows)
        if len(rows) < page_size:
            return
        after = int(rows[-1][0])
