"""Files named on the command line: each refusal is one sentence naming the file (exit 2).

input_file(path)        an existing regular file (not a folder, FIFO or device)
output_file(path)       a regular file to replace, or a new path in an existing folder
write_private(path, text)  atomic, readable by the owner only (the file holds personal data)
"""

from __future__ import annotations

import stat
from pathlib import Path

from app.errors import UsageError
from app.security.atomic import write_atomic


def input_file(path: Path) -> Path:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise UsageError(
            f"找不到文件 {path}，请检查路径。", f"File {path} not found; check the path."
        ) from None
    except OSError as error:
        raise UsageError(
            f"无法读取 {path}（{error.strerror}），请检查路径和权限。",
            f"Cannot read {path} ({error.strerror}); check the path and permissions.",
        ) from None
    if stat.S_ISDIR(mode):
        raise UsageError(
            f"{path} 是文件夹，请指定其中的一个文件。", f"{path} is a folder; name a file inside it."
        )
    if not stat.S_ISREG(mode):
        raise UsageError(
            f"{path} 不是普通文件（可能是设备或管道），请指定一个普通文件。",
            f"{path} is not a regular file (a device or a pipe?); name a regular file.",
        )
    return path


def read_limited(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of ``path`` (so the caller can tell a file past the limit)."""
    try:
        with input_file(path).open("rb") as handle:
            return handle.read(limit + 1)
    except OSError as error:  # /proc/self/mem: a "regular file" that cannot be read
        raise UsageError(
            f"无法读取 {path}（{error.strerror or type(error).__name__}）；请指定一个可读的案卷文件"
            "（如 bizdesk case export 导出的 .json 文件）。",
            f"Cannot read {path} ({error.strerror or type(error).__name__}); name a readable case file "
            "(a .json file from bizdesk case export).",
        ) from None


def output_file(path: Path) -> Path:
    """``path`` if writing there replaces a regular file or creates one in an existing folder."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise UsageError(
                f"文件夹 {path.parent} 不存在，请先创建它或换一个位置。",
                f"The folder {path.parent} does not exist; create it or choose another place.",
            ) from None
        return path
    if stat.S_ISDIR(mode):
        raise UsageError(
            f"{path} 是文件夹，请指定要写入的文件名（如 {path / 'case.json'}）。",
            f"{path} is a folder; name the file to write (like {path / 'case.json'}).",
        )
    if not stat.S_ISREG(mode):
        raise UsageError(
            f"{path} 不是普通文件（可能是设备或管道），不会被替换；请指定普通文件或新文件名。",
            f"{path} is not a regular file (a device or a pipe?) and is not replaced; name a regular "
            "file or a new one.",
        )
    return path


def write_private(path: Path, text: str) -> None:
    """Write atomically, readable by the owner only: the file holds personal data."""
    write_atomic(output_file(path), text.encode("utf-8"))
