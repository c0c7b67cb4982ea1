"""The release documents the platform signs, and their verification before anything uses them.

A reference-pack release (``kind: bizdesk.reference-pack/1``)::

    {"kind", "version": "YYYY.N", "issued_at", "must_update_by": ISO-8601 | null, "grace_days",
     "expires_at": ISO-8601 | null, "offline_days": 1..30 (default 5),
     "rollout": {"branches": [...], "percent": 0..100},
     "packs": {"divisions": {...}, "industries": {...}, "scope_catalogue": {...},
               "service_guides": {...}, "wage_standards": {...}},
     "form_versions": {"form code": "version"}, "key_id", "signature"}

An app release (``kind: bizdesk.app-manifest/1``) has ``version`` (semantic), the same deadline and
rollout fields, ``notes_zh``/``notes_en`` and, instead of packs, ``wheels``: the files that install
it, each ``{"name": "bizdesk-0.2.0-py3-none-any.whl", "sha256": "<hex>", "size": N}``. The bizdesk
wheel of ``version`` is among them; other wheels are new or newer dependencies. The desk downloads
them (``GET /v1/updates/app-files/{name}``), checks size and SHA-256, and installs them with no
network (``app.updates.app_release``).

The signature is Ed25519 over the canonical JSON of every field but ``signature`` (as
``sync.protocol.signed``), checked against the platform key pinned when the desk enrolled.

Sizes are capped before anything is parsed: a reference-pack release at ``MAX_PACK_BYTES``, an app
manifest at ``MAX_APP_MANIFEST_BYTES`` (both documented in docs/updates-and-fleet.md), a wheel at the
``size`` its signed manifest gives. A download is read as a stream and stopped at the cap
(``DocumentTooLarge``, from ``too_large`` or ``wheel_too_large``); nothing past it is read.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from app.errors import BizdeskError
from app.security.device import verify_signature
from app.syncing.rules import canonical_json

PACK_KIND = "bizdesk.reference-pack/1"
APP_KIND = "bizdesk.app-manifest/1"
PACK_NAMES = ("divisions", "industries", "scope_catalogue", "service_guides", "wage_standards")
MAX_PACK_BYTES = 8 * 1024 * 1024  # the shipped packs are under 100 KiB: eighty times room to grow
MAX_APP_MANIFEST_BYTES = 256 * 1024  # 64 wheels' names and hashes, and the notes

PackVersion = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}\.[0-9]{1,6}$")]
AppVersion = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,6}\.[0-9]{1,6}\.[0-9]{1,6}$")]
BranchCode = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z]{1,12}$")]


class UpdateRefused(BizdeskError):
    """A release that must not be used: tampered, unreadable, older than what runs, or not for this desk."""

    code = "update_refused"
    title_zh = "更新被拒绝"
    title_en = "Update refused"


class DocumentTooLarge(UpdateRefused):
    """An update document past its cap: refused at the cap, the rest never read."""

    code = "update_refused.too_large"


def too_large(what_zh: str, limit: int) -> DocumentTooLarge:
    """The refusal of a pack release (``参考数据包``) or app manifest (``版本清单``) past ``limit`` bytes."""
    return DocumentTooLarge(
        f"{what_zh}超过允许的大小（上限 {_size_text(limit)}），已停止读取并拒绝；本机继续使用现有版本。"
        "请联系IT支持检查政务平台发布的内容。",
        f"The {what_en(what_zh)} is larger than allowed (at most {_size_text(limit)}); reading stopped there "
        "and it was refused. The desk keeps the version it runs; contact IT support to check what the "
        "platform publishes.",
    )


def wheel_too_large(name: str, size: int) -> DocumentTooLarge:
    """The refusal of an app file longer than the size its signed manifest gives."""
    return DocumentTooLarge(
        f"软件安装文件 {name} 超过版本清单签名的大小（{size} 字节），已停止下载并拒绝；本机继续使用现有版本。"
        "请联系IT支持。",
        f"The app file {name} is longer than the {size} bytes its signed release gives; the download was "
        "stopped and refused. The desk keeps the version it runs; contact IT support.",
        code="update_refused.files",  # not the file the release names, as a swapped one of its size
    )


def _size_text(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit // 1024} KiB"


class _Document(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Rollout(_Document):
    """Who gets a release: the listed (canary) branches, plus ``percent`` of all branches.

    The default (no list, 100 %) is everyone.
    """

    branches: tuple[BranchCode, ...] = ()
    percent: Annotated[int, Field(ge=0, le=100)] = 100


class _Release(_Document):
    issued_at: dt.datetime
    must_update_by: dt.datetime | None = None
    grace_days: Annotated[int, Field(ge=0, le=365)] = 3
    rollout: Rollout = Rollout()
    key_id: str
    signature: str


OFFLINE_DAYS_DEFAULT = 5


class PackRelease(_Release):
    """A reference-pack release. ``expires_at`` (None: never) and ``offline_days`` are the offline
    guard's limits while it runs: past either (days without a good sync pass), the desk takes no new
    case until it syncs (``app.services.offline_guard``)."""

    kind: Literal["bizdesk.reference-pack/1"]
    version: PackVersion
    expires_at: dt.datetime | None = None
    offline_days: Annotated[int, Field(ge=1, le=30)] = OFFLINE_DAYS_DEFAULT
    packs: dict[str, dict[str, Any]]
    form_versions: dict[str, str] = Field(default_factory=dict)


WheelName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.+]+-[A-Za-z0-9_.+!-]+\.whl$")]
APP_DISTRIBUTION = "bizdesk"


class AppFile(_Document):
    """One wheel of an app release: the desk refuses a download whose size or SHA-256 differs."""

    name: Annotated[WheelName, StringConstraints(max_length=200)]
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    size: Annotated[int, Field(ge=1, le=512 * 1024 * 1024)]


class AppRelease(_Release):
    kind: Literal["bizdesk.app-manifest/1"]
    version: AppVersion
    notes_zh: str = ""
    notes_en: str = ""
    wheels: Annotated[tuple[AppFile, ...], Field(min_length=1, max_length=64)]

    @model_validator(mode="after")
    def _installs_the_app(self) -> AppRelease:
        names = [wheel.name for wheel in self.wheels]
        if len(set(names)) != len(names):
            raise ValueError("wheels: a file is named twice")
        if self.app_wheel is None:
            raise ValueError(f"wheels: no {APP_DISTRIBUTION} {self.version} wheel")
        return self

    @property
    def app_wheel(self) -> AppFile | None:
        """The bizdesk wheel of this version (None: the release cannot install the app)."""
        prefix = f"{APP_DISTRIBUTION}-{self.version}-"
        return next((wheel for wheel in self.wheels if wheel.name.startswith(prefix)), None)


def _tampered(what: str) -> UpdateRefused:
    return UpdateRefused(
        f"{what}的签名无效：内容可能被篡改或并非来自已注册的政务平台。本机继续使用现有版本；请联系IT支持。",
        f"The {what_en(what)} signature is not valid: it was altered or does not come from the platform "
        "this desk enrolled with. The desk keeps the version it runs; contact IT support.",
        code="update_refused.signature",
    )


def what_en(what_zh: str) -> str:
    return {"参考数据包": "reference pack", "版本清单": "app release", "发布文件": "release file"}.get(
        what_zh, "update"
    )


def is_authentic(document: Mapping[str, Any], platform_public_key: str) -> bool:
    """True when ``signature`` is the pinned platform key's Ed25519 signature of the other fields."""
    signature = document.get("signature")
    if not isinstance(signature, str):
        return False
    try:
        raw_signature = base64.b64decode(signature, validate=True)
        key = base64.b64decode(platform_public_key, validate=True)
        message = canonical_json({k: v for k, v in document.items() if k != "signature"})
    except (ValueError, TypeError):
        return False
    return verify_signature(key, raw_signature, message)


