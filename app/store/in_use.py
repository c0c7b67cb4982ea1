"""One process at a time owns a profile's store: the running desk, or an IT command that replaces it.

The desk holds an exclusive lock on ``.<profile folder>.lock`` beside the profile's folder (not in it:
a restore moves the folder aside) for as long as it runs; the commands that
swap or re-key the store under it (``bizdesk restore``, ``db rekey``, ``db recover``) take the same
lock for their duration. Whoever comes second is refused at once with the reason, before anything is
read or written: a desk left running would otherwise go on with the old key or write to files set
aside (系统管理 does these steps inside the desk, where the desk pauses its own sync around them).

The operating system drops the lock when its holder exits, a killed one included, so a crash never
leaves a profile locked. POSIX: ``flock``; Windows: ``msvcrt.locking`` on the file's first byte.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from app.errors import ProfileError
from app.paths import Profile

_BINARY = getattr(os, "O_BINARY", 0)


class ProfileInUse(ProfileError):
    code = "profile.in_use"


class ProfileHold:
    """The lock of one profile, held until ``release`` (or the process ends)."""

    def __init__(self, descriptor: int) -> None:
        self._descriptor: int | None = descriptor

    def release(self) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)  # closing drops the lock
            self._descriptor = None


def hold_for_desk(profile: Profile) -> ProfileHold:
    """The running desk's lock on ``profile``; ``ProfileInUse`` when another desk or an IT command has it."""
    hold = _try_lock(profile)
    if hold is None:
        raise ProfileInUse(
            f"本机数据（{profile.root}）正被另一个 bizdesk 使用：另一个已打开的桌面，或 IT 正在执行的"
            "恢复/更换密钥命令。请先关闭它（或等命令结束）再启动。",
            f"The local profile ({profile.root}) is in use by another bizdesk: a desk already open, or an "
            "IT restore or re-key command. Close it (or let the command finish) and start again.",
        )
    return hold


@contextlib.contextmanager
def held_for_maintenance(profile: Profile, action_zh: str, action_en: str) -> Iterator[None]:
    """``profile`` locked for an IT command that replaces or re-keys its store; ``ProfileInUse``
    (nothing done) while a desk runs on it."""
    hold = _try_lock(profile)
    if hold is None:
        raise ProfileInUse(
            f"本机数据（{profile.root}）正被运行中的 bizdesk 桌面使用，不能{action_zh}。请先关闭桌面再执行此"
            f"命令，或在桌面的「系统管理」中{action_zh}。",
            f"The local profile ({profile.root}) is in use by a running bizdesk desk: cannot {action_en}. "
            f"Close the desk and run the command again, or {action_en} in the desk's 系统管理.",
        )
    try:
        yield
    finally:
        hold.release()


def _try_lock(profile: Profile) -> ProfileHold | None:
    try:
        path = lock_path(profile)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | _BINARY, 0o600)
    except OSError as error:
        raise ProfileError(
            f"无法在 {profile.root.parent} 中建立本机数据的使用锁（{error.strerror}）：请检查该文件夹是否"
            "存在且可写，或把 BIZDESK_HOME 设为可写的文件夹。",
            f"Cannot make the profile's lock in {profile.root.parent} ({error.strerror}): check that the "
            "folder exists and is writable, or set BIZDESK_HOME to a writable folder.",
            code="profile.lock_unavailable",
        ) from None
    if _lock(descriptor):
        return ProfileHold(descriptor)
    os.close(descriptor)
    return None


def _lock(descriptor: int) -> bool:
    """Take the exclusive lock without waiting; False when another holder has it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def lock_path(profile: Profile) -> Path:
    """``.<name>.lock`` in the folder that holds the profile's folder (the lock file is 0600)."""
    profile.root.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    return profile.root.parent / f".{profile.root.name}.lock"
