"""``LocalDesk``: the ``DeskApi`` the UI talks to, over the encrypted local profile."""

from __future__ import annotations

from app.accounts import service as accounts
from app.accounts.model import TrainingAccount, UserInfo
from app.desk.api import LoginResult, SyncControl, SyncView
from app.desk.local_admin import LocalAdmin
from app.desk.local_cases import DeskProfile
from app.desk.local_flow import LocalFlow
from app.desk.local_training import LocalTraining
from app.errors import AuthError, BizdeskError, PlatformError, describe
from app.idcard import IdCardReader
from app.ports import CaseSummary
from app.services.packet import PacketRenderer
from app.store.settings_repo import IDLE_LOCK_SECONDS

__all__ = ["DeskProfile", "LocalDesk"]


class LocalDesk(LocalFlow, LocalAdmin, LocalTraining):
    """One desk session (one page): at most one logged-in user at a time.

    The ID card reader, the packet renderer and the process's background sync are handed in by the
    composition root (None: the desk says it has none when asked to read, print or sync).
    """

    def __init__(
        self,
        opened: DeskProfile,
        *,
        reader: IdCardReader | None = None,
        renderer: PacketRenderer | None = None,
        syncing: SyncControl | None = None,
    ) -> None:
        self._opened: DeskProfile = opened
        self.user: UserInfo | None = None
        self._signed_in_generation = opened.generation
        self.reader, self.packet_renderer, self.syncing = reader, renderer, syncing

    @property
    def training(self) -> bool:
        return self._opened.training

    def needs_first_it_account(self) -> bool:
        return accounts.needs_first_it_account(self._opened.unit_of_work())

    def create_first_it_account(self, username: str, display_name: str, password: str) -> LoginResult:
        try:
            self._signed_in_generation = self._opened.generation
            self.user = accounts.create_first_it_account(
                self._opened.unit_of_work(), username, display_name, password
            )
        except BizdeskError as error:
            return LoginResult(ok=False, message=describe(error))
        return LoginResult(ok=True, user=self.user)

    def login(self, username: str, password: str) -> LoginResult:
        try:
            self._signed_in_generation = self._opened.generation
            self.user = accounts.login(self._opened.unit_of_work(), username, password)
        except accounts.LoginRefused as refused:
            self.user = None
            return LoginResult(
                ok=False, message=describe(refused), retry_after_seconds=refused.retry_after_seconds
            )
        return LoginResult(ok=True, user=self.user)

    def logout(self) -> None:
        if self.user is not None and not self.session_ended():
            with self._opened.unit_of_work() as uow:
                uow.audit.append("logout", actor=self.user.username)
                uow.commit()
        self.user = None

    def idle_lock_seconds(self) -> int:
        with self._opened.read_unit_of_work() as uow:
            return uow.settings.get_int(IDLE_LOCK_SECONDS)

    def training_accounts(self) -> list[TrainingAccount]:
        return list(accounts.TRAINING_ACCOUNTS) if self.training else []

    def case_summaries(self, *, status: str | None = None, limit: int = 50) -> list[CaseSummary]:
        self._signed_in()
        with self._opened.read_unit_of_work() as uow:
            return uow.cases.list(status=status, limit=limit)

    def sync_overview(self) -> SyncView:
        self._signed_in()
        return self._sync().view()

    def sync_now(self) -> None:
        self._signed_in()
        self._sync().sync_now()

    def _sync(self) -> SyncControl:
        if self.syncing is None:
            raise PlatformError(
                "本窗口未连接同步服务，请重新启动 bizdesk。",
                "This window has no sync service; restart bizdesk.",
                code="sync.not_connected",
            )
        return self.syncing

    def session_ended(self) -> bool:
        """The store was replaced since the last sign-in (also while the page is locked)."""
        return self._opened.generation != self._signed_in_generation

    def _signed_in(self) -> UserInfo:
        if self.user is not None and self.session_ended():
            self.user = None
            raise AuthError(
                "本机数据已从备份恢复，请重新登录。",
                "This desk's data was restored from a backup; sign in again.",
                code="auth.data_restored",
            )
        if self.user is None:
            raise AuthError("请先登录。", "Log in first.", code="auth.signed_out")
        return self.user
