"""``HttpPlatform``: the platform over HTTPS as the desk's services reach it: the sync gateway,
enrollment (``app.syncing.platform.Platform``) and the IT-operations calls
(``app.updates.ports.OperationsPlatform``).

The composition root builds one per process with the profile's kind and the CA to pin; each call is
signed by the device key the caller hands in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.syncing.model import Enrolled
from app.syncing.platform import Signer
from app.syncing.ports import DeviceInfo, Enrollment
from sync.client.enrollment import enroll_device
from sync.client.gateway import HttpPlatformGateway
from sync.client.operations import OperationsClient


class HttpPlatform:
    def __init__(self, *, training: bool, ca_file: Path | None = None) -> None:
        self.training, self.ca_file = training, ca_file

    def gateway(self, enrolled: Enrolled, signer: Signer) -> HttpPlatformGateway:
        key = enrolled.platform_public_key
        return HttpPlatformGateway(
            enrolled.platform_url, platform_public_key=key, **self._as(enrolled, signer)
        )

    def operations(self, enrolled: Enrolled, signer: Signer) -> OperationsClient:
        return OperationsClient(enrolled.platform_url, **self._as(enrolled, signer))

    def enroll(self, url: str, code: str, device: DeviceInfo, signer: Signer) -> Enrollment:
        return enroll_device(url, code, device, signer, ca_file=self.ca_file)

    def _as(self, enrolled: Enrolled, signer: Signer) -> dict[str, Any]:
        """Requests signed as the enrolled device, on this profile's kind, pinning the CA."""
        return {
            "signer": signer,
            "device_id": enrolled.device_id,
            "training": self.training,
            "ca_file": self.ca_file,
        }
