"""The desk's IT-operations calls to the platform: update releases, its health report, the fleet
(``app.updates.ports.PlatformOperations`` over HTTPS; the wire models stay here).

Releases come back as the JSON objects the platform signed, unchanged: ``app.updates`` verifies
them against the key pinned at enrollment before anything reads them. Each answer is read as a
stream and stopped at its cap (``app.updates.documents``: the pack, the manifest, a wheel's signed
size) before any of it is parsed. ``None`` means the platform
offers no such release (404 ``no_release``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from app.updates.documents import (
    MAX_APP_MANIFEST_BYTES,
    MAX_PACK_BYTES,
    too_large,
    wheel_too_large,
)
from app.updates.fleet import DeskHealth, FleetListing, HealthReport
from sync.client.errors import malformed, refusal
from sync.client.session import SignedSession, check_platform_url, http_client
from sync.protocol import operations as wire
from sync.signing import Signer


class OperationsClient:
    """Signed requests as this device (key id = the device id)."""

    def __init__(
        self,
        base_url: str,
        *,
        signer: Signer,
        device_id: str,
        training: bool,
        ca_file: Path | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        url = check_platform_url(base_url, training=training)
        self._session = SignedSession(
            http_client(url, ca_file=ca_file, transport=transport), signer, device_id
        )

    def close(self) -> None:
        self._session.client.close()

    def __enter__(self) -> OperationsClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def reference_pack(self) -> dict[str, Any] | None:
        return self._release("/v1/updates/reference-pack", MAX_PACK_BYTES, "参考数据包")

    def app_manifest(self) -> dict[str, Any] | None:
        return self._release("/v1/updates/app-manifest", MAX_APP_MANIFEST_BYTES, "版本清单")

    def app_file(self, name: str, *, size: int) -> bytes:
        """The bytes of a wheel the app release names, read up to its signed ``size`` and no further
        (the caller checks them against the release)."""
        response = self._session.send_limited(
            "GET", f"/v1/updates/app-files/{name}", limit=size, too_large=lambda: wheel_too_large(name, size)
        )
        if not 200 <= response.status_code < 300:
            raise refusal(response)
        return response.content

    def report_health(self, report: HealthReport) -> None:
        body = wire.FleetReport(
            app_version=report.app_version,
            pack_version=report.pack_version,
            queue_depth=report.queue_depth,
            last_success_at=report.last_success_at,
            recent_error_codes=list(report.recent_error_codes),
        ).model_dump(mode="json")
        self._session.expect(self._session.send("POST", "/v1/fleet/reports", json_body=body), wire.FleetAck)

    def fleet(self) -> FleetListing:
        listing = self._session.expect(self._session.send("GET", "/v1/fleet"), wire.FleetListing)
        return FleetListing(
            tuple(_desk(entry) for entry in listing.devices), listing.latest_app, listing.latest_pack
        )

    def _release(self, path: str, limit: int, what_zh: str) -> dict[str, Any] | None:
        """The release at ``path``; ``DocumentTooLarge`` once its answer passes ``limit`` bytes."""
        response = self._session.send_limited(
            "GET", path, limit=limit, too_large=lambda: too_large(what_zh, limit)
        )
        if response.status_code == 404 and _problem_code(response) == "no_release":
            return None
        if not 200 <= response.status_code < 300:
            raise refusal(response)
        try:
            document = json.loads(response.content)
        except ValueError:
            raise malformed(f"GET {path}") from None
        if not isinstance(document, dict):
            raise malformed(f"GET {path}")
        return document


def _desk(entry: wire.FleetEntry) -> DeskHealth:
    fields = entry.model_dump(include=set(DeskHealth.__dataclass_fields__))
    return DeskHealth(**{**fields, "recent_error_codes": tuple(entry.recent_error_codes)})


def _problem_code(response: httpx.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("code") if isinstance(body, dict) else None
