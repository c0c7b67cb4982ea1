"""One process owns a profile's store at a time: a running desk keeps IT's restore, re-key and key
recovery commands out (and a second desk), each refused with the reason before anything changes;
the lock goes with its holder, a killed one included."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.cli import main
from app.errors import ProfileError
from app.paths import Profile
from app.store.in_use import ProfileInUse, hold_for_desk, lock_path
from app.wiring.profile import open_profile
from tests.integration.store.conftest import IT, PASSPHRASE

REPO = Path(__file__).resolve().parents[3]


def _fingerprint(profile: Profile) -> dict[str, str]:
    """Every file of the profile and its content hash."""
    return {
        str(path.relative_to(profile.root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(profile.root.rglob("*"))
        if path.is_file()
    }


def test_a_second_desk_on_one_profile_is_refused_until_the_first_closes(desk_profile: Profile) -> None:
    first = hold_for_desk(desk_profile)
    with pytest.raises(ProfileInUse) as refused:
        hold_for_desk(desk_profile)
    assert refused.value.code == "profile.in_use"
    assert "正被另一个 bizdesk 使用" in refused.value.message_zh
    assert str(desk_profile.root) in refused.value.message_zh
    first.release()
    hold_for_desk(desk_profile).release()
    assert lock_path(desk_profile).parent == desk_profile.root.parent  # beside it: a restore moves the folder


def test_it_commands_that_replace_the_store_wait_for_the_desk(
    run, desk_profile: Profile, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    backup = tmp_path / "desk.bizdesk-backup"
    assert run("backup", str(backup), BIZDESK_BACKUP_PASSPHRASE="backup passphrase 1", **IT)[0] == 0
    before = _fingerprint(desk_profile)
    desk = hold_for_desk(desk_profile)  # the desk runs
    try:
        for command, env in (
            (("db", "rekey"), {}),
            (("restore", str(backup)), {"BIZDESK_BACKUP_PASSPHRASE": "backup passphrase 1"}),
        ):
            code, _, err = run(*command, **IT, **env)
            assert code == 1, command
            assert "正被运行中的 bizdesk 桌面使用" in err
            assert "系统管理" in err
        assert _fingerprint(desk_profile) == before  # nothing read into or written
    finally:
        desk.release()
    code, out, _ = run("db", "rekey", **IT)  # the desk closed: IT's command runs
    assert code == 0
    assert "第2版" in out
    with open_profile(desk_profile, passphrase=PASSPHRASE) as opened:
        assert opened.key_file.key_version == 2


def test_a_killed_desk_leaves_no_lock_behind(desk_profile: Profile) -> None:
    holder = textwrap.dedent(
        f"""
        import os, sys, time
        from pathlib import Path
        from app.paths import Profile
        from app.store.in_use import hold_for_desk
        hold_for_desk(Profile({desk_profile.name!r}, Path({str(desk_profile.root)!r})))
        print("held", flush=True)
        time.sleep(600)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", holder], cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "held"
        with pytest.raises(ProfileInUse):  # another process's lock counts too
            hold_for_desk(desk_profile)
    finally:
        process.kill()
        process.wait()
        if process.stdout is not None:
            process.stdout.close()
    hold_for_desk(desk_profile).release()  # the kernel dropped the killed desk's lock


def test_a_data_folder_that_is_a_file_is_named_with_the_fix(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    with pytest.raises(ProfileError) as refused:
        hold_for_desk(Profile("desk", blocker / "desk"))
    assert refused.value.code == "profile.lock_unavailable"
    assert str(blocker) in refused.value.message_zh
    assert "BIZDESK_HOME" in refused.value.message_zh


def test_bizdesk_run_on_a_profile_in_use_says_so_and_opens_nothing(
    desk_profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:  # a port nobody listens on: the port check passes
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    first = hold_for_desk(desk_profile)  # a desk already runs on it (the fixture's BIZDESK_HOME)
    try:
        assert main(["run", "--web", "--port", str(port)]) == 1
    finally:
        first.release()
    said = capsys.readouterr().err
    assert "正被另一个 bizdesk 使用" in said
    assert not desk_profile.database.exists()  # nothing was opened or created
