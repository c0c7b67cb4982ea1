"""Named counters (the statistics, the status feed's numbers), atomic on SQLite and PostgreSQL alike.

A counter moves by one ``INSERT ... ON CONFLICT DO UPDATE SET value = value + n``: no read-then-write,
so concurrent transactions never lose an increment, and the first use of a name needs no seeding.

Why the status feed numbers its events here, and not with a serial column: a desk reads its feed as
"every event after my cursor, in number order". A PostgreSQL sequence hands out numbers when a row is
inserted, and transactions commit in any order; a reader could see event 8 committed while event 7's
transaction is still open, move its cursor to 8, and never see 7. The ``feed_seq`` row is instead
moved as the last statement of the committing transaction, which holds that row's lock until it
commits: the transaction numbered n+1 cannot take its numbers before the one numbered n has
committed, so whatever a reader sees ends at a number below which nothing is missing or will ever
appear. On SQLite the one writer gives the same order. Moving it last keeps the lock short.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Insert, insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sync.sandbox.db import Counter, Event, table_of

FEED_COUNTER = "feed_seq"
# Statistics counters, always moved in this order so that two transactions never wait on each other
# in opposite orders (the feed counter comes after them all).
STAT_ORDER = ("conflict", "deliveries", "duplicate", "invalid", "retry_later")


def _add(session: Session, name: str, by: int) -> int:
    """Add ``by`` to counter ``name`` in the caller's transaction; returns its new value."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement: Insert = insert(Counter).values(name=name, value=by)
    statement = statement.on_conflict_do_update(  # type: ignore[attr-defined]
        index_elements=[Counter.name], set_={"value": Counter.value + by}
    ).returning(Counter.value)
    return int(session.execute(statement).scalar_one())


def bump(session: Session, name: str, by: int = 1) -> None:
    """Add to a statistics counter in the caller's transaction (nothing for ``by == 0``)."""
    if by:
        _add(session, name, by)


def bump_all(session: Session, amounts: dict[str, int]) -> None:
    """Several statistics counters at once, in the one lock order."""

    def place(name: str) -> tuple[int, str]:
        return (STAT_ORDER.index(name) if name in STAT_ORDER else len(STAT_ORDER), name)

    for name in sorted(amounts, key=place):
        bump(session, name, amounts[name])


def number_events(session: Session, events: list[dict[str, Any]]) -> None:
    """Give ``events`` (the columns of each ``Event`` but ``seq``) the next feed numbers, in list
    order, and insert them, in one statement.

    Call it last in the transaction (see the module docstring): the counter row stays locked until
    the commit, which is what keeps readers from ever passing an uncommitted number."""
    if not events:
        return
    session.flush()  # everything else this transaction writes goes before the lock is taken
    first = _add(session, FEED_COUNTER, len(events)) - len(events) + 1
    rows = [{**event, "seq": first + offset} for offset, event in enumerate(events)]
    session.execute(insert(table_of(Event)), rows)  # Core: no ORM bookkeeping per event
