"""Building release bodies from a folder, for ``bizdesk release`` (docs/reference-packs.md).

``pack_body(folder, version, schedule)`` reads a reference pack's source folder: one JSON file per pack
(``divisions.json``, ``industries.json``, ``scope_catalogue.json``, ``service_guides.json``,
``wage_standards.json``, as shipped in ``app/reference/packs``) and, optionally, ``form_versions.json``
(``{"form code": "version"}``); it checks every pack as a desk would before installing it and returns
the unsigned release body (``kind``, ``version``, ``issued_at``, deadline, rollout, ``packs``,
``form_versions``). ``app_body(folder, version, schedule)`` lists the folder's wheels with their size and
SHA-256 (the bizdesk wheel of ``version`` among them). ``release_name`` is the file a platform's
release folder holds the body under. Signing is the caller's (the key is the platform's): a body is
signed over every field but ``signature``, as ``app.updates.documents`` verifies.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.errors import UsageError
from app.updates.documents import (
    APP_KIND,
    MAX_PACK_BYTES,
    PACK_KIND,
    PACK_NAMES,
    AppRelease,
    PackRelease,
    too_large,
)
from app.updates.packs import check_contents

FORM_VERSIONS = "form_versions.json"
UNSIGNED = {"key_id": "unsigned", "signature": "unsigned"}  # placeholders while the shape is checked


@dataclass(frozen=True)
class Schedule:
    """When a release is issued and due, and who gets it (``rollout``)."""

    issued_at: dt.datetime
    must_update_by: dt.datetime | None = None
    grace_days: int = 3
    branches: Sequence[str] = ()
    percent: int = 100

    def fields(self) -> dict[str, Any]:
        return {
            "issued_at": _iso(self.issued_at),
            "must_update_by": _iso(self.must_update_by) if self.must_update_by else None,
            "grace_days": self.grace_days,
            "rollout": {"branches": list(self.branches), "percent": self.percent},
        }


def pack_body(
    folder: Path,
    version: str,
    schedule: Schedule,
    *,
    expires_at: dt.datetime | None = None,
    offline_days: int | None = None,
) -> dict[str, Any]:
    """The unsigned reference-pack release of ``folder``; ``UsageError`` naming the file or field.

    ``expires_at`` and ``offline_days`` (the offline guard's limits, docs/updates-and-fleet.md) are
    written only when given: a desk of an earlier version refuses a release carrying them."""
    packs = {
        name: _json_file(folder / f"{name}.json")
        for name in PACK_NAMES
        if (folder / f"{name}.json").is_file()
    }
    missing = [name for name in PACK_NAMES if name not in packs and name != "wage_standards"]
    if missing:
        raise UsageError(
            f"参考数据包目录 {folder} 缺少：{'、'.join(f'{n}.json' for n in missing)}；请补齐后再生成。",
            f"The pack folder {folder} lacks {', '.join(f'{n}.json' for n in missing)}; add them first.",
            code="release.pack_incomplete",
        )
    forms = _json_file(folder / FORM_VERSIONS) if (folder / FORM_VERSIONS).is_file() else {}
    body = {
        "kind": PACK_KIND,
        "version": version,
        **schedule.fields(),
        "packs": packs,
        "form_versions": forms,
    }
    if expires_at is not None:
        body["expires_at"] = _iso(expires_at)
    if offline_days is not None:
        body["offline_days"] = offline_days
    check_contents(_checked(PackRelease, body))  # the packs load as a desk would load them
    return body


def app_body(
    folder: Path, version: str, schedule: Schedule, *, notes_zh: str = "", notes_en: str = ""
) -> dict[str, Any]:
    """The unsigned app release of the wheels in ``folder``, each with its size and SHA-256."""
    wheels = [_wheel(path) for path in sorted(folder.glob("*.whl"))]
    body = {
        "kind": APP_KIND,
        "version": version,
        **schedule.fields(),
        "notes_zh": notes_zh,
        "notes_en": notes_en,
        "wheels": wheels,
    }
    _checked(AppRelease, body)
    return body


def release_name(body: dict[str, Any]) -> str:
    """Where a platform's release folder keeps the body (``bizdesk sandbox --pack DIR`` reads these)."""
    if body.get("kind") == APP_KIND:
        return "app-manifest.json"
    return f"reference-{body.get('version')}.json"


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _checked(model: type[PackRelease] | type[AppRelease], body: dict[str, Any]) -> Any:
    try:
        return model.model_validate({**body, **UNSIGNED})
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(release)"
        raise UsageError(
            f"发布内容的字段 {where} 有误：{first['msg']}；请修正后再生成。",
            f"The release's field {where} is wrong ({first['msg']}); fix it and build again.",
            code="release.invalid",
        ) from error


def _json_file(path: Path) -> Any:
    """A pack source file, read up to the release's cap (the release holds every pack together)."""
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_PACK_BYTES + 1)
        if len(data) > MAX_PACK_BYTES:
            raise too_large("参考数据包", MAX_PACK_BYTES)
        return json.loads(data.decode("utf-8"))
    except (OSError, ValueError) as error:
        raise UsageError(
            f"无法读取 {path}（{type(error).__name__}）；请确认它是UTF-8编码的JSON文件。",
            f"Cannot read {path} ({type(error).__name__}); it must be a UTF-8 JSON file.",
            code="release.unreadable",
        ) from error


def _wheel(path: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
    return {"name": path.name, "sha256": digest.hexdigest(), "size": path.stat().st_size}
