"""The PDF fonts: the CJK primary font and the fallbacks for rare characters, chosen per character.

The fonts are the ones ``scripts/install_fonts.py`` copies into ``assets/fonts/`` and lists in
``fonts.json`` (primary first, then fallbacks in order). All have TrueType outlines, so reportlab
embeds a subset of each. A character the primary font lacks (CJK Extension A, B and beyond, common in
names: 䶮, 𠀋) is drawn with the first fallback that has it, so it never prints as a blank box.

Fonts are loaded once per process and shared by every document (reportlab keeps the per-document
subset state in a weak dictionary, so nothing grows from one packet to the next). Fallbacks load only
when a character needs them.

reportlab writes the ToUnicode map of a subset as 16-bit values, which breaks text extraction of
characters beyond the BMP (Extension B); ``_ExtractableTTFont`` rewrites those maps in UTF-16.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.errors import BizdeskError

FONTS_DIR = Path(__file__).resolve().parent.parent / "assets" / "fonts"
MANIFEST_FORMAT = "bizdesk.fonts/1"
_TEXT_CACHE_LIMIT = 20_000


class FontsMissing(BizdeskError):
    """The installer has not run: no primary font to draw Chinese with."""

    code = "forms.fonts_missing"

    def __init__(self) -> None:
        super().__init__(
            "未安装打印所需的中文字体，无法生成表单；请联系IT支持运行安装程序（./dev desk）。",
            "The Chinese fonts for printing are not installed; ask IT support to run the installer "
            "(./dev desk).",
        )


@dataclass(frozen=True)
class FontFile:
    family: str
    path: Path
    subfont_index: int = 0


def installed_fonts(fonts_dir: Path = FONTS_DIR) -> tuple[FontFile, ...]:
    """The fonts listed in ``fonts.json`` whose files exist, primary first."""
    manifest = fonts_dir / "fonts.json"
    if not manifest.is_file():
        return ()
    data = json.loads(manifest.read_text(encoding="utf-8"))
    if data.get("format") != MANIFEST_FORMAT:
        raise ValueError(f"{manifest}: unknown format {data.get('format')!r}")
    found = (
        FontFile(str(e["family"]), fonts_dir / str(e["file"]), int(e.get("subfont_index", 0)))
        for e in data.get("fonts", [])
    )
    return tuple(f for f in found if f.path.is_file())


class FontSet:
    """Splits text into runs of one font each and measures it; thread-safe, shared by renderers."""

    def __init__(self, files: tuple[FontFile, ...]) -> None:
        if not files:
            raise FontsMissing()
        self._files = files
        self._fonts: list[TTFont | None] = [None] * len(files)
        self._lock = threading.Lock()
        self._choice: dict[str, int] = {}
        self._widths: dict[tuple[int, str], float] = {}
        self._text_widths: dict[str, float] = {}  # labels and values repeat across packets
        self.primary = files[0].family
        self._font(0)

    def runs(self, text: str) -> Iterator[tuple[str, str]]:
        """(font name, text) pieces of ``text``, each drawable with one font."""
        start, current = 0, -1
        for index, char in enumerate(text):
            chosen = self._index_for(char)
            if chosen != current and index > start:
                yield self._files[current].family, text[start:index]
                start = index
            current = chosen
        if start < len(text):
            yield self._files[current].family, text[start:]

    def width(self, text: str, size: float) -> float:
        """Width of ``text`` in points at ``size``."""
        found = self._text_widths.get(text)
        if found is None:
            if len(self._text_widths) > _TEXT_CACHE_LIMIT:
                self._text_widths.clear()  # bounded: a long-running desk never grows
            found = self._text_widths[text] = sum(self.char_width(char) for char in text)
        return found * size

    def char_width(self, char: str) -> float:
        """Width of one character in em."""
        index = self._index_for(char)
        key = (index, char)
        found = self._widths.get(key)
        if found is None:
            font = self._font(index)
            found = self._widths[key] = font.face.getCharWidth(ord(char)) / 1000.0
        return found

    def _index_for(self, char: str) -> int:
        found = self._choice.get(char)
        if found is not None:
            return found
        code = ord(char)
        chosen = 0
        if code >= 0x2E80:  # below: Latin, punctuation and symbols, all in the primary font
            chosen = next((i for i in range(len(self._files)) if code in self._cmap(i)), 0)
        self._choice[char] = chosen
        return chosen

    def _cmap(self, index: int) -> dict[int, int]:
        cmap: dict[int, int] = self._font(index).face.charToGlyph
        return cmap

    def _font(self, index: int) -> TTFont:
        font = self._fonts[index]
        if font is None:
            with self._lock:
                font = self._fonts[index]
                if font is None:
                    font = self._fonts[index] = _load(self._files[index])
        return font


_REGISTERED: dict[str, TTFont] = {}


def _load(file: FontFile) -> TTFont:
    """The font registered under its family name (once per process)."""
    found = _REGISTERED.get(file.family)
    if found is None:
        found = _ExtractableTTFont(file.family, str(file.path), subfontIndex=file.subfont_index)
        pdfmetrics.registerFont(found)
        _REGISTERED[file.family] = found
    return found


class _ExtractableTTFont(TTFont):  # type: ignore[misc]  # reportlab is untyped
    """A TTFont whose ToUnicode maps are right beyond the BMP too (UTF-16 surrogate pairs)."""

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        wide = [n for n, subset in enumerate(subsets) if any(code > 0xFFFF for code in subset)]
        names = {n: self.getSubsetInternalName(n, doc)[1:] for n in wide}
        super().addObjects(doc)
        fonts = doc.idToObject["BasicFonts"].dict
        for n in wide:
            reference = fonts[names[n]].ToUnicode
            doc.idToObject[reference.name].content = to_unicode_cmap(subsets[n])


def to_unicode_cmap(subset: list[int]) -> str:
    """A ToUnicode CMap for one-byte codes 0..len-1, the targets in UTF-16BE hex."""
    entries = "\n".join(f"<{code:02X}> <{_utf16_hex(point)}>" for code, point in enumerate(subset))
    return "\n".join(
        (
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        )
    )


def _utf16_hex(point: int) -> str:
    return chr(point).encode("utf-16-be", "surrogatepass").hex().upper()
