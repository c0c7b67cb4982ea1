"""What one desk UI session is doing, in plain Python: which screen, who is signed in, what to tell.

The Flet screens only draw this state and call these methods; every decision (which
screen follows which, when to lock, what a failed login says) is here and unit-tested
with a fake ``DeskApi``. Messages are kept as ``Notice`` data, not text, so a language
switch re-renders them in the other language.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

from app.crashlog import record_crash
from app.desk.api import DeskApi, LoginResult, TrainingAccount, UserInfo
from app.errors import BizdeskError, UserMessage, describe
from views.i18n import Strings, duration_text, message_text, normalize_language, other_language, strings
from views.idle import IdleTimer
from views.navigation import HOME, area_for_route, route_after_login
from views.sync_state import SyncLines, sync_lines

Screen = Literal["setup", "login", "shell", "locked"]
T = TypeVar("T")


@dataclass(frozen=True)
class Notice:
    """Something to tell the person: a UI string key, or a message from the core."""

    key: str | None = None
    message: UserMessage | None = None
    retry_after_seconds: int | None = None
    info: bool = False  # news, not a failure (e.g. "the data was restored"): not shown as an error
    fields: tuple[str, ...] = ()  # string keys of the fields a ``{fields}`` placeholder names

    def text(self, texts: Strings) -> str:
        if self.message is not None:
            parts = [message_text(self.message, texts.language)]
        elif self.fields:
            names = [texts.t(field) for field in self.fields]
            parts = [
                texts.t(
                    self.key or "login.failed", fields=("、" if texts.language == "zh" else ", ").join(names)
                )
            ]
        else:
            parts = [texts.t(self.key or "login.failed")]
        if self.retry_after_seconds:
            parts.append(texts.t("login.retry_after", wait=duration_text(self.retry_after_seconds, texts)))
        return " ".join(parts)


def _missing_login_key(username: str, password: str) -> str:
    """The notice naming the empty box(es) of a sign-in (on the lock screen, only the password)."""
    if not username and not password:
        return "login.missing"
    return "login.missing_username" if not username else "login.missing_password"


# Told on the login screen of every page whose sign-in a restore ended (news, not a failure).
RESTORED = Notice(key="admin.restore.signed_out", info=True)


def attempt(call: Callable[[], T]) -> tuple[T | None, Notice | None]:
    """Run a core call; an error comes back as a Notice worded by ``describe``, never raised."""
    try:
        return call(), None
    except BizdeskError as error:
        return None, Notice(message=describe(error))
    except Exception as error:  # the UI must survive anything the core throws
        record_crash(error)
        return None, Notice(message=describe(error))


class DeskSession:
    def __init__(self, desk: DeskApi, *, language: str = "zh", clock: Callable[[], float] = time.monotonic):
        self.desk = desk
        self.language = normalize_language(language)
        self.screen: Screen = "login"
        self.user: UserInfo | None = None
        self.route = HOME.route
        self.notice: Notice | None = None
        self.locked_by_idle = False
        self.last_username = ""
        self._clock = clock
        self.idle = IdleTimer(0, clock)

    @property
    def training(self) -> bool:
        return bool(self.desk.training)

    @property
    def texts(self) -> Strings:
        return strings(self.language)

    def start(self, route: str | None = None) -> None:
        """Pick the first screen: the set-up step on a new profile, else the login screen."""
        self.request_route(route)
        limit, _ = attempt(self.desk.idle_lock_seconds)
        self.idle = IdleTimer(limit or 0, self._clock)
        needs_setup, self.notice = attempt(self.desk.needs_first_it_account)
        self.screen = "setup" if needs_setup else "login"

    def toggle_language(self) -> None:
        self.language = other_language(self.language)

    def request_route(self, route: str | None) -> bool:
        """Remember where the person is headed; True when it is a known area route."""
        if area_for_route(route) is None:
            return False
        self.route = route or HOME.route
        return True

    def training_accounts(self) -> list[TrainingAccount]:
        if not self.training:
            return []
        accounts, _ = attempt(self.desk.training_accounts)
        return accounts or []

    def sign_in(self, username: str, password: str) -> bool:
        username = username.strip()
        self.last_username = username
        if not username or not password:
            self.notice = Notice(key=_missing_login_key(username, password))
            return False
        return self._accept(attempt(lambda: self.desk.login(username, password)))

    def create_first_account(self, username: str, display_name: str, password: str, confirm: str) -> bool:
        username, display_name = username.strip(), display_name.strip()
        typed = {
            "setup.username": username,
            "setup.display_name": display_name,
            "setup.password": password,
            "setup.confirm": confirm,
        }
        missing = tuple(key for key, value in typed.items() if not value)
        if missing:
            self.notice = Notice(key="setup.missing", fields=missing)
            return False
        if password != confirm:
            self.notice = Notice(key="setup.mismatch")
            return False
        self.last_username = username
        return self._accept(
            attempt(lambda: self.desk.create_first_it_account(username, display_name, password))
        )

    def unlock(self, password: str) -> bool:
        if self.user is None or self.screen != "locked":
            return False
        return self.sign_in(self.user.username, password)

    def lock(self, *, idle: bool = False) -> None:
        """Hide the work and forget the sign-in; only the same person's password opens it again."""
        if self.screen != "shell":
            return
        attempt(self.desk.logout)
        self.screen, self.locked_by_idle, self.notice = "locked", idle, None

    def lock_if_idle(self) -> bool:
        if self.screen == "shell" and self.idle.expired():
            self.lock(idle=True)
            return True
        return False

    def end_if_replaced(self) -> bool:
        """Back to the login when the desk's data was restored since this sign-in (in another page):
        nothing more is shown or saved as a person of the data set aside. True when it ended."""
        if self.screen not in ("shell", "locked"):
            return False
        ended, _ = attempt(self.desk.session_ended)
        if ended:
            self.sign_out(notice=RESTORED)
        return bool(ended)

    def sign_out(self, *, notice: Notice | None = None) -> None:
        """Back to the login (``notice`` on it); a locked page's sign-in ended when it locked."""
        if self.screen == "shell":
            attempt(self.desk.logout)
        self.user, self.screen, self.notice, self.locked_by_idle = None, "login", notice, False

    def sync_lines(self) -> tuple[SyncLines | None, Notice | None]:
        """The 同步中心's texts in the current language, or why they cannot be read."""
        view, failure = attempt(self.desk.sync_overview)
        return (sync_lines(view, self.texts), None) if view is not None else (None, failure)

    def sync_now(self) -> Notice | None:
        self.idle.touch()
        _, failure = attempt(self.desk.sync_now)
        return failure

    def _accept(self, outcome: tuple[LoginResult | None, Notice | None]) -> bool:
        result, failure = outcome
        if result is None or not result.ok or result.user is None:
            self.notice = failure or Notice(
                message=result.message if result else None,
                retry_after_seconds=result.retry_after_seconds if result else None,
            )
            return False
        self.user, self.screen, self.notice, self.locked_by_idle = result.user, "shell", None, False
        self.route = route_after_login(self.route)
        self.idle.touch()
        return True
