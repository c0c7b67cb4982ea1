"""Wire models of bizdesk platform API v1 (pydantic): the single source of the OpenAPI document.

Requests are strict (unknown fields refused); answers ignore unknown fields, so a newer
platform can add fields without breaking older desks.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

API_VERSION = "1"

ServiceCode = Literal[
    "license", "seal", "bank_account", "tax", "social_security", "medical_insurance", "housing_fund"
]
Mode = Literal["training", "production"]
ItemOutcomeCode = Literal["accepted", "duplicate", "rejected", "conflict", "invalid", "retry_later"]
FeedStatusCode = Literal["accepted", "needs_correction", "rejected", "completed"]

Sha256Hex = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="lowercase hex SHA-256")]
IdempotencyKey = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9._:\-]{8,160}$",
        description="Chosen by the desk; the same key always means the same content.",
    ),
]
CaseId = Annotated[str, Field(pattern=r"^[A-Za-z0-9._\-]{1,64}$")]
Base64Key = Annotated[
    str, Field(pattern=r"^[A-Za-z0-9+/]{43}=$", description="base64 of a raw 32-byte Ed25519 public key")
]
Base64Signature = Annotated[
    str, Field(pattern=r"^[A-Za-z0-9+/]{86}==$", description="base64 of a 64-byte Ed25519 signature")
]
ShortText = Annotated[str, Field(max_length=200)]

MAX_BATCH_ITEMS = 500
MAX_CHUNK_BYTES = 4 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class FieldProblem(Answer):
    field: ShortText = Field(description="Path in the payload, e.g. people[1].id_number")
    code: ShortText
    message_zh: str
    message_en: str


class Problem(Answer):
    """Error body of every refused request (RFC 9457 problem details, with Chinese text)."""

    type: str = Field(default="about:blank", description="URI naming the problem kind")
    title: str
    status: int
    detail: str = ""
    code: str = Field(description="Stable machine code, e.g. signature_invalid, clock_skew, replay")
    title_zh: str = ""
    detail_zh: str = ""
    retryable: bool = False
    server_time: dt.datetime | None = None
    problems: list[FieldProblem] = Field(default_factory=list)


class Health(Answer):
    status: Literal["ok"] = "ok"
    api_version: str = API_VERSION
    mode: Mode
    server_time: dt.datetime
    platform_key_id: str


class EnrollRequest(Request):
    """Signed with the key being enrolled (proof of possession), key id ``enroll``."""

    code: Annotated[str, Field(min_length=1, max_length=64, description="One-time enrollment code from IT")]
    public_key: Base64Key
    branch_code: Annotated[str, Field(pattern=r"^[0-9A-Za-z\-]{1,20}$")]
    division_code: Annotated[str, Field(pattern=r"^[0-9]{6}$", description="GB/T 2260 division code")]
    training: bool = Field(description="True for a training profile: fictitious data only")
    label: Annotated[str, Field(max_length=100)] = ""
    app_version: Annotated[str, Field(max_length=32)] = ""


class EnrollResponse(Answer):
    device_id: str
    platform_key_id: str
    platform_public_key: Base64Key
    mode: Mode
    server_time: dt.datetime
    # "it": enrolled with an IT enrolment code, so it may read the fleet (GET /v1/fleet)
    role: Literal["desk", "it"] = "desk"


class AttachmentRef(Request):
    sha256: Sha256Hex
    size: Annotated[int, Field(ge=0, le=MAX_ATTACHMENT_BYTES)]
    media_type: Annotated[str, Field(pattern=r"^[a-z0-9.+\-]+/[a-z0-9.+\-]+$", max_length=100)] = (
        "application/octet-stream"
    )


class SubmissionItem(Request):
    idempotency_key: IdempotencyKey
    case_id: CaseId
    service: ServiceCode
    content_sha256: Sha256Hex = Field(description="SHA-256 of the canonical JSON of payload")
    payload: dict[str, Any] = Field(
        description="The service's bizdesk.payload/1 document: docs/payloads/<service>.schema.json"
    )
    depends_on: Annotated[list[ServiceCode], Field(max_length=7)] = Field(
        default_factory=list,
        description="Services of the same case that must be completed first (the payload has their results)",
    )
    attachments: Annotated[list[AttachmentRef], Field(max_length=20)] = Field(default_factory=list)


class SubmitBatchRequest(Request):
    items: Annotated[list[SubmissionItem], Field(min_length=1, max_length=MAX_BATCH_ITEMS)]
    feed_cursor: Annotated[str | None, Field(max_length=20)] = Field(
        default=None,
        description=(
            "The desk's status-feed cursor: the answer then carries the feed page after it (feed), "
            "with the outcomes the agencies decided at once, as GET /v1/status would"
        ),
    )


class Receipt(Answer):
    """Proof of acceptance, signed by the platform key over the canonical JSON of the other fields."""

    receipt_id: str
    device_id: str
    idempotency_key: str
    case_id: str
    service: str
    content_sha256: str
    accepted_at: str = Field(description="RFC 3339 UTC time, as signed")
    key_id: str
    signature: Base64Signature


class ItemResult(Answer):
    idempotency_key: str
    outcome: ItemOutcomeCode = Field(
        description=(
            "accepted: new and accepted; duplicate: seen before, the original answer follows; rejected: "
            "field problems; conflict: key reused with other content (never silently accepted); invalid: "
            "the item can never be accepted as sent; retry_later: send the same item again later"
        )
    )
    receipt: Receipt | None = None
    original_outcome: Literal["accepted", "rejected"] | None = Field(
        default=None, description="For a duplicate: what the first delivery was answered"
    )
    problems: list[FieldProblem] = Field(default_factory=list)
    reason: str = ""
    retry_after_seconds: float | None = None


class SubmitBatchResponse(Answer):
    results: list[ItemResult]
    feed: StatusPage | None = Field(
        default=None, description="With feed_cursor: this device's status feed after it, one page"
    )


class AttachmentCreate(Request):
    size: Annotated[int, Field(ge=0, le=MAX_ATTACHMENT_BYTES)]
    media_type: Annotated[str, Field(pattern=r"^[a-z0-9.+\-]+/[a-z0-9.+\-]+$", max_length=100)] = (
        "application/octet-stream"
    )


class AttachmentStatus(Answer):
    sha256: str
    size: int
    received: int = Field(description="Bytes stored so far: the offset of the next chunk")
    complete: bool


MAX_BATCH_PARTS = 64
BATCH_MANIFEST_PREFIX = 4  # bytes: big-endian length of the manifest that opens a batch body


class AttachmentPart(Request):
    """One chunk in an attachment batch: ``length`` bytes of ``sha256`` at ``offset``; at offset 0 it
    also announces an attachment the platform does not hold (``size``, ``media_type``)."""

    sha256: Sha256Hex
    offset: Annotated[int, Field(ge=0, le=MAX_ATTACHMENT_BYTES)]
    length: Annotated[int, Field(ge=1, le=MAX_CHUNK_BYTES)]
    size: Annotated[int, Field(ge=1, le=MAX_ATTACHMENT_BYTES)]
    media_type: Annotated[str, Field(pattern=r"^[a-z0-9.+\-]+/[a-z0-9.+\-]+$", max_length=100)] = (
        "application/octet-stream"
    )


class AttachmentBatchManifest(Request):
    """Opens the body of ``POST /v1/attachments/batch``: the parts whose bytes follow, in order."""

    parts: Annotated[list[AttachmentPart], Field(min_length=1, max_length=MAX_BATCH_PARTS)]


class AttachmentPartResult(AttachmentStatus):
    error: str | None = Field(
        default=None,
        description="Why this part was not stored: offset_mismatch (continue from received), "
        "hash_mismatch (upload again from 0), size_mismatch, chunk_too_large",
    )


class AttachmentBatchResponse(Answer):
    results: list[AttachmentPartResult]


class AgencyResults(Answer):
    """What a completed service yields; each service fills its own fields."""

    uscc: str | None = Field(default=None, description="license: 统一社会信用代码")
    license_number: str | None = Field(default=None, description="license: 营业执照编号")
    established_on: dt.date | None = Field(default=None, description="license: 成立日期")
    authority: str | None = Field(default=None, description="license: 登记机关")
    seal_codes: list[str] | None = Field(
        default=None, description="seal: 印章备案码, one per engraved seal, in the payload's order of seals"
    )
    seal_filing_number: str | None = Field(default=None, description="seal: 印章备案号")
    engraved_on: dt.date | None = None
    account_number: str | None = Field(default=None, description="bank_account: 基本存款账户账号")
    account_filing_number: str | None = Field(default=None, description="bank_account: 基本存款账户编号")
    opened_on: dt.date | None = None
    tax_registration_number: str | None = Field(default=None, description="tax: taxpayer id (the USCC)")
    tax_authority: str | None = None
    registered_on: dt.date | None = Field(default=None, description="tax and the unit registrations")
    social_security_unit_number: str | None = Field(default=None, description="social_security: 单位编号")
    medical_insurance_unit_number: str | None = Field(default=None, description="medical_insurance: 单位编号")
    housing_fund_unit_number: str | None = Field(default=None, description="housing_fund: 单位公积金账号")


class StatusEvent(Answer):
    seq: int
    idempotency_key: str
    case_id: str
    service: ServiceCode
    status: FeedStatusCode
    reasons: list[str] = Field(default_factory=list, description="Why a correction or rejection (Chinese)")
    results: AgencyResults = Field(default_factory=AgencyResults)
    at: dt.datetime


class StatusPage(Answer):
    events: list[StatusEvent]
    next_cursor: str = Field(description="Opaque; pass it back to continue after the last event")
    has_more: bool


class Division(Answer):
    code: str
    name: str


class ServiceInfo(Answer):
    code: ServiceCode
    name_zh: str
    depends_on: list[ServiceCode]


class ReferencePack(Answer):
    """Reference data, signed by the platform key over the canonical JSON of the other fields."""

    version: str
    issued_at: str
    divisions: list[Division]
    services: list[ServiceInfo]
    key_id: str
    signature: Base64Signature


class AppManifest(Answer):
    """Signed like the reference pack. Desks offline for days keep working for ``grace_days``."""

    latest: str
    minimum_supported: str
    grace_days: int
    published_at: str
    notes_zh: str
    notes_en: str
    key_id: str
    signature: Base64Signature


class CheckpointRef(Request):
    seq: Annotated[int, Field(ge=0, le=2**62)]
    head_hash: Sha256Hex


class AuditCheckpoint(Request):
    seq: Annotated[int, Field(ge=0, le=2**62)]
    head_hash: Sha256Hex
    signed_at: dt.datetime
    extends: CheckpointRef | None = Field(
        default=None,
        description=(
            "The platform's last checkpoint of this device (GET /v1/audit-checkpoints/last) as the desk's "
            "own trail has it: its seq and the hash of the desk's entry at that seq (the hash of the chain "
            "up to it). Required once the platform keeps a checkpoint of the device; a checkpoint whose "
            "extends differs from the last one kept is refused (409 checkpoint_not_extending)."
        ),
    )


class CheckpointReceipt(Answer):
    device_id: str
    seq: int
    head_hash: str
    received_at: str
    key_id: str
    signature: Base64Signature


class SandboxStats(Answer):
    accepted: int = Field(description="Distinct submissions accepted")
    deliveries: int = Field(description="Submission items received, duplicates included")
    duplicates: int
    conflicts: int
    rejected: int
    invalid: int
    retry_later: int
    completed: int
    needs_correction: int
    devices: int
    events: int
    injected_failures: int
    injected_drops: int
    injected_malformed: int


SubmitBatchResponse.model_rebuild()  # its feed is a StatusPage, defined further down
