"""An in-memory ``DeskApi`` for UI tests: accounts, lockout after failures, training accounts, cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from app.desk.api import LoginResult, SyncView, TrainingAccount, UserInfo
from app.errors import AuthError, ProfileError, UserMessage
from app.ports import CaseHit, CaseSummary
from app.services.case_page import CasePage
from app.services.case_search import SearchRequest, SearchResult
from app.services.packet import FORMS_AND_RECEIPT, Packet, PacketParts
from app.services.submission import SubmitResult
from app.services.today import TodayBoard
from tests.unit.views.fake_cases import FakeCases

WRONG_PASSWORD = UserMessage(
    code="auth.wrong_password",
    title_zh="登录失败",
    message_zh="用户名或密码不正确，请重新输入。",
    title_en="Sign-in failed",
    message_en="Wrong username or password; type them again.",
)
LOCKED_OUT = UserMessage(
    code="auth.locked",
    title_zh="账号已锁定",
    message_zh="连续输错密码次数过多，账号已暂时锁定。",
    title_en="Account locked",
    message_en="Too many wrong passwords: the account is locked for a while.",
)


def idle_sync(**changes: object) -> SyncView:
    """An enrolled desk with an empty queue that has never synced; ``changes`` override fields."""
    view = SyncView(
        enrolled=True,
        platform_url="http://127.0.0.1:9",
        running=False,
        waiting=0,
        pending=0,
        accepted=0,
        completed=0,
        needs_correction=0,
        rejected=0,
        quarantined=0,
        last_attempt_at=None,
        last_success_at=None,
        next_attempt_at=None,
        problem=None,
    )
    return replace(view, **changes)  # type: ignore[arg-type]


@dataclass
class FakeDesk:
    training: bool = False
    idle_seconds: int = 600
    max_failures: int = 3
    lockout_seconds: int = 300
    users: dict[str, tuple[str, UserInfo]] = field(default_factory=dict)
    cases: list[CaseSummary] = field(default_factory=list)
    accounts: list[TrainingAccount] = field(default_factory=list)
    failures: dict[str, int] = field(default_factory=dict)
    signed_in: UserInfo | None = None
    replaced: bool = False  # the store was restored under this sign-in (from another page)
    calls: list[str] = field(default_factory=list)
    sync: SyncView = field(default_factory=idle_sync)
    case_desk: FakeCases = field(default_factory=FakeCases)
    # The desk's clock: a fixed instant (Friday 14:00 in Shouguang, inside working hours), so what "today"
    # holds does not depend on when the tests run.
    now: dt.datetime = dt.datetime(2026, 11, 27, 6, 0, tzinfo=dt.UTC)

    def add_user(self, username: str, password: str, display_name: str, role: str = "clerk") -> UserInfo:
        user = UserInfo(username, display_name, role)  # type: ignore[arg-type]
        self.users[username] = (password, user)
        self.case_desk.passwords[username] = password
        return user

    def today_board(self) -> TodayBoard:
        return self.case_desk.today_board(self.signed_in, self.now)

    def search_cases(self, request: SearchRequest) -> SearchResult:
        self.calls.append(f"search:{request.key}")
        return self.case_desk.search(self.signed_in, request)

    def case_page(self, case_id: str) -> CasePage:
        return self.case_desk.page(self.signed_in, case_id)

    def resubmit_correction(self, case_id: str, service: str, changes: dict[str, str]) -> SubmitResult:
        return self.case_desk.resubmit(self.signed_in, case_id, service, changes)

    def case_packet(self, case_id: str, parts: PacketParts = FORMS_AND_RECEIPT) -> Packet:
        self.calls.append(f"packet:{case_id}:{'forms' if parts.forms else 'receipt'}:{parts.guides}")
        self.case_desk.page(self.signed_in, case_id)
        if self.case_desk.packet is None:
            raise ProfileError("本机未安装表格打印组件。", "No form printer here.", code="packet.unavailable")
        return self.case_desk.packet

    def save_pdf(self, pdf: bytes, path: str) -> Path:
        self.case_desk.saved.append((path, pdf))
        return Path(path)

    def export_case(self, case_id: str, password: str, path: str) -> Path:
        return self.case_desk.export(self.signed_in, case_id, password, path)

    def default_export_folder(self) -> Path:
        return Path("/tmp/bizdesk-exports")

    def needs_first_it_account(self) -> bool:
        return not self.users

    def create_first_it_account(self, username: str, display_name: str, password: str) -> LoginResult:
        self.calls.append("create_first_it_account")
        if self.users:
            raise AssertionError("the first IT account exists already")
        self.signed_in = self.add_user(username, password, display_name, "it")
        return LoginResult(ok=True, user=self.signed_in)

    def login(self, username: str, password: str) -> LoginResult:
        self.calls.append(f"login:{username}")
        if self.failures.get(username, 0) >= self.max_failures:
            return LoginResult(ok=False, message=LOCKED_OUT, retry_after_seconds=self.lockout_seconds)
        stored = self.users.get(username)
        if stored is None or stored[0] != password:
            self.failures[username] = self.failures.get(username, 0) + 1
            return LoginResult(ok=False, message=WRONG_PASSWORD)
        self.failures.pop(username, None)
        self.signed_in = stored[1]
        return LoginResult(ok=True, user=stored[1])

    def logout(self) -> None:
        self.calls.append("logout")
        self.signed_in = None

    def session_ended(self) -> bool:
        return self.replaced

    def idle_lock_seconds(self) -> int:
        return self.idle_seconds

    def training_accounts(self) -> list[TrainingAccount]:
        return list(self.accounts) if self.training else []

    def case_summaries(self, *, status: str | None = None, limit: int = 50) -> list[CaseSummary]:
        chosen = [case for case in self.cases if status is None or case.status == status]
        return sorted(chosen, key=lambda case: case.updated_at, reverse=True)[:limit]

    def sync_overview(self) -> SyncView:
        if self.signed_in is None:
            raise AuthError("请先登录。", "Log in first.", code="auth.signed_out")
        return self.sync

    def sync_now(self) -> None:
        """A pass that sends everything queued at once and succeeds."""
        if self.signed_in is None:
            raise AuthError("请先登录。", "Log in first.", code="auth.signed_out")
        self.calls.append("sync_now")
        sent = self.sync.waiting + self.sync.pending
        self.sync = replace(
            self.sync,
            waiting=0,
            pending=0,
            accepted=self.sync.accepted + sent,
            last_attempt_at=dt.datetime.now(dt.UTC),
            last_success_at=dt.datetime.now(dt.UTC),
            problem=None,
        )


def training_desk() -> FakeDesk:
    """A training desk with one clerk account and two fictitious cases (today and last week), listed
    (``case_summaries``) and found (``search_cases``, ``today_board``) alike."""
    desk = FakeDesk(training=True)
    desk.add_user("trainee1", "Train-2026", "培训学员一", "clerk")
    desk.accounts.append(TrainingAccount("trainee1", "Train-2026", "clerk"))
    now = dt.datetime.now(dt.UTC)
    desk.cases += [
        CaseSummary(
            "SG-T-0001",
            "寿光市䶮鑫蔬菜种植有限公司",
            "有限责任公司",
            "draft",
            updated_at=now,
            fictitious=True,
        ),
        CaseSummary(
            "SG-T-0002",
            "寿光市晨光物流有限公司",
            "有限责任公司",
            "submitted",
            updated_at=now - dt.timedelta(days=7),
            fictitious=True,
        ),
    ]
    # The same two cases as the 今日受理 board and the 案卷查询 screen find them.
    desk.case_desk.hits = [
        CaseHit(
            case.case_id,
            case.company_name,
            "llc",
            case.status,
            {},
            case.updated_at,
            case.updated_at,
            fictitious=True,
        )
        for case in desk.cases
    ]
    return desk
