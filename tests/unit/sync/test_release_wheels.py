"""The sandbox describes an unsigned app release's wheels from the files in its folder: size and
SHA-256 as they are now (a wheel replaced in the folder is described anew), hashed once per version."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from sync.sandbox import releases
from sync.sandbox.problems import ApiProblem


def test_a_wheel_is_described_as_the_file_now_is(tmp_path: Path) -> None:
    wheel = tmp_path / "bizdesk-9.9.9-py3-none-any.whl"
    wheel.write_bytes(b"first build")
    first = releases._described(tmp_path, {"name": wheel.name})
    assert first == {"name": wheel.name, "size": 11, "sha256": hashlib.sha256(b"first build").hexdigest()}
    assert releases._described(tmp_path, {"name": wheel.name}) == first  # asked again: the same answer
    wheel.write_bytes(b"second, longer build")
    stat = wheel.stat()
    os.utime(wheel, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    again = releases._described(tmp_path, {"name": wheel.name})
    assert again["sha256"] == hashlib.sha256(b"second, longer build").hexdigest()
    assert again["size"] == len(b"second, longer build")


def test_an_entry_with_its_hash_is_kept_and_a_missing_wheel_is_named(tmp_path: Path) -> None:
    given = {"name": "x.whl", "size": 1, "sha256": "0" * 64}
    assert releases._described(tmp_path, given) == given
    with pytest.raises(ApiProblem) as missing:
        releases._described(tmp_path, {"name": "gone.whl"})
    assert "gone.whl is missing" in missing.value.body.detail
