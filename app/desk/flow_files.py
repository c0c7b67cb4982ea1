"""Files the flow reads or shows: a scan the clerk attaches, the packet's first page as an image.

Nothing here writes to disk: a scan is read from the path the clerk gave and handed on (the caller
stores it encrypted); the first page is rendered by poppler's ``pdftoppm`` from stdin to stdout.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from app.errors import InputRejected

MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".pdf": "application/pdf"}
MAX_SCAN_BYTES = 20 * 1024 * 1024


def read_scan(path: str) -> tuple[bytes, str]:
    source = Path(path.strip().strip('"')).expanduser()
    media_type = MEDIA_TYPES.get(source.suffix.lower())
    if media_type is None:
        raise InputRejected(
            "只能上传图片（PNG、JPG）或PDF扫描件，请重新选择文件。",
            "Only images (PNG, JPG) or PDF scans can be attached; choose another file.",
        )
    try:
        data = source.read_bytes()
    except OSError:
        raise InputRejected(
            f"找不到或无法读取文件：{source}，请核对路径。",
            f"The file {source} cannot be read; check the path.",
        ) from None
    if not data or len(data) > MAX_SCAN_BYTES:
        raise InputRejected(
            "扫描件为空或超过20MB，请重新扫描。", "The scan is empty or over 20 MB; scan again."
        )
    return data, media_type


def first_page_png(pdf: bytes) -> bytes | None:
    """The first page as a small PNG, rendered in memory by poppler's pdftoppm (None without it)."""
    tool = shutil.which("pdftoppm")
    if tool is None or not pdf:
        return None
    try:
        done = subprocess.run(  # noqa: S603 - a fixed local tool, the PDF on stdin, the PNG on stdout
            [tool, "-png", "-f", "1", "-l", "1", "-r", "48", "-singlefile", "-"],  # no root: PNG on stdout
            input=pdf,
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 and done.stdout.startswith(b"\x89PNG") else None
