"""Files the desk reads or writes at the clerk's word: a scan to attach, where an export, a reprint or
a packet goes, the packet's first page as an image.

A scan is read from the path the clerk gave and handed on (the caller stores it encrypted); a path
to write to is checked here before anything is written (``export_target``, ``packet_target``); the
first page is rendered by poppler's ``pdftoppm`` from stdin to stdout.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
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


def export_target(path: str, suffix: str) -> Path:
    """The clerk's path: absolute, ending in ``suffix``, in a folder that exists or can be made."""
    typed = path.strip()
    target = Path(typed).expanduser()
    if not typed or not target.is_absolute() or target.suffix.lower() != suffix:
        raise InputRejected(
            f"保存位置“{typed}”无效；请填写以 {suffix} 结尾的完整路径，例如 /home/柜员/导出/案卷{suffix}。",
            f"'{typed}' is not a usable place; type a full path ending in {suffix}.",
            code="export.path",
            data={"field": "path"},
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputRejected(
            f"无法在“{target.parent}”中保存：{error.strerror}；请换一个文件夹。",
            f"Cannot save in '{target.parent}': {error.strerror}; choose another folder.",
            code="export.folder",
            data={"field": "path"},
        ) from error
    return target


def packet_target(path: str) -> Path:
    """Where the 新办企业 flow saves a packet: a full path outside the system temp folder (the packet
    holds personal data), ``.pdf`` added when missing."""
    target = Path(path.strip()).expanduser()
    if not path.strip() or not target.is_absolute():
        raise InputRejected(
            "请填写完整的保存路径（如 /home/clerk/文档/申请材料.pdf）。",
            "Enter the full path to save to (e.g. /home/clerk/Documents/packet.pdf).",
        )
    if target.resolve().is_relative_to(Path(tempfile.gettempdir()).resolve()):
        raise InputRejected(
            "不能保存到系统临时文件夹（材料含个人信息），请另选文件夹。",
            "Not into the system temp folder (the packet holds personal data); choose another.",
        )
    return target if target.suffix.lower() == ".pdf" else target.with_suffix(".pdf")
