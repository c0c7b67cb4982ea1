"""Update releases the sandbox serves from a folder (``bizdesk sandbox --pack DIR``).

The folder holds release bodies as JSON files: ``reference-*.json`` (reference-pack releases) and
``app-manifest.json`` (the app release), with the wheels the app release names beside it (served by
``GET /v1/updates/app-files/{name}``). Of the reference packs the highest version is served. An
unsigned app release may name its wheels by ``name`` alone: their ``size`` and ``sha256`` are
filled in from the files before it is signed, as a platform operator's publishing step would. A body without a
``signature`` is signed with the platform key when served (``key_id`` and ``kind`` filled in); a
body that already has one is served exactly as it is (a release signed elsewhere, or a tampered
one: desks must refuse what does not verify). The folder is read on every request, so a file
dropped in is offered at once.
"""

from __future__ import annotations

import functools
import hashlib
import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.updates.documents import MAX_PACK_BYTES
from app.updates.policy import version_key
from sync.protocol.signed import sign_document
from sync.sandbox.platform import Platform
from sync.sandbox.problems import ApiProblem

PACK_KIND = "bizdesk.reference-pack/1"
APP_KIND = "bizdesk.app-manifest/1"
APP_FILE = "app-manifest.json"


def _read(path: Path) -> dict[str, Any]:
    """A release body from the folder, read up to the cap a desk accepts (docs/updates-and-fleet.md)."""
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_PACK_BYTES + 1)
        if len(data) > MAX_PACK_BYTES:
            raise ValueError(f"larger than {MAX_PACK_BYTES} bytes, the cap desks accept")
        body = json.loads(data.decode("utf-8"))
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
    body = _read(folder / APP_FILE)
    if "signature" not in body:
        body["wheels"] = [_described(folder, wheel) for wheel in body.get("wheels") or []]
    return _served(platform, body, APP_KIND)


def _described(folder: Path, wheel: Any) -> Any:
    """A wheel entry with the size and SHA-256 of the file in the folder (an entry that has them stays)."""
    if not isinstance(wheel, dict) or "sha256" in wheel or not isinstance(wheel.get("name"), str):
        return wheel
    path = folder / Path(wheel["name"]).name
    try:
        facts = path.stat()
    except OSError:
        raise ApiProblem(500, "release_unreadable", "Release unreadable", f"{path.name} is missing") from None
    return {**wheel, "size": facts.st_size, "sha256": _file_sha256(path, facts.st_size, facts.st_mtime_ns)}


@functools.lru_cache(maxsize=64)
def _file_sha256(path: Path, size: int, mtime_ns: int) -> str:
    """The file's SHA-256, hashed once per version of it (size and mtime in the key: a file replaced in
    the folder is hashed again), read in blocks; the manifest is asked for on every desk's check."""
    del size, mtime_ns  # the cache key only
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def app_file(platform: Platform, name: str) -> Path:
    """A wheel the current app release names; 404 ``not_found`` for any other name."""
    folder = _folder(platform)
    named = {
        str(wheel.get("name"))
        for wheel in app_manifest(platform).get("wheels") or []
        if isinstance(wheel, dict)
    }
    if folder is None or name not in named or not (folder / name).is_file():
        raise ApiProblem(
            404,
            "not_found",
            "Not found",
            f"The app release names no file {name}.",
            title_zh="文件不存在",
            detail_zh="当前软件版本清单中没有此文件。",
        )
    return folder / name


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


def write_app_release(folder: Path, version: str, wheels: Sequence[Path], **fields: Any) -> Path:
    """Copy ``wheels`` into the folder; write an unsigned app release naming them (``app-manifest.json``)."""
    folder.mkdir(parents=True, exist_ok=True)
    for wheel in wheels:
        if wheel.parent.resolve() != folder.resolve():
            shutil.copy2(wheel, folder / wheel.name)
    body = {"version": version, "wheels": [{"name": wheel.name} for wheel in wheels], **fields}
    path = folder / APP_FILE
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return path
