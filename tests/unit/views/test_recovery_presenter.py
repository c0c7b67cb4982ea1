"""The IT recovery screen's presenter against a fake core: the form's checks, the core's refusal,
and the success that opens the desk."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.errors import UserMessage, describe
from app.security.wrapping import WrongPassphrase
from app.services.key_recovery import Recovered, RecoveryKeyMismatch
from views.recovery_state import RecoveryPresenter


@dataclass
class FakeRecovery:
    training: bool = False
    calls: list[tuple[str, str, str, str]] = field(default_factory=list)

    def reason(self) -> UserMessage:
        return describe(WrongPassphrase())

    def recover(self, key_path: str, key_text: str, key_password: str, new_passphrase: str) -> Recovered:
        self.calls.append((key_path, key_text, key_password, new_passphrase))
        if key_password != "usb-stick":
            raise RecoveryKeyMismatch()
        return Recovered(3, ("passphrase", "recovery"))


def test_the_form_is_checked_before_the_core_is_asked() -> None:
    core = FakeRecovery()
    presenter = RecoveryPresenter(core)
    assert presenter.reason().startswith("原因：口令不正确")
    assert (
        presenter.recover("", " ", "", "x", "x").text
        == "请填写IT恢复私钥文件路径，或粘贴恢复私钥内容（二选一）。"
    )
    assert "只需一种" in presenter.recover("/k.pem", "-----BEGIN", "", "x", "x").text
    assert presenter.recover("/k.pem", "", "", "", "").text == "请填写本机新口令并再次输入。"
    assert presenter.recover("/k.pem", "", "", "new passphrase 1", "new passphrase 2").text == (
        "两次输入的新口令不一致，请重新输入。"
    )
    assert core.calls == []
    assert not presenter.recovered


def test_a_refusal_is_worded_and_a_success_opens_the_desk() -> None:
    core = FakeRecovery()
    presenter = RecoveryPresenter(core)
    refused = presenter.recover("/k.pem", "", "wrong", "new passphrase 1", "new passphrase 1")
    assert not refused.ok
    assert "IT恢复私钥与本机不匹配" in refused.text
    assert not presenter.recovered
    done = presenter.recover("/k.pem", "", "usb-stick", "new passphrase 1", "new passphrase 1")
    assert done.ok
    assert done.text.startswith("已解锁（第3版密钥，已重新设置：口令、IT恢复密钥）")
    assert presenter.recovered
    assert core.calls[-1] == ("/k.pem", "", "usb-stick", "new passphrase 1")


def test_english_reads_english() -> None:
    presenter = RecoveryPresenter(FakeRecovery(), language="en")
    assert presenter.reason().startswith("Reason: The passphrase is wrong")
    assert presenter.recover(
        "/k.pem", "", "usb-stick", "new passphrase 1", "new passphrase 1"
    ).text.startswith("Unlocked (key version 3, now wrapped by: the passphrase, IT's recovery key)")
