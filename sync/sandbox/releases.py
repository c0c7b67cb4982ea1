"""Update releases the sandbox serves from a folder (``bizdesk sandbox --pack DIR``).

The folder holds release bodies as JSON files: ``reference-*.json`` (reference-pack releases) and
``app-manifest.json``. Of the reference packs the highest version is served. A body without a
``signature`` is signed with the platform key when served (``key_id`` and ``kind`` filled in); a
body that already has one is served exactly as it is (a release signed elsewhere, or a tampered
one: desks must refuse what does not verify). The folder is read on every request, so a file
dropped in is offered at once.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.updates.policy import version_key
from sync.protocol.signed import sign_document
from sync.sandbox.platform import Platform
from sync.sandbox.problems import ApiProblem

PACK_KIND = "bizdesk.reference-pack/1"
APP_KIND = "bizdesk.app-manifest/1"
APP_FILE = "app-manifest.json"


def _read(path: Path) -> dict[str, Any]:
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as broken:
        raise ApiProblem(500, "release_unreadable", "Release unreadable", f"{path.name}: {broken}") from None
    if not isinstance(body, dict):
        raise ApiProblem(500, "release_unreadable", "Release unreadable", f"{path.name} is not an object")
    return body


def _served(platform: Platform, body: dict[str, Any], kind: str) -> dict[str, Any]:
    if "signature" in body:
        return body
    document = {"kind": kind, "issued_at": _stamp(platform), **body, "key_id": platform.key_id}
    return sign_document(document, platform.key)


def _stamp(platform: Platform) -> str:
    return platform.now().isoformat(timespec="seconds").replace("+00:00", "Z")


def _none(what: str) -> ApiProblem:
    return ApiProblem(
        404,
        "no_release",
        "No release",
        f"The platform offers no {what}.",
        title_zh="暂无更新",
        detail_zh="政务平台当前没有提供此类更新。",
    )


def _folder(platform: Platform) -> Path | None:
    folder = platform.config.pack_dir
    return folder if folder is not None and folder.is_dir() else None


def latest_pack(platform: Platform) -> dict[str, Any]:
    """The newest reference-pack release in the folder, signed; 404 ``no_release`` when none."""
    folder = _folder(platform)
    bodies = [_read(path) for path in sorted(folder.glob("reference-*.json"))] if folder else []
    if not bodies:
        raise _none("reference pack")
    newest = max(bodies, key=lambda body: version_key(str(body.get("version"))))
    return _served(platform, newest, PACK_KIND)


def app_manifest(platform: Platform) -> dict[str, Any]:
    """The app-version manifest in the folder, signed; 404 ``no_release`` when none."""
    folder = _folder(platform)
    if folder is None or not (folder / APP_FILE).is_file():
        raise _none("app manifest")
    return _served(platform, _read(folder / APP_FILE), APP_KIND)


def offered_versions(platform: Platform) -> tuple[str | None, str | None]:
    """(app version, reference pack version) on offer, for the fleet listing."""
    versions: list[str | None] = []
    for read in (app_manifest, latest_pack):
        try:
            versions.append(str(read(platform).get("version")))
        except ApiProblem:
            versions.append(None)
    return versions[0], versions[1]


def write_release(folder: Path, version: str, packs: dict[str, Any], **fields: Any) -> Path:
    """Write an unsigned reference-pack release body (``reference-<version>.json``) for the sandbox."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"reference-{version}.json"
    body = {"version": version, "packs": packs, **fields}
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return path
