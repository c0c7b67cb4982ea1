"""``SyncingDesk``: the ``DeskApi`` facade of one page, the profile's ``LocalDesk`` plus the shared
sync centre."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.accounts.model import TrainingAccount
from app.desk.api import LoginResult, SyncView
from app.errors import AuthError
from app.ports import CaseSummary

if TYPE_CHECKING:
    from app.desk.local import LocalDesk
    from app.wiring.sync_hub import DeskSyncHub


class SyncingDesk:
    """The ``DeskApi`` of one page: the profile's ``LocalDesk`` plus the shared sync centre."""

    def __init__(self, desk: LocalDesk, syncing: DeskSyncHub) -> None:
        self._desk, self._syncing = desk, syncing

    @property
    def training(self) -> bool:
        return self._desk.training

    def needs_first_it_account(self) -> bool:
        return self._desk.needs_first_it_account()

    def create_first_it_account(self, username: str, display_name: str, password: str) -> LoginResult:
        return self._desk.create_first_it_account(username, display_name, password)

    def login(self, username: str, password: str) -> LoginResult:
        return self._desk.login(username, password)

    def logout(self) -> None:
        self._desk.logout()

    def idle_lock_seconds(self) -> int:
        return self._desk.idle_lock_seconds()

    def training_accounts(self) -> list[TrainingAccount]:
        return self._desk.training_accounts()

    def case_summaries(self, *, status: str | None = None, limit: int = 50) -> list[CaseSummary]:
        return self._desk.case_summaries(status=status, limit=limit)

    def sync_overview(self) -> SyncView:
        self._signed_in()
        return self._syncing.view()

    def sync_now(self) -> None:
        self._signed_in()
        self._syncing.sync_now()

    def _signed_in(self) -> None:
        if self._desk.user is None:
            raise AuthError("请先登录。", "Log in first.", code="auth.signed_out")
