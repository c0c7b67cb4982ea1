"""The OS keyring, allowlisted: only backends that keep secrets encrypted without prompting.

Trusted: Windows Credential Locker (``WinVaultKeyring``), macOS Keychain, Secret Service
(``SecretService`` or ``libsecret``). Refused: the ``fail`` and ``null`` backends of a
headless machine, ``keyrings.alt``'s plaintext files, ``keyrings.cryptfile`` (it prompts
on a terminal and crashes a GUI) and anything else; a chainer counts as the backend it
would write to. Only the 32-byte key-encryption key is stored (Windows allows 2560 bytes).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from app.errors import ProfileError

SERVICE = "bizdesk"
ALLOWED_BACKENDS = frozenset(
    {
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
    }
)


class KeyringUnavailable(ProfileError):
    code = "profile.keyring"


def backend_name(backend: Any) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


def _resolve(backend: Any) -> Any:
    """A chainer writes to its first backend: judge that one."""
    if backend_name(backend) == "keyring.backends.chainer.ChainerBackend":
        chained = list(getattr(backend, "backends", []))
        return chained[0] if chained else backend
    return backend


def trusted_backend(backend: Any | None = None) -> Any | None:
    """The allowlisted backend to use (``backend`` or the system's), or None when there is none."""
    if backend is None:
        import keyring

        backend = keyring.get_keyring()
    resolved = _resolve(backend)
    return resolved if backend_name(resolved) in ALLOWED_BACKENDS else None


def refusal(backend: Any | None = None) -> KeyringUnavailable:
    """The error explaining why the system keyring is not used, and what IT can do instead."""
    if backend is None:
        import keyring

        backend = keyring.get_keyring()
    name = backend_name(_resolve(backend))
    return KeyringUnavailable(
        f"系统钥匙串不可用或不安全（{name}）；请IT启用Windows凭据管理器、macOS钥匙串或Secret Service，"
        "或设置口令（BIZDESK_PASSPHRASE）。",
        f"No trusted OS keyring ({name}); IT should enable Windows Credential Locker, macOS Keychain or "
        "Secret Service, or set a passphrase (BIZDESK_PASSPHRASE).",
        data={"backend": name},
    )


@dataclass(frozen=True)
class KeyringSlot:
    """Where one profile's key-encryption key lives in a trusted keyring."""

    backend: Any
    account: str

    def load(self) -> bytes | None:
        try:
            text = self.backend.get_password(SERVICE, self.account)
        except Exception as error:  # keyring backends raise their own error types
            raise self._failure() from error
        if text is None:
            return None
        try:
            value = base64.b64decode(str(text).encode("ascii"), validate=True)
        except ValueError:
            return None
        return value if len(value) == 32 else None

    def store(self, kek: bytes) -> None:
        try:
            self.backend.set_password(SERVICE, self.account, base64.b64encode(kek).decode("ascii"))
        except Exception as error:
            raise self._failure() from error

    def delete(self) -> None:
        try:
            self.backend.delete_password(SERVICE, self.account)
        except Exception:  # already gone is fine: nothing else to clean
            return

    def _failure(self) -> KeyringUnavailable:
        return KeyringUnavailable(
            "系统钥匙串拒绝访问（可能已锁定）；请先登录或解锁系统钥匙串后重试，或使用口令解锁。",
            "The OS keyring refused access (it may be locked); unlock it and try again, or unlock with "
            "the passphrase.",
        )
