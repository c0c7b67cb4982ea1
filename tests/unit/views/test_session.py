"""The desk UI session: which screen follows which, what a refused login says, when the desk locks."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ProfileError
from tests.unit.views.fake_desk import FakeDesk, training_desk
from views.navigation import HOME
from views.session import DeskSession


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _screen(session: DeskSession) -> str:
    """The current screen, read fresh (mypy would keep an earlier narrowing across method calls)."""
    return session.screen


def _signed_in(desk: FakeDesk | None = None, clock: Clock | None = None) -> DeskSession:
    session = DeskSession(desk or training_desk(), clock=clock or Clock())
    session.start("/")
    assert session.sign_in("trainee1", "Train-2026")
    return session


def test_new_profile_starts_with_the_first_it_account_step() -> None:
    session = DeskSession(FakeDesk())
    session.start("/")
    assert _screen(session) == "setup"


def test_existing_profile_starts_at_login() -> None:
    session = DeskSession(training_desk())
    session.start("/")
    assert _screen(session) == "login"
    assert session.notice is None


def test_wrong_password_keeps_the_login_screen_with_the_core_message() -> None:
    session = DeskSession(training_desk())
    session.start()
    assert not session.sign_in("trainee1", "nope")
    assert _screen(session) == "login"
    assert session.user is None
    assert session.notice is not None
    assert session.notice.text(session.texts) == "用户名或密码不正确，请重新输入。"
    session.toggle_language()
    assert session.notice.text(session.texts) == "Wrong username or password; type them again."
    assert session.last_username == "trainee1"


def test_lockout_says_how_long_to_wait() -> None:
    desk = training_desk()
    session = DeskSession(desk)
    session.start()
    for _ in range(desk.max_failures):
        session.sign_in("trainee1", "nope")
    assert not session.sign_in("trainee1", "Train-2026")
    assert session.notice is not None
    text = session.notice.text(session.texts)
    assert "账号已暂时锁定" in text
    assert "请在5分钟后再试。" in text


def test_empty_fields_are_caught_before_the_core_is_asked() -> None:
    desk = training_desk()
    session = DeskSession(desk)
    session.start()
    assert not session.sign_in("  ", "x")
    assert not session.sign_in("trainee1", "")
    assert desk.calls == []
    assert session.notice is not None
    assert session.notice.text(session.texts) == "请输入密码。"  # the box that was empty


def test_successful_login_opens_the_shell_where_the_clerk_was_headed() -> None:
    session = DeskSession(training_desk(), clock=Clock())
    session.start("/cases/SG-T-0002")
    assert session.sign_in(" trainee1 ", "Train-2026")
    assert _screen(session) == "shell"
    assert session.user is not None
    assert session.user.display_name == "培训学员一"
    assert session.route == "/cases/SG-T-0002"


def test_login_from_the_root_goes_home() -> None:
    assert _signed_in().route == HOME.route


def test_first_it_account_checks_input_then_signs_in() -> None:
    desk = FakeDesk()
    session = DeskSession(desk)
    session.start()
    assert not session.create_first_account("it", "王䶮", "Secret-1", "")
    assert session.notice is not None
    assert session.notice.key == "setup.missing"
    assert session.notice.text(session.texts) == "请填写：再次输入密码。"  # names the empty box
    assert not session.create_first_account("", "王䶮", "", "Secret-2")
    assert session.notice.text(session.texts) == "请填写：管理员用户名、设置密码。"
    assert not session.create_first_account("it", "王䶮", "Secret-1", "Secret-2")
    assert session.notice.key == "setup.mismatch"
    assert desk.calls == []
    assert session.create_first_account("it", "王䶮", "Secret-1", "Secret-1")
    assert _screen(session) == "shell"
    assert session.user is not None
    assert session.user.role == "it"


def test_idle_lock_signs_out_in_the_core_and_only_the_password_unlocks() -> None:
    clock = Clock()
    desk = training_desk()
    desk.idle_seconds = 60
    session = _signed_in(desk, clock)
    clock.now += 59
    assert not session.lock_if_idle()
    clock.now += 1
    assert session.lock_if_idle()
    assert _screen(session) == "locked"
    assert session.locked_by_idle
    assert desk.signed_in is None
    assert not session.unlock("wrong")
    assert _screen(session) == "locked"
    assert session.unlock("Train-2026")
    assert _screen(session) == "shell"
    assert not session.locked_by_idle
    assert not session.lock_if_idle()


def test_a_page_signed_in_before_a_restore_elsewhere_goes_back_to_the_login() -> None:
    desk = training_desk()
    session = _signed_in(desk)
    assert not session.end_if_replaced()
    assert _screen(session) == "shell"
    desk.replaced = True  # IT restored a backup in another page
    assert session.end_if_replaced()
    assert _screen(session) == "login"
    assert session.user is None
    assert desk.signed_in is None
    assert session.notice is not None
    assert session.notice.info
    assert "已从备份恢复" in session.notice.text(session.texts)
    assert not session.end_if_replaced()  # once: the login screen stays


def test_a_page_locked_while_the_data_was_restored_goes_back_to_the_login() -> None:
    desk = training_desk()
    session = _signed_in(desk)
    session.lock()
    assert _screen(session) == "locked"
    desk.replaced = True  # IT restored a backup in another page while this one was locked
    assert session.end_if_replaced()
    assert _screen(session) == "login"
    assert session.notice is not None
    assert session.notice.info


def test_activity_postpones_the_idle_lock() -> None:
    clock = Clock()
    desk = training_desk()
    desk.idle_seconds = 60
    session = _signed_in(desk, clock)
    clock.now += 50
    session.idle.touch()
    clock.now += 50
    assert not session.lock_if_idle()


def test_idle_lock_only_applies_to_the_shell() -> None:
    clock = Clock()
    desk = training_desk()
    desk.idle_seconds = 1
    session = DeskSession(desk, clock=clock)
    session.start()
    clock.now += 100
    assert not session.lock_if_idle()
    assert _screen(session) == "login"


def test_switch_user_from_the_lock_screen() -> None:
    session = _signed_in()
    session.lock()
    assert _screen(session) == "locked"
    assert not session.locked_by_idle
    session.sign_out()
    assert _screen(session) == "login"
    assert session.user is None


def test_sign_out_tells_the_core() -> None:
    desk = training_desk()
    session = _signed_in(desk)
    session.sign_out()
    assert desk.calls[-1] == "logout"
    assert _screen(session) == "login"


def test_core_errors_become_notices_through_describe() -> None:
    desk = training_desk()

    def broken(username: str, password: str) -> None:
        raise ProfileError("本机数据无法打开，请联系IT支持。", "The local profile cannot be opened; call IT.")

    desk.login = broken  # type: ignore[method-assign,assignment]
    session = DeskSession(desk)
    session.start()
    assert not session.sign_in("trainee1", "x")
    assert session.notice is not None
    assert session.notice.text(session.texts) == "本机数据无法打开，请联系IT支持。"


def test_unexpected_errors_are_logged_and_worded_without_details(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BIZDESK_HOME", str(tmp_path))
    desk = training_desk()

    def broken(username: str, password: str) -> None:
        raise RuntimeError("secret 11010519491231002X")

    desk.login = broken  # type: ignore[method-assign,assignment]
    session = DeskSession(desk)
    session.start()
    assert not session.sign_in("trainee1", "x")
    assert session.notice is not None
    text = session.notice.text(session.texts)
    assert "意外错误" in text
    assert "11010519491231002X" not in text
    assert "RuntimeError" in (tmp_path / "logs" / "crash.log").read_text(encoding="utf-8")


def test_training_accounts_only_in_training() -> None:
    session = DeskSession(training_desk())
    assert [account.username for account in session.training_accounts()] == ["trainee1"]
    real = FakeDesk(training=False)
    real.accounts = list(training_desk().accounts)
    assert DeskSession(real).training_accounts() == []


def test_request_route_ignores_unknown_routes() -> None:
    session = DeskSession(training_desk())
    assert session.request_route("/sync")
    assert not session.request_route("/nowhere")
    assert session.route == "/sync"


def test_start_survives_a_core_that_cannot_answer() -> None:
    desk = FakeDesk()

    def broken() -> bool:
        raise ProfileError("无法打开本机数据。", "Cannot open the profile.")

    desk.needs_first_it_account = broken  # type: ignore[method-assign]
    session = DeskSession(desk)
    session.start()
    assert _screen(session) == "login"
    assert session.notice is not None
    assert session.notice.text(session.texts) == "无法打开本机数据。"


def test_a_sign_in_with_an_empty_box_names_that_box() -> None:
    session = DeskSession(FakeDesk())
    session.start()
    assert not session.sign_in("clerk", "")
    assert session.notice is not None
    assert session.notice.text(session.texts) == "请输入密码。"
    assert not session.sign_in("  ", "secret")
    assert session.notice.text(session.texts) == "请输入用户名。"
    assert not session.sign_in("", "")
    assert session.notice.text(session.texts) == "请输入用户名和密码。"
    session.toggle_language()
    assert session.notice.text(session.texts) == "Enter your username and password."
