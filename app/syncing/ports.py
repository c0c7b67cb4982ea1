"""The platform gateway port: what the sync engine needs from the government platform.

``sync.client.gateway.HttpPlatformGateway`` implements it over HTTPS (bizdesk platform API v1);
tests hand the engine a fake. Everything here is plain data, so ``app`` never imports httpx.

Gateway failures are ``app.errors.PlatformError`` subclasses:

    PlatformError
    ├── PlatformUnavailable     network down, 5xx, dropped or malformed answer: retry later
    ├── ClockSkew               this PC's clock differs too much from the platform's
    ├── BatchRefused            the whole request was refused (4xx): one item in it may be poison
    └── EnrollmentRefused       code, mode or key refused at enrollment
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from app.errors import BizdeskError, PlatformError

Outcome = Literal["accepted", "duplicate", "rejected", "conflict", "invalid", "retry_later"]
FeedStatus = Literal["accepted", "needs_correction", "rejected", "completed"]
PlatformMode = Literal["training", "production"]


class PlatformUnavailable(PlatformError):
    code = "platform_unavailable"
    title_zh = "暂时连不上政务平台"
    title_en = "Platform unavailable"


class ClockSkew(PlatformError):
    code = "clock_skew"
    title_zh = "本机时间不准"
    title_en = "Clock out of step"


class BatchRefused(PlatformError):
    code = "batch_refused"
    title_zh = "政务平台拒收本批数据"
    title_en = "Batch refused"


class EnrollmentRefused(PlatformError):
    code = "enrollment_refused"
    title_zh = "设备注册未通过"
    title_en = "Enrollment refused"


@dataclass(frozen=True)
class AttachmentRef:
    """A file by content address; ``case_id`` and ``document_id`` say where the desk keeps it (not sent)."""

    sha256: str
    size: int
    media_type: str = "application/octet-stream"
    case_id: str = ""
    document_id: str = ""


@dataclass(frozen=True)
class OutgoingItem:
    """One submission of one service of one case, as the platform receives it."""

    idempotency_key: str
    case_id: str
    service: str
    content_sha256: str
    payload: Mapping[str, Any]
    depends_on: tuple[str, ...] = ()  # services of the same case accepted before this one
    attachments: tuple[AttachmentRef, ...] = ()
    training: bool = False


@dataclass(frozen=True)
class FieldProblem:
    field: str
    code: str
    message_zh: str
    message_en: str


@dataclass(frozen=True)
class ItemOutcome:
    """The platform's answer for one item of a batch."""

    idempotency_key: str
    outcome: Outcome
    receipt: Mapping[str, Any] | None = None  # signed receipt, kept verbatim
    problems: tuple[FieldProblem, ...] = ()
    reason: str = ""
    retry_after_seconds: float | None = None


@dataclass(frozen=True)
class StatusEvent:
    """One agency outcome from the platform's status feed."""

    seq: int
    idempotency_key: str
    case_id: str
    service: str
    status: FeedStatus
    reasons: tuple[str, ...] = ()
    results: Mapping[str, Any] = field(default_factory=dict)
    at: dt.datetime | None = None


@dataclass(frozen=True)
class StatusPage:
    events: tuple[StatusEvent, ...]
    next_cursor: str
    has_more: bool


@dataclass(frozen=True)
class Enrollment:
    """What enrollment yields, stored in the desk's sync state."""

    device_id: str
    platform_url: str
    platform_key_id: str
    platform_public_key: str  # base64 of the raw Ed25519 key
    mode: PlatformMode


@dataclass(frozen=True)
class DeviceInfo:
    """What a desk tells the platform about itself when enrolling."""

    public_key: bytes  # raw Ed25519 public key
    branch_code: str
    division_code: str
    training: bool
    label: str = ""
    app_version: str = ""


class AttachmentSource(Protocol):
    def read(self, ref: AttachmentRef) -> bytes:
        """The bytes of a stored attachment, decrypted (raises an ``app.errors.BizdeskError`` if gone)."""


@runtime_checkable
class AuditCheckpoints(Protocol):
    def last_checkpoint(self) -> Mapping[str, Any] | None:
        """The platform's signed receipt of this desk's last checkpoint (signature checked), or None."""

    def checkpoint(
        self, seq: int, head_hash: str, signed_at: str, extends: tuple[int, str] | None = None
    ) -> Mapping[str, Any]:
        """Hand the platform the desk's signed audit head, ``extends`` naming the platform's last
        checkpoint as this desk's trail holds it (seq, hash there); returns the platform-signed receipt."""


@runtime_checkable
class FeedInAnswers(Protocol):
    def submit_batch_with_feed(
        self, items: Sequence[OutgoingItem], cursor: str
    ) -> tuple[list[ItemOutcome], StatusPage | None]:
        """``submit_batch``, the answer also carrying the status feed page after ``cursor`` (the
        outcomes the agencies decided at once included); None when the platform sent none."""


class PlatformGateway(Protocol):
    """The platform, as the sync engine sees it. Methods raise ``PlatformError`` subclasses."""

    def check(self) -> None:
        """A cheap look before a pass: reachable, the expected mode, clocks in step."""

    def submit_batch(self, items: Sequence[OutgoingItem]) -> list[ItemOutcome]:
        """Send items in one request; one outcome per item, in the same order."""

    def ensure_attachment(self, ref: AttachmentRef, source: AttachmentSource) -> None:
        """Make sure the platform holds the attachment, resuming a cut upload."""

    def ensure_attachments(
        self, refs: Sequence[AttachmentRef], source: AttachmentSource
    ) -> Mapping[str, BizdeskError]:
        """``ensure_attachment`` for several, sharing requests; returns the errors of those that could
        not be sent, by SHA-256 (a transport failure raises ``PlatformUnavailable`` instead)."""

    def fetch_status(self, cursor: str, limit: int) -> StatusPage: ...

    def close(self) -> None: ...
