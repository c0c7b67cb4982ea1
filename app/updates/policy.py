"""Pure update rules: the order of versions, who is in a staged rollout, when an update is due.

A must-update-by date respects desks that were offline: a desk cannot obey a deadline it has not
heard of, so the deadline that binds a desk is the later of the release's ``must_update_by`` and
the moment the desk first saw the release plus ``grace_days``. A desk that saw the release and then
went offline still meets its deadline, because the verified release is kept locally and applied
from there without the network.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from app.updates.documents import Rollout

_NUMBERS = re.compile(r"[0-9]+")


def version_key(version: str) -> tuple[int, ...]:
    """``"2026.12"`` -> (2026, 12); ``"0.10.1.dev3"`` -> (0, 10, 1, 3): numeric parts, in order."""
    return tuple(int(part) for part in _NUMBERS.findall(version))


def is_newer(offered: str, running: str) -> bool:
    return version_key(offered) > version_key(running)


def rollout_bucket(version: str, branch_code: str) -> int:
    """0..99, stable per (release, branch): the same branches lead a rollout each time it widens."""
    digest = hashlib.sha256(f"{version}:{branch_code}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100


def in_rollout(rollout: Rollout, version: str, branch_code: str) -> bool:
    """True for a listed (canary) branch, or one whose bucket falls under the rollout's percentage."""
    if branch_code in rollout.branches:
        return True
    return rollout_bucket(version, branch_code) < rollout.percent


def binding_deadline(
    must_update_by: dt.datetime | None, grace_days: int, first_seen: dt.datetime
) -> dt.datetime | None:
    """The deadline this desk must meet: never earlier than ``grace_days`` after it first saw the release."""
    if must_update_by is None:
        return None
    return max(must_update_by, first_seen + dt.timedelta(days=grace_days))


def is_overdue(deadline: dt.datetime | None, now: dt.datetime) -> bool:
    return deadline is not None and now >= deadline
