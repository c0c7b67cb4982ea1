"""IT recovery in the real desk: its passphrase lost, the desk starts on the IT recovery screen; IT
gives the recovery private key and a new passphrase, and the same page becomes the desk's login."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from app.security.recovery import generate
from tests.e2e.forms import SIGN_IN_INCOMPLETE, submit_until
from tests.e2e.harness import ROOT, AppServer, expect_text, free_port, open_app, screenshot, server_env

pytestmark = pytest.mark.e2e

# The recovery's answers when a box was empty (views/recovery_state.py): nothing was tried.
INCOMPLETE = re.compile(
    "^(请填写IT恢复私钥文件路径，或粘贴恢复私钥内容（二选一）。|请填写本机新口令并再次输入。)$"
)

KEY_PASSWORD = "usb-stick-in-the-safe"
IT_PASSWORD = "Shouguang-IT-2026"
NEW_PASSPHRASE = "new-desk-passphrase-2026"


@pytest.fixture(scope="module")
def lost_desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A real desk set up with a passphrase and IT's recovery key, started with a passphrase that is
    not its own (the real one was lost); the address and IT's private key file."""
    home, keys = tmp_path_factory.mktemp("bizdesk-home"), tmp_path_factory.mktemp("it-keys")
    private = keys / "it-recovery.pem"
    generate(private, keys / "it-recovery.pub.pem", KEY_PASSWORD)
    env = server_env(home, BIZDESK_RECOVERY_PUBLIC_KEY=str(keys / "it-recovery.pub.pem"))
    first_account = [sys.executable, "-m", "app", "user", "add", "it.wang", "--role", "it", "--name", "王工"]
    done = subprocess.run(  # no timeout: a busy machine may take long (pytest-timeout guards a hang)
        first_account,
        cwd=ROOT,
        env={**env, "BIZDESK_NEW_PASSWORD": IT_PASSWORD},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    lost = {**env, "BIZDESK_PASSPHRASE": "not-the-passphrase-2026"}
    command = ["-m", "app", "run", "--web", "--port", str(free_port())]
    with AppServer(command, lost, home / "server-stderr.log") as server:
        yield server.url, private


def test_it_recovers_a_desk_whose_passphrase_is_lost(page: Page, lost_desk: tuple[str, Path]) -> None:
    url, private = lost_desk
    open_app(page, url)
    expect_text(page, "IT恢复：本机数据无法解锁")
    expect_text(page, "口令不正确")  # why it did not open
    screenshot(page, "key_recovery_screen")
    form = {
        "IT恢复私钥文件路径（PEM）": str(private),
        "恢复私钥的密码（没有则留空）": "not-the-key-password",
        "本机新口令（至少10个字符）": NEW_PASSPHRASE,
        "再次输入新口令": NEW_PASSPHRASE,
    }
    submit_until(page, form, "无法读取恢复密钥文件", INCOMPLETE)  # refused: nothing changed
    form["恢复私钥的密码（没有则留空）"] = KEY_PASSWORD
    submit_until(page, form, "柜台登录", INCOMPLETE)  # the same page, now the desk
    screenshot(page, "key_recovered")
    submit_until(page, {"用户名": "it.wang", "密码": IT_PASSWORD}, "切换功能区", SIGN_IN_INCOMPLETE)
