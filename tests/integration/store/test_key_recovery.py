"""IT recovery of a desk whose passphrase is lost, on real SQCipher profiles: the recovery private key
(file or pasted text) unlocks it, a new passphrase is set, the desk opens with its data; a wrong
key, a short passphrase or a profile without a recovery wrap change nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from app.accounts.service import create_first_it_account
from app.errors import BizdeskError, InputRejected
from app.paths import Profile
from app.security import keyfile
from app.security.profile_keys import NoWayToUnlock, PassphraseTooShort
from app.security.recovery import RecoveryKeyUnreadable, generate
from app.security.wrapping import WrongPassphrase
from app.services.key_recovery import NoRecoveryWrap, RecoveryKeyMismatch, lost_key
from app.wiring.profile import OpenedProfile, open_profile
from app.wiring.recovery import RecoveringDesk
from tests.integration.store.conftest import PASSPHRASE

NEW_PASSPHRASE = "new desk passphrase 2026"
KEY_PASSWORD = "usb stick in the safe"


@dataclass
class OpenedDesk:
    """Stands in for ``DeskRuntime``: the profile opened as the desk would open it."""

    opened: OpenedProfile
    pages: list[Any] = field(default_factory=list)

    def main(self, page: Any) -> None:
        self.pages.append(page)

    def close(self) -> None:
        self.opened.close()


def _opener(profile: Profile, language: str, passphrase: str) -> OpenedDesk:
    return OpenedDesk(open_profile(profile, passphrase=passphrase))


@pytest.fixture
def it_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    private, public = tmp_path / "it-recovery.pem", tmp_path / "it-recovery.pub.pem"
    generate(private, public, KEY_PASSWORD)
    monkeypatch.setenv("BIZDESK_RECOVERY_PUBLIC_KEY", str(public))
    return private, public


def _lost(desk_profile: Profile) -> RecoveringDesk:
    """The desk was set up with a passphrase now forgotten; what the start-up would show."""
    with open_profile(desk_profile, passphrase=PASSPHRASE) as opened:
        create_first_it_account(opened.store.unit_of_work(), "itadmin", "IT管理员", "It-Admin-2026")
    with pytest.raises(WrongPassphrase) as failed:
        open_profile(desk_profile, passphrase="forgotten passphrase 1")
    assert lost_key(desk_profile, failed.value)
    return RecoveringDesk(desk_profile, failed.value, _opener, language="zh")


def test_it_recovers_with_the_key_file_and_the_desk_opens_with_its_data(
    desk_profile: Profile, it_keys: tuple[Path, Path]
) -> None:
    recovering = _lost(desk_profile)
    assert "口令不正确" in recovering.reason().message_zh
    done = recovering.recover(str(it_keys[0]), "", KEY_PASSWORD, NEW_PASSPHRASE)
    assert set(done.methods) == {"passphrase", "recovery"}
    assert recovering.runtime is not None
    page = object()
    recovering.main(page)  # every page is the desk from now on
    assert recovering.runtime.pages == [page]  # type: ignore[attr-defined]
    recovering.close()
    with (
        open_profile(desk_profile, passphrase=NEW_PASSPHRASE) as reopened,
        reopened.store.read_unit_of_work() as uow,
    ):
        assert uow.users.get("itadmin") is not None
        assert uow.audit_trail.verify().ok
        assert "key.recovered" in [entry.action for entry in uow.audit_trail.entries()]
    with pytest.raises(WrongPassphrase):
        open_profile(desk_profile, passphrase=PASSPHRASE)  # the old passphrase is gone


def test_the_key_can_be_pasted_and_a_profile_without_any_passphrase_is_recoverable(
    desk_profile: Profile, it_keys: tuple[Path, Path]
) -> None:
    with open_profile(desk_profile, passphrase=PASSPHRASE):
        pass
    with pytest.raises(NoWayToUnlock) as failed:
        open_profile(desk_profile)  # neither keyring nor passphrase on this machine
    assert lost_key(desk_profile, failed.value)
    recovering = RecoveringDesk(desk_profile, failed.value, _opener, language="en")
    recovering.recover("", it_keys[0].read_text(), KEY_PASSWORD, NEW_PASSPHRASE)
    recovering.close()
    with open_profile(desk_profile, passphrase=NEW_PASSPHRASE):
        pass


@pytest.mark.parametrize(
    ("form", "error"),
    [
        ({"key_path": "", "key_text": ""}, InputRejected),
        ({"key_password": "not the key password"}, RecoveryKeyUnreadable),
        ({"key_path": "/nowhere/it.pem"}, RecoveryKeyUnreadable),
        (
            {"key_text": "-----BEGIN PRIVATE KEY-----\nrubbish\n-----END PRIVATE KEY-----", "key_path": ""},
            RecoveryKeyUnreadable,
        ),
        ({"new_passphrase": "short"}, PassphraseTooShort),
        ({"foreign_key": True}, RecoveryKeyMismatch),
    ],
)
def test_a_refused_recovery_changes_nothing(
    desk_profile: Profile,
    it_keys: tuple[Path, Path],
    tmp_path: Path,
    form: dict[str, Any],
    error: type[BizdeskError],
) -> None:
    recovering = _lost(desk_profile)
    before = keyfile.path_in(desk_profile.root).read_bytes()
    values = {
        "key_path": str(it_keys[0]),
        "key_text": "",
        "key_password": KEY_PASSWORD,
        "new_passphrase": NEW_PASSPHRASE,
    }
    if form.pop("foreign_key", False):
        generate(tmp_path / "other.pem", tmp_path / "other.pub.pem", KEY_PASSWORD)
        values["key_path"] = str(tmp_path / "other.pem")
    values.update(form)
    with pytest.raises(error):
        recovering.recover(
            values["key_path"], values["key_text"], values["key_password"], values["new_passphrase"]
        )
    assert keyfile.path_in(desk_profile.root).read_bytes() == before
    assert recovering.runtime is None
    with open_profile(desk_profile, passphrase=PASSPHRASE):  # still the old passphrase's
        pass


def test_without_a_recovery_wrap_the_lost_key_is_not_recoverable(
    desk_profile: Profile, tmp_path: Path
) -> None:
    with open_profile(desk_profile, passphrase=PASSPHRASE):
        pass
    with pytest.raises(WrongPassphrase) as failed:
        open_profile(desk_profile, passphrase="forgotten passphrase 1")
    assert not lost_key(desk_profile, failed.value)  # the start-up shows the error, as before
    generate(tmp_path / "it.pem", tmp_path / "it.pub.pem")
    recovering = RecoveringDesk(desk_profile, failed.value, _opener, language="zh")
    with pytest.raises(NoRecoveryWrap):
        recovering.recover(str(tmp_path / "it.pem"), "", "", NEW_PASSPHRASE)
