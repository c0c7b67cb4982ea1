"""Failed sign-ins under names that have no account, counted and locked like an account's.

Without this, five wrong tries lock a real account ("账户已被暂时锁定") and never an invented one, so
anyone at the PC could tell which names exist. Each ``bizdesk`` command is a process of its own, so
the count lives in the encrypted store beside the accounts (``UserStore.unknown_failures``), in the
same transaction as the audit entry of the failure: an invented name locks at the same try as a real
one, from the CLI as from the desk. It is keyed by a SHA-256 of the name (trimmed, case-folded), not
the name: nothing a stranger typed is kept as typed. At most ``LIMIT`` names are kept, the oldest
forgotten first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from app.accounts.model import UserStore
from app.accounts.passwords import lock_seconds, remaining_seconds

LIMIT = 1000


def name_key(name: str) -> str:
    """What the store keeps for ``name``: a hash, never the name."""
    return hashlib.sha256(name.strip().casefold().encode("utf-8")).hexdigest()


def _entry(counts: dict[str, Any], key: str) -> tuple[int, dt.datetime | None]:
    found = counts.get(key)
    if not isinstance(found, list) or len(found) != 2 or not isinstance(found[0], int):
        return 0, None
    until = dt.datetime.fromisoformat(found[1]) if isinstance(found[1], str) else None
    return found[0], until


class UnknownNames:
    """The failures of names with no account, in the store the caller's unit of work holds."""

    def __init__(self, limit: int = LIMIT) -> None:
        self._limit = limit

    def waiting(self, users: UserStore, name: str, now: dt.datetime) -> int:
        """Seconds ``name`` is still locked for (0: not locked)."""
        _, until = _entry(users.unknown_failures(), name_key(name))
        return remaining_seconds(until, now)

    def fail(self, users: UserStore, name: str, now: dt.datetime) -> int:
        """Count one more failure of ``name``; the seconds it is now locked for (0: not locked).
        Saved in the caller's transaction (committed with the ``login.failed`` audit entry)."""
        key, counts = name_key(name), dict(users.unknown_failures())
        failures = _entry(counts, key)[0] + 1
        seconds = lock_seconds(failures)
        counts.pop(key, None)  # re-inserted last: the newest stays when the oldest are forgotten
        until = now + dt.timedelta(seconds=seconds) if seconds else None
        counts[key] = [failures, until.isoformat() if until else None]
        while len(counts) > self._limit:
            del counts[next(iter(counts))]
        users.save_unknown_failures(counts)
        return seconds
