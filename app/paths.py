"""Where a desk keeps its data: the data root and its two profiles."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from app.errors import UsageError

APP_NAME = "bizdesk"
APP_AUTHOR = "Shouguang"
DESK_PROFILE = "desk"
TRAINING_PROFILE = "training"


def data_root() -> Path:
    """``$BIZDESK_HOME`` when set, else the platform's per-user data folder."""
    configured = os.environ.get("BIZDESK_HOME", "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path(user_data_dir(APP_NAME, APP_AUTHOR))


@dataclass(frozen=True)
class Profile:
    """One profile: the real desk, or the training copy that can never reach the real platform."""

    name: str
    root: Path

    @property
    def training(self) -> bool:
        return self.name == TRAINING_PROFILE

    @property
    def database(self) -> Path:
        return self.root / "bizdesk.db"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def browser_profile(self) -> Path:
        """The browser profile folder of the desk's app window (``app.window``), beside the profile's
        folder: ``browser-profile`` for the desk, ``browser-profile-training`` for training."""
        return self.root.parent / ("browser-profile-training" if self.training else "browser-profile")

    @property
    def tmp(self) -> Path:
        """Scratch space inside the profile: never the system temp folder."""
        return self.root / "tmp"

    def ensure(self) -> Profile:
        """Create the data root and the profile folders, readable by the owner only (0700)."""
        private_folder(self.root.parent)
        for folder in (self.root, self.attachments, self.backups, self.logs, self.tmp):
            private_folder(folder)
        return self


class DataRootUnusable(UsageError):
    code = "paths.data_root"

    def __init__(self, folder: Path) -> None:
        super().__init__(
            f"数据目录 {folder} 不是文件夹（BIZDESK_HOME 指向了一个文件？）；"
            "请把 BIZDESK_HOME 设为一个文件夹。",
            f"The data folder {folder} is not a folder (does BIZDESK_HOME point at a file?); set "
            "BIZDESK_HOME to a folder.",
        )


def private_folder(folder: Path) -> Path:
    """Create ``folder`` (and its parents) if needed and make it the owner's only (0700 on POSIX)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise DataRootUnusable(folder) from None
    if not folder.is_dir():
        raise DataRootUnusable(folder)
    if os.name == "posix":
        folder.chmod(0o700)
    return folder


def profile(training: bool) -> Profile:
    name = TRAINING_PROFILE if training else DESK_PROFILE
    return Profile(name=name, root=data_root() / name)
