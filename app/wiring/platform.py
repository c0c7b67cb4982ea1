"""Which implementation serves which port of the desk's services, for an opened profile: the platform
over HTTPS (``sync.client``, imported inside the functions), where app releases wait and what installs
them, and the desk's sync over the profile's store and scans.

``BIZDESK_PLATFORM_CA`` names a CA file to pin for the platform's TLS (IT's choice).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from app.services.app_updates import AppReleases
from app.services.sync_pass import DeskPlatform, DeskSync
from app.updates.installer import PipInstaller

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile

CA_FILE_ENV = "BIZDESK_PLATFORM_CA"


def configured_ca_file() -> Path | None:
    """The CA to pin for the platform's TLS (``BIZDESK_PLATFORM_CA``), if one is configured."""
    configured = os.environ.get(CA_FILE_ENV, "").strip()
    return Path(configured) if configured else None


def http_platform(opened: OpenedProfile, *, ca_file: Path | None = None) -> DeskPlatform:
    """The platform over HTTPS for this profile's kind, pinning ``ca_file`` (else the configured CA)."""
    from sync.client.platform import HttpPlatform

    return HttpPlatform(training=opened.training, ca_file=ca_file or configured_ca_file())


def app_releases(opened: OpenedProfile) -> AppReleases:
    """App releases wait in the profile (``updates/app``); pip of this environment installs them."""
    return AppReleases(opened.profile.root / "updates" / "app", PipInstaller())


def desk_sync(opened: OpenedProfile, platform: DeskPlatform | None = None) -> DeskSync:
    """The desk's sync: the engine over the profile's store, its scans and the platform; each pass
    keeps the desk up to date and reports its health."""
    return DeskSync(
        opened.store,
        platform or http_platform(opened),
        files=opened.files,
        apps=app_releases(opened),
        clock=opened.clock,
    )
