"""Staged app files are the owner's only, as docs/updates-and-fleet.md says: ``<profile>/updates`` and
its folders 0700, the wheels 0600, whatever the umask (issue 20 §1)."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from app.services.app_updates import AppReleases, _download
from app.updates.documents import AppFile, AppRelease

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


class Files:
    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    def app_file(self, name: str, *, size: int) -> bytes:
        return self.files[name]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_updates_folder_and_the_staged_wheels_are_private(tmp_path: Path) -> None:
    data = b"a wheel's bytes"
    name = "bizdesk-0.2.0-py3-none-any.whl"
    wheel = AppFile.model_construct(name=name, size=len(data), sha256=hashlib.sha256(data).hexdigest())
    release = AppRelease.model_construct(version="0.2.0", wheels=(wheel,))
    apps = AppReleases(tmp_path / "profile" / "updates" / "app", installer=None)  # type: ignore[arg-type]
    previous = os.umask(0o022)
    try:
        _download(apps, release, Files({name: data}))  # type: ignore[arg-type]
    finally:
        os.umask(previous)
    updates = tmp_path / "profile" / "updates"
    assert _mode(updates) == 0o700
    assert _mode(updates / "app") == 0o700
    assert _mode(updates / "app" / "0.2.0") == 0o700
    assert _mode(updates / "app" / "0.2.0" / name) == 0o600
