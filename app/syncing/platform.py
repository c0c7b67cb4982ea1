"""Reaching the government platform: the port the composition root fills with the HTTP client
(``sync.client.platform.HttpPlatform``), and tests with fakes.

The desk's services never build a client themselves: they read the enrollment from the store and
ask the platform for a gateway to it, signed by the device key the store holds. The signer is handed
in on each call because a restore brings another device identity with the restored store.
"""

from __future__ import annotations

from typing import Protocol

from app.syncing.model import Enrolled
from app.syncing.ports import DeviceInfo, Enrollment, PlatformGateway


class Signer(Protocol):
    """The device key (``app.security.device.DeviceIdentity``): signs bytes with Ed25519."""

    def sign(self, message: bytes) -> bytes: ...


class Platform(Protocol):
    def gateway(self, enrolled: Enrolled, signer: Signer) -> PlatformGateway:
        """The sync engine's gateway to the platform this desk enrolled with (close it when done)."""

    def enroll(self, url: str, code: str, device: DeviceInfo, signer: Signer) -> Enrollment:
        """Enroll the device with the platform at ``url`` by IT's one-time ``code``."""
