"""Where a desk keeps its data: the data root and its two profiles."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

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
    def tmp(self) -> Path:
        """Scratch space inside the profile: never the system temp folder."""
        return self.root / "tmp"

    def ensure(self) -> Profile:
        """Create the profile folders, readable by the owner only."""
        for folder in (self.root, self.attachments, self.backups, self.logs, self.tmp):
            folder.mkdir(parents=True, exist_ok=True)
            if os.name == "posix":
                folder.chmod(0o700)
        return self


def profile(training: bool) -> Profile:
    name = TRAINING_PROFILE if training else DESK_PROFILE
    return Profile(name=name, root=data_root() / name)
