"""Profile files on disk (issue 13, points 5, 7, 10): damage is never a fresh start, scratch files of a
killed backup go at the next start, everything is the owner's only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.paths import Profile
from app.security.profile_keys import DatabaseMissing
from app.wiring.profile import open_profile
from tests.integration.store.conftest import PASSPHRASE

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def _create(profile: Profile) -> None:
    with open_profile(profile, passphrase=PASSPHRASE):
        pass


@pytest.mark.parametrize("damage", ["missing", "empty"])
def test_a_lost_database_beside_its_key_file_is_damage_not_a_fresh_start(
    desk_profile: Profile, damage: str
) -> None:
    _create(desk_profile)
    for path in desk_profile.root.glob("bizdesk.db*"):
        path.unlink()
    if damage == "empty":
        desk_profile.database.write_bytes(b"")
    with pytest.raises(DatabaseMissing) as refused:
        open_profile(desk_profile, passphrase=PASSPHRASE)
    assert "bizdesk restore" in refused.value.message_zh
    assert desk_profile.database.exists() == (damage == "empty")  # nothing was created in its place
    if damage == "empty":
        assert desk_profile.database.stat().st_size == 0


_KILLED_BACKUP = """
import os, sys, time
from pathlib import Path
from app.paths import Profile
from app.security.scratch import hold_marker
profile = Profile("desk", Path(sys.argv[1]))
partial = Path(sys.argv[2])
marker, lock = hold_marker(profile.tmp, "backup-abc123", partial)
(profile.tmp / "backup-abc123.db").write_bytes(b"x" * 4096)
partial.write_bytes(b"y" * 4096)
print("ready", flush=True)
time.sleep(600)
"""


def test_a_killed_backup_leaves_nothing_after_the_next_start(desk_profile: Profile, tmp_path: Path) -> None:
    _create(desk_profile)
    partial = tmp_path / ".b.bin.partial"
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_BACKUP, str(desk_profile.root), str(partial)], stdout=subprocess.PIPE
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == b"ready"
    _create(desk_profile)  # a running backup (another process) keeps its files
    assert partial.exists()
    assert (desk_profile.tmp / "backup-abc123.db").exists()
    child.kill()
    child.wait()
    child.stdout.close()
    _create(desk_profile)
    assert not partial.exists()
    assert list(desk_profile.tmp.iterdir()) == []


@POSIX
def test_every_profile_file_and_folder_is_the_owners_only(desk_profile: Profile, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    with open_profile(desk_profile, passphrase=PASSPHRASE) as opened, opened.store.unit_of_work() as uow:
        uow.audit.append("test", actor=None)
        uow.commit()
        files = {p.name: p.stat().st_mode & 0o777 for p in desk_profile.root.glob("bizdesk.db*")}
    assert set(files) >= {"bizdesk.db", "bizdesk.db-wal", "bizdesk.db-shm"}
    assert set(files.values()) == {0o600}
    for folder in (home, desk_profile.root, desk_profile.logs, desk_profile.tmp, desk_profile.backups):
        assert folder.stat().st_mode & 0o777 == 0o700, folder


@POSIX
def test_the_crash_log_is_private(tmp_path: Path) -> None:
    from app.crashlog import record_crash

    try:
        raise RuntimeError("boom 110105194912310021")
    except RuntimeError as error:
        record_crash(error)
    log = tmp_path / "home" / "logs" / "crash.log"
    assert log.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "home").stat().st_mode & 0o777 == 0o700
    assert log.parent.stat().st_mode & 0o777 == 0o700
    assert "110105194912310021" not in log.read_text(encoding="utf-8")
