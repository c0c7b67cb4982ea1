"""What the IT recovery screen asks of the core, shown when the desk cannot unlock its store because
its passphrase (or keyring) is lost and its data key is also wrapped to IT's recovery key
(``app.services.key_recovery``). ``app.wiring.recovery.RecoveringDesk`` implements it."""

from __future__ import annotations

from typing import Protocol

from app.errors import UserMessage
from app.services.key_recovery import Recovered


class RecoveryApi(Protocol):
    @property
    def training(self) -> bool: ...

    def reason(self) -> UserMessage:
        """Why the store did not open, worded for IT."""

    def recover(self, key_path: str, key_text: str, key_password: str, new_passphrase: str) -> Recovered:
        """Unlock with IT's recovery private key (its file path, or its pasted PEM text, exactly one),
        wrap the data key with ``new_passphrase`` (and the OS keyring where trusted), then open the desk.
        Refused (nothing written) for a missing, unreadable or foreign key or a short passphrase."""


__all__ = ["Recovered", "RecoveryApi"]
