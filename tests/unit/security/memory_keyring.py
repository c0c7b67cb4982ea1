"""Keyring backends for tests: one that looks allowlisted (Secret Service), and untrusted look-alikes."""

from __future__ import annotations

from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    """In-memory, named like Secret Service so the allowlist trusts it."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}
        self.refuse = False

    def get_password(self, service: str, username: str) -> str | None:
        if self.refuse:
            raise RuntimeError("keyring locked")
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.refuse:
            raise RuntimeError("keyring locked")
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


MemoryKeyring.__module__ = "keyring.backends.SecretService"
MemoryKeyring.__qualname__ = "Keyring"


class PlaintextKeyring(MemoryKeyring):
    """Looks like keyrings.alt's plaintext file backend: must be refused."""


PlaintextKeyring.__module__ = "keyrings.alt.file"
PlaintextKeyring.__qualname__ = "PlaintextKeyring"
