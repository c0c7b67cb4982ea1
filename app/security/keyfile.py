"""The profile's key file (``keys.json``): the data key's wraps, nothing personal.

    {"format": "bizdesk.keys/1", "profile_id": "...", "key_version": 3,
     "created_at": "...", "rotated_at": "...", "recovery_public_key": "<base64>" | null,
     "wraps": [{"method": "kek", "account": "...", ...}, {"method": "passphrase", ...}, ...]}

Each wrap binds ``aad()`` = profile id and key version, so a wrap copied from another
profile or an older key does not unwrap.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.errors import ProfileError
from app.security.atomic import write_atomic
from app.security.wrapping import b64, unb64

FORMAT = "bizdesk.keys/1"
FILE_NAME = "keys.json"


class KeyFileDamaged(ProfileError):
    code = "profile.keyfile"

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"密钥文件 {path.name} 损坏或格式不对，无法解锁；请联系IT支持用备份或恢复密钥恢复。",
            f"The key file {path.name} is damaged or has an unknown format; call IT support to restore "
            "from a backup or with the recovery key.",
        )


@dataclass(frozen=True)
class KeyFile:
    profile_id: str
    key_version: int
    created_at: str
    rotated_at: str | None = None
    recovery_public_key: bytes | None = None
    wraps: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    def aad(self) -> bytes:
        return f"bizdesk.dek/1|{self.profile_id}|{self.key_version}".encode()

    def wrap(self, method: str) -> dict[str, Any] | None:
        return next((w for w in self.wraps if w.get("method") == method), None)

    def with_wraps(self, wraps: list[dict[str, Any]]) -> KeyFile:
        return replace(self, wraps=tuple(wraps))

    def methods(self) -> list[str]:
        return [str(w.get("method")) for w in self.wraps]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "profile_id": self.profile_id,
            "key_version": self.key_version,
            "created_at": self.created_at,
            "rotated_at": self.rotated_at,
            "recovery_public_key": None
            if self.recovery_public_key is None
            else b64(self.recovery_public_key),
            "wraps": list(self.wraps),
        }


def new_profile_id() -> str:
    return str(uuid.uuid4())


def now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def path_in(root: Path) -> Path:
    return root / FILE_NAME


def load(path: Path) -> KeyFile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError("format")
        recovery = data.get("recovery_public_key")
        return KeyFile(
            profile_id=str(data["profile_id"]),
            key_version=int(data["key_version"]),
            created_at=str(data["created_at"]),
            rotated_at=data.get("rotated_at"),
            recovery_public_key=None if recovery is None else unb64(recovery),
            wraps=tuple(dict(w) for w in data["wraps"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise KeyFileDamaged(path) from error


def save(path: Path, key_file: KeyFile) -> None:
    text = json.dumps(key_file.to_json(), indent=2, sort_keys=True) + "\n"
    write_atomic(path, text.encode("utf-8"))
