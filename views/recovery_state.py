"""The IT recovery screen's presenter: what it says and what 用恢复私钥解锁 does, without a browser.

The screen is shown instead of the login when the desk's store did not unlock because its key is
lost (``app.desk.recovery_api``). Every text is in the current language; a refusal from the core is
worded by ``describe`` and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.desk.recovery_api import RecoveryApi
from views.i18n import Strings, message_text, strings
from views.session import attempt


@dataclass(frozen=True)
class RecoveryOutcome:
    ok: bool
    text: str


class RecoveryPresenter:
    def __init__(self, api: RecoveryApi, *, language: str = "zh") -> None:
        self.api = api
        self.texts: Strings = strings(language)
        self.recovered = False

    def t(self, key: str, **values: object) -> str:
        return self.texts.t(key, **values)

    def reason(self) -> str:
        return self.t("recovery.reason", reason=message_text(self.api.reason(), self.texts.language))

    def recover(
        self, key_path: str, key_text: str, key_password: str, passphrase: str, repeated: str
    ) -> RecoveryOutcome:
        """Check the form, then ask the core; on success the desk is open (``recovered``)."""
        if not (key_path.strip() or key_text.strip()):
            return RecoveryOutcome(False, self.t("recovery.missing_key"))
        if key_path.strip() and key_text.strip():
            return RecoveryOutcome(False, self.t("recovery.both_keys"))
        if not (passphrase and repeated):
            return RecoveryOutcome(False, self.t("recovery.missing_passphrase"))
        if passphrase != repeated:
            return RecoveryOutcome(False, self.t("recovery.mismatch"))
        done, failure = attempt(lambda: self.api.recover(key_path, key_text, key_password, passphrase))
        if done is None:
            return RecoveryOutcome(False, failure.text(self.texts) if failure else "")
        self.recovered = True
        separator = "、" if self.texts.language == "zh" else ", "
        methods = separator.join(self.t(f"recovery.method.{method}") for method in done.methods)
        return RecoveryOutcome(True, self.t("recovery.done", version=done.key_version, methods=methods))
