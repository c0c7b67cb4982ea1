"""The desk's services over an opened profile: which implementation serves which port, built once per
process (or once per command): the platform over HTTPS (``sync.client``, imported inside the
functions), where app releases wait and what installs them, the desk's sync and its background worker.

``BIZDESK_PLATFORM_CA`` names a CA file to pin for the platform's TLS (IT's choice).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.services.app_updates import AppReleases
from app.services.sync_centre import SyncCentre
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
    """The desk's sync (``bizdesk sync``, the background worker's pass): the engine over the profile's
    store and scans and the platform over HTTPS; each pass keeps the desk up to date and reports its
    health."""
    from sync.client.platform import HttpPlatform

    return DeskSync(
        opened.store,
        platform or HttpPlatform(training=opened.training, ca_file=configured_ca_file()),
        apps=AppReleases(opened.profile.root / "updates" / "app", PipInstaller()),
        files=opened.files,
        clock=opened.clock,
    )


def start_syncing(opened: OpenedProfile, *, on_stop: Callable[[], None] | None = None) -> SyncCentre:
    """The desk process's one background sync, every page's ``SyncControl``, started; ``on_stop`` ends
    what it syncs with when it stops (the training desk's built-in sandbox)."""
    desk = desk_sync(opened)
    centre = SyncCentre(desk, on_stop=on_stop)
    centre.start()
    return centre