def verify_pack(document: Mapping[str, Any], platform_public_key: str) -> PackRelease:
    """The pack release, once its signature and shape are checked; raises ``UpdateRefused``."""
    return _verify(document, platform_public_key, PackRelease, "参考数据包")


def verify_app(document: Mapping[str, Any], platform_public_key: str) -> AppRelease:
    """The app manifest, once its signature and shape are checked; raises ``UpdateRefused``."""
    return _verify(document, platform_public_key, AppRelease, "版本清单")


ReleaseT = TypeVar("ReleaseT", bound=_Release)


def _verify(
    document: Mapping[str, Any], platform_public_key: str, model: type[ReleaseT], what: str
) -> ReleaseT:
    if not is_authentic(document, platform_public_key):
        raise _tampered(what)
    try:
        release = model.model_validate(dict(document))
    except ValidationError as wrong:
        first = wrong.errors()[0]
        field = ".".join(str(part) for part in first.get("loc", ())) or "document"
        raise UpdateRefused(
            f"{what}格式不正确（字段 {field}）。本机继续使用现有版本；请联系IT支持。",
            f"The {what_en(what)} is malformed (field {field}: {first.get('msg')}). "
            "The desk keeps the version it runs; contact IT support.",
            code="update_refused.malformed",
        ) from None
    expires = getattr(release, "expires_at", None)
    if release.issued_at.tzinfo is None or (expires is not None and expires.tzinfo is None):
        raise UpdateRefused(
            f"{what}的签发时间或过期时间缺少时区。",
            f"The {what_en(what)} issued_at or expires_at has no time zone.",
            code="update_refused.malformed",
        )
    return release
