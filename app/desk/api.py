"""What the desk UI asks of the core, as one Protocol.

``views`` depends on this and on nothing below it: the real implementation
(``app.desk.local.LocalDesk``, over the encrypted store) is handed to the UI by the
composition root, and UI tests may hand a fake. Every method returns plain data;
failures come back as ``app.errors`` exceptions, turned into text by ``describe``. The accounts'
types (``Role``, ``UserInfo``, ``TrainingAccount``) belong to ``app.accounts`` and are re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from app.accounts.model import Role, TrainingAccount, UserInfo
from app.desk.admin_api import AdminApi
from app.desk.cases_api import CaseDeskApi
from app.desk.flow_api import CaseFlowApi
from app.desk.training_api import TrainingApi
from app.errors import UserMessage
from app.ports import CaseSummary
from app.syncing.overview import SyncAttention as SyncAttention  # the one type, built by the core
from app.syncing.overview import SyncView as SyncView


class SyncControl(Protocol):
    """The desk process's one background sync, shared by its pages (``app.services.sync_centre``)."""

    def view(self) -> SyncView: ...

    def sync_now(self) -> None: ...


@dataclass(frozen=True)
class LoginResult:
    """``ok`` with the user, or a message saying why not (and how long to wait when locked)."""

    ok: bool
    user: UserInfo | None = None
    message: UserMessage | None = None
    retry_after_seconds: int | None = None


class DeskApi(CaseDeskApi, CaseFlowApi, AdminApi, TrainingApi, Protocol):
    @property
    def training(self) -> bool:
        """True for the training profile: the UI shows the training banner."""

    def needs_first_it_account(self) -> bool:
        """True on a new profile: the UI shows the set-up step that creates the first IT account."""

    def create_first_it_account(self, username: str, display_name: str, password: str) -> LoginResult: ...

    def login(self, username: str, password: str) -> LoginResult: ...

    def logout(self) -> None: ...

    def session_ended(self) -> bool:
        """True when the store was replaced (a restore, e.g. from another page) after this sign-in:
        the person must sign in again, against the accounts of the restored data."""

    def idle_lock_seconds(self) -> int:
        """Idle time after which the UI locks and asks for the password again (IT-configurable)."""

    def training_accounts(self) -> list[TrainingAccount]:
        """The training profile's ready-made accounts; empty on a real desk."""

    def case_summaries(self, *, status: str | None = None, limit: int = 50) -> list[CaseSummary]: ...

    def sync_overview(self) -> SyncView:
        """The sync centre's picture of the queue; read from the local profile, never the network."""

    def sync_now(self) -> None:
        """Ask the background sync for a pass as soon as it is free (returns at once)."""


__all__ = [
    "DeskApi",
    "LoginResult",
    "Role",
    "SyncAttention",
    "SyncView",
    "TrainingAccount",
    "UserInfo",
]
