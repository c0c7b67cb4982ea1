"""Wire models of platform API v1 for IT operations: signed update releases and fleet health.

Releases (``GET /v1/updates/reference-pack``, ``GET /v1/updates/app-manifest``) are documents the
platform signs with its Ed25519 key; their full shape and verification live in ``app.updates``
(the desk checks the signature against the key pinned at enrollment before reading anything else).
Fleet reports carry no personal data: versions, a queue depth, times and error codes only.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field

from sync.protocol.models import Answer, Base64Signature, Request

ErrorCode = Annotated[str, Field(pattern=r"^[a-z0-9_.]{1,80}$", description="a bizdesk error code")]
VersionText = Annotated[str, Field(pattern=r"^[0-9][0-9A-Za-z.+\-]{0,39}$")]


class SignedRelease(Answer):
    """A release document, signed over the canonical JSON of every field but ``signature``.

    Reference packs add ``packs``, ``form_versions``, ``expires_at`` (ISO-8601 or null: never) and
    ``offline_days`` (1..30, default 5): past the expiry, or that many days without a good sync pass,
    a desk takes no new case (docs/updates-and-fleet.md, "Offline guard rails"); app manifests add
    ``notes_zh`` and ``notes_en``.
    """

    model_config = ConfigDict(extra="allow", frozen=True)

    kind: Literal["bizdesk.reference-pack/1", "bizdesk.app-manifest/1"]
    version: str
    issued_at: str
    must_update_by: str | None = Field(
        default=None, description="ISO-8601; desks get grace_days past first sight"
    )
    grace_days: int = 3
    rollout: dict[str, Any] = Field(
        default_factory=dict, description="{branches: canary branch codes, percent: 0..100 of all branches}"
    )
    key_id: str
    signature: Base64Signature


class FleetReport(Request):
    """What a desk tells the platform with its sync passes (no personal data)."""

    app_version: VersionText
    pack_version: VersionText
    queue_depth: Annotated[int, Field(ge=0, le=10**9, description="submissions waiting to be sent")]
    last_success_at: dt.datetime | None = Field(
        default=None, description="the end of the desk's last good sync pass (docs/sync-protocol.md §4)"
    )
    recent_error_codes: Annotated[list[ErrorCode], Field(max_length=20)] = Field(default_factory=list)


class FleetAck(Answer):
    device_id: str
    received_at: dt.datetime


class FleetEntry(Answer):
    device_id: str
    branch_code: str
    label: str
    training: bool
    enrolled_at: dt.datetime
    reported_at: dt.datetime | None = None
    app_version: str | None = None
    pack_version: str | None = None
    queue_depth: int | None = None
    last_success_at: dt.datetime | None = None
    recent_error_codes: list[str] = Field(default_factory=list)


class FleetListing(Answer):
    server_time: dt.datetime
    latest_app: str | None = Field(description="The app version the platform offers, if any")
    latest_pack: str | None = Field(description="The reference pack version the platform offers, if any")
    devices: list[FleetEntry]
