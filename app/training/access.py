"""What the 培训 area is for the signed-in account: the one decision the area's screens draw.

On a real desk the area only says where training runs (``elsewhere``), whoever is signed in. On the
training desk a trainer (``training.manage``) sees the scenarios and the trainer's panel, an account
that does case work (a clerk: the trainee) practises the scenarios, and any other account (IT, which
does no case work: separation of duties) finds the area ``locked``; the core refuses its calls too.
"""

from __future__ import annotations

from typing import Literal

from app.accounts.roles import can

TrainingView = Literal["elsewhere", "locked", "trainee", "trainer"]
PRACTICE = "case.create"  # practising a scenario is case work on fictitious cases


def training_view(role: str | None, *, training: bool) -> TrainingView:
    """The area for ``role`` (None: nobody signed in) on a training desk or a real one."""
    if not training:
        return "elsewhere"
    if role is not None and can(role, "training.manage"):
        return "trainer"
    if role is not None and can(role, PRACTICE):
        return "trainee"
    return "locked"
