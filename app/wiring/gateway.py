"""The HTTP platform gateway (``sync.client``) for an enrolled profile; httpx stays inside ``sync``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from app.syncing.model import Enrolled
from app.syncing.ports import PlatformGateway

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile


CA_FILE_ENV = "BIZDESK_PLATFORM_CA"


def configured_ca_file() -> Path | None:
    """The CA to pin for the platform's TLS (``BIZDESK_PLATFORM_CA``), if one is configured."""
    configured = os.environ.get(CA_FILE_ENV, "").strip()
    return Path(configured) if configured else None


def http_gateway(opened: OpenedProfile, enrolled: Enrolled) -> PlatformGateway:
    from sync.client.gateway import HttpPlatformGateway

    return HttpPlatformGateway(
        enrolled.platform_url,
        signer=opened.device,
        device_id=enrolled.device_id,
        platform_public_key=enrolled.platform_public_key,
        training=opened.training,
        ca_file=configured_ca_file(),
    )
