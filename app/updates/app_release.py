"""An app release's files on the desk: checking a download and the staged folder against the release.

The signed release names each wheel with its size and SHA-256, so the wheels themselves need no
signature: a file that differs from what the platform signed is refused, whether it was altered on
the way or on the disk while it waited to be installed. Installing (``app.services.app_updates``)
checks the staged folder again right before it runs the installer.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from app.updates.documents import AppFile, AppRelease, UpdateRefused


def check_download(wheel: AppFile, data: bytes) -> None:
    """Raise ``UpdateRefused`` when downloaded bytes are not the file the release names."""
    if len(data) != wheel.size or hashlib.sha256(data).hexdigest() != wheel.sha256:
        raise _altered(wheel.name, "下载的")


def check_staged(release: AppRelease, folder: Path) -> None:
    """Raise ``UpdateRefused`` unless every wheel of the release lies in ``folder`` unchanged."""
    for wheel in release.wheels:
        path = folder / wheel.name
        if not path.is_file():
            raise UpdateRefused(
                f"待安装的文件 {wheel.name} 不见了；请联网后重新检查更新。本机继续使用现有版本。",
                f"The staged file {wheel.name} is missing; check for updates again while online. "
                "The desk keeps the version it runs.",
                code="update_refused.files",
            )
        if path.stat().st_size != wheel.size or _sha256(path) != wheel.sha256:
            raise _altered(wheel.name, "已下载待安装的")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _altered(name: str, where_zh: str) -> UpdateRefused:
    return UpdateRefused(
        f"{where_zh}文件 {name} 与政务平台签名的版本清单不符（大小或SHA-256不同），可能被篡改，已拒绝安装。"
        "本机继续使用现有版本；请联系IT支持。",
        f"The file {name} does not match the signed app release (size or SHA-256 differs): it may have "
        "been altered, and was not installed. The desk keeps the version it runs; contact IT support.",
        code="update_refused.files",
    )
