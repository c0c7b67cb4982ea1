"""Copy bizdesk's CJK fonts from Debian packages into assets/fonts/ and write fonts.json.

Run by ``./dev`` after the apt installs, with any Python 3 (standard library only):

    python scripts/install_fonts.py [--source-root /usr/share/fonts] [--dest assets/fonts]

Fonts (all TrueType/glyf outlines, so the PDFs can embed the same files):

  family          Debian package       file              covers
  BizdeskCJK      fonts-wqy-microhei   wqy-microhei.ttc  Latin, CJK Unified Ideographs (20,932)
  BizdeskCJKExtA  fonts-wqy-zenhei     wqy-zenhei.ttc    + CJK Extension A (6,582), same design
  BizdeskCJKExtB  fonts-hanazono       HanaMinB.ttf      CJK Extension B (42,711) and C-F (17,606)

Font binaries are never committed (assets/fonts/ is git-ignored). A missing primary font
is an error; a missing fallback is a warning (rare name characters would show as boxes).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import struct
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST_FORMAT = "bizdesk.fonts/1"

# (family, role, Debian package, path under the source root)
FONTS: tuple[tuple[str, str, str, str], ...] = (
    ("BizdeskCJK", "primary", "fonts-wqy-microhei", "truetype/wqy/wqy-microhei.ttc"),
    ("BizdeskCJKExtA", "fallback", "fonts-wqy-zenhei", "truetype/wqy/wqy-zenhei.ttc"),
    ("BizdeskCJKExtB", "fallback", "fonts-hanazono", "truetype/hanazono/HanaMinB.ttf"),
)


def find_source(source_root: Path, relative: str) -> Path | None:
    """The packaged path, or the same file name anywhere under the root (other distributions)."""
    exact = source_root / relative
    if exact.is_file():
        return exact
    return next(iter(sorted(source_root.rglob(Path(relative).name))), None)


def has_truetype_outlines(path: Path) -> bool:
    """True when the (first) font in a .ttf/.ttc has a glyf table: reportlab cannot embed CFF."""
    with path.open("rb") as font:
        head = font.read(16)
        offset = 0
        if head[:4] == b"ttcf":
            offset = struct.unpack(">I", head[12:16])[0]
        font.seek(offset + 4)
        (tables,) = struct.unpack(">H", font.read(2))
        font.seek(offset + 12)
        directory = font.read(16 * tables)
    return any(directory[i : i + 4] == b"glyf" for i in range(0, len(directory), 16))


def copy_if_changed(source: Path, target: Path) -> bool:
    if target.is_file() and target.stat().st_size == source.stat().st_size:
        return False
    partial = target.with_name(target.name + ".part")
    shutil.copyfile(source, partial)
    os.replace(partial, target)
    return True


def write_manifest(dest: Path, entries: list[dict[str, object]]) -> None:
    text = json.dumps({"format": MANIFEST_FORMAT, "fonts": entries}, ensure_ascii=False, indent=2) + "\n"
    handle, temporary = tempfile.mkstemp(dir=dest, prefix=".fonts-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(temporary, 0o644)
    os.replace(temporary, dest / "fonts.json")


def install(source_root: Path, dest: Path) -> int:
    dest.mkdir(parents=True, exist_ok=True)
    entries: list[dict[str, object]] = []
    for family, role, package, relative in FONTS:
        source = find_source(source_root, relative)
        if source is None or not has_truetype_outlines(source):
            level = "错误 error" if role == "primary" else "警告 warning"
            print(
                f"[fonts] {level}: 未找到字体 {relative}，请安装 Debian 软件包 {package}。"
                f" (Font {relative} not found: apt-get install {package}.)",
                file=sys.stderr,
            )
            if role == "primary":
                return 1
            continue
        copied = copy_if_changed(source, dest / source.name)
        print(f"[fonts] {family}: {source.name} ({package}){' copied' if copied else ' up to date'}")
        entries.append(
            {"family": family, "file": source.name, "role": role, "package": package, "subfont_index": 0}
        )
    write_manifest(dest, entries)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-root", type=Path, default=Path("/usr/share/fonts"))
    parser.add_argument("--dest", type=Path, default=ROOT / "assets" / "fonts")
    args = parser.parse_args(argv)
    return install(args.source_root, args.dest)


if __name__ == "__main__":
    sys.exit(main())
