"""What a new profile holds besides its keys and device identity: its creation in the audit trail and,
in the training profile, the ready-made training accounts (listed on the login screen)."""

from __future__ import annotations

from app.accounts.service import add_training_accounts
from app.unit_of_work import UnitOfWork


def set_up_profile(uow: UnitOfWork, *, name: str) -> None:
    """In the caller's transaction (the one that keeps the new device identity)."""
    uow.audit.append("profile.create", actor=None, details={"profile": name})
    if uow.training:
        add_training_accounts(uow)
