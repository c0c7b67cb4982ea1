"""Which CJK fonts the UI uses: read from the manifest ``scripts/install_fonts.py`` writes.

Flutter web would fetch CJK fonts from a CDN (tofu offline), so bizdesk ships its own:
a primary font for common text and fallbacks for rare name characters (生僻字, CJK
Extension A/B and beyond). The fonts are copied from Debian packages at install time
into ``assets/fonts/`` with ``fonts.json`` beside them::

    {"format": "bizdesk.fonts/1",
     "fonts": [{"family": "BizdeskCJK", "file": "wqy-microhei.ttc", "role": "primary",
                "package": "fonts-wqy-microhei", "subfont_index": 0}, ...]}

The first font is the primary one, the others are fallbacks in order. All have TrueType
(glyf) outlines, so ``forms`` can embed the same files in PDFs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
FONTS_DIR = ASSETS_DIR / "fonts"
MANIFEST_NAME = "fonts.json"
MANIFEST_FORMAT = "bizdesk.fonts/1"


@dataclass(frozen=True)
class FontFile:
    family: str
    path: Path
    role: str  # primary | fallback
    package: str = ""
    subfont_index: int = 0


@dataclass(frozen=True)
class FontPlan:
    """The installed fonts, primary first; empty when the installer has not run."""

    files: tuple[FontFile, ...] = field(default_factory=tuple)

    @property
    def primary(self) -> str | None:
        return self.files[0].family if self.files else None

    @property
    def fallbacks(self) -> list[str]:
        return [font.family for font in self.files[1:]]

    def asset_paths(self, assets_dir: Path = ASSETS_DIR) -> dict[str, str]:
        """family -> path relative to the assets dir, as Flet's ``page.fonts`` wants it."""
        return {font.family: font.path.relative_to(assets_dir).as_posix() for font in self.files}


def font_plan(fonts_dir: Path = FONTS_DIR) -> FontPlan:
    """The fonts listed in the manifest whose files exist; an absent manifest gives an empty plan."""
    manifest = fonts_dir / MANIFEST_NAME
    if not manifest.is_file():
        return FontPlan()
    data = json.loads(manifest.read_text(encoding="utf-8"))
    if data.get("format") != MANIFEST_FORMAT:
        raise ValueError(f"{manifest}: unknown format {data.get('format')!r}")
    files = [
        FontFile(
            family=str(entry["family"]),
            path=fonts_dir / str(entry["file"]),
            role=str(entry.get("role", "fallback")),
            package=str(entry.get("package", "")),
            subfont_index=int(entry.get("subfont_index", 0)),
        )
        for entry in data.get("fonts", [])
    ]
    return FontPlan(tuple(font for font in files if font.path.is_file()))
