"""What updates and fleet health need from outside: the platform's IT-operations calls and an installer.

``sync.client.operations.OperationsClient`` is the platform's side over HTTPS (reached through
``sync.client.platform.HttpPlatform``); ``app.updates.installer.PipInstaller`` installs app releases
into this environment. Tests hand fakes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol, Self

from app.syncing.model import Enrolled
from app.syncing.platform import Signer
from app.updates.fleet import FleetListing, HealthReport


class PlatformOperations(Protocol):
    """Signed requests as this device. Releases come back as the JSON the platform signed (None: the
    platform offers none); ``app.updates`` verifies them before reading anything else. Every answer
    is read as a stream and refused at its cap (``app.updates.documents.DocumentTooLarge``)."""

    def reference_pack(self) -> dict[str, Any] | None:
        """At most ``MAX_PACK_BYTES``."""

    def app_manifest(self) -> dict[str, Any] | None:
        """At most ``MAX_APP_MANIFEST_BYTES``."""

    def app_file(self, name: str, *, size: int) -> bytes:
        """The bytes of a wheel the app release names, at most ``size`` (its signed size); the caller
        checks them against the release."""

    def report_health(self, report: HealthReport) -> None: ...

    def fleet(self) -> FleetListing:
        """Every desk of the platform (IT devices only: others get ``PlatformError`` 403)."""

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *_exc: object) -> None: ...


class OperationsPlatform(Protocol):
    def operations(self, enrolled: Enrolled, signer: Signer) -> PlatformOperations:
        """The IT-operations calls to the platform this desk enrolled with."""


class AppInstaller(Protocol):
    """Installs app releases into the environment this process runs in, with no network."""

    def running_version(self) -> str: ...

    def check_usable(self) -> None:
        """Refuse (``UpdateRefused``) an environment that cannot take a release, before anything changes."""

    def keep_running(self, folder: Path) -> Path:
        """The running version as a wheel in ``folder`` (for a rollback)."""

    def install(self, version: str, folder: Path) -> None:
        """Install ``version`` from the wheels in ``folder`` only; ``UpdateRefused`` on failure."""
