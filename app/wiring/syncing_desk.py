"""``SyncingDesk``: the ``DeskApi`` facade of one page, the profile's ``LocalDesk`` plus the shared
sync centre."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.accounts.model import TrainingAccount, UserInfo
from app.desk.api import LoginResult, SyncView
from app.desk.flow_forward import ForwardedFlow
from app.desk.local_cases import DeskProfile, LocalCaseDesk
from app.desk.training_forward import ForwardedTraining
from app.ports import CaseSummary
from app.services.packet import PacketRenderer
from app.wiring.desk_operations import DelegatedAdmin

if TYPE_CHECKING:
    from app.desk.local import LocalDesk
    from app.wiring.sync_hub import DeskSyncHub


class SyncingDesk(LocalCaseDesk, ForwardedFlow, DelegatedAdmin, ForwardedTraining):
    """The ``DeskApi`` of one page: the profile's ``LocalDesk`` plus the shared sync centre; the case
    screens' calls (``LocalCaseDesk``) run on the same profile, sign-in and renderer, the 新办企业 flow's
    are forwarded to the page's ``LocalDesk``."""

    def __init__(self, desk: LocalDesk, syncing: DeskSyncHub) -> None:
        self._desk, self._syncing = desk, syncing

    def _flow(self) -> LocalDesk:
        return self._desk

    def _training(self) -> LocalDesk:
        return self._desk

    @property
    def packet_renderer(self) -> PacketRenderer | None:  # type: ignore[override]  # the page desk's
        return self._desk.packet_renderer

    @property
    def _opened(self) -> DeskProfile:  # type: ignore[override]  # read through the page's LocalDesk
        return self._desk._opened

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

    def session_ended(self) -> bool:
        return self._desk.session_ended()

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

    def _signed_in(self) -> UserInfo:
        return self._desk.require_user()
