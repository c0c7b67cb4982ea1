"""poppler-utils from the tests: text (pdftotext), fonts (pdffonts) and pictures (pdftoppm) of a PDF.

Everything runs on bytes through pipes or a pytest tmp_path; nothing goes to the system temp folder.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from forms.fonts import installed_fonts

GOLDEN_DPI = 40
MAX_DIFFERING = (
    0.004  # share of pixels allowed to differ clearly (anti-aliasing differs between poppler versions)
)
needs_fonts = pytest.mark.skipif(not installed_fonts(), reason="fonts not installed: run ./dev")
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils not installed (./dev test installs it)"
)


def pdf_text(pdf: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def pdf_fonts(pdf: bytes, folder: Path) -> list[dict[str, str]]:
    """One row per font: name, type, emb (embedded), sub (subset), uni (ToUnicode)."""
    path = folder / "fonts.pdf"
    path.write_bytes(pdf)
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
    rows = []
    for line in lines.splitlines()[2:]:
        parts = line.split()
        # name, type words..., encoding, emb, sub, uni, object, generation
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def pdf_pages(pdf: bytes, folder: Path, dpi: int = GOLDEN_DPI) -> list[Image.Image]:
    """The pages as greyscale pictures at ``dpi``."""
    path = folder / "pages.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(path), str(folder / "page")], check=True)
    return [Image.open(io.BytesIO(p.read_bytes())) for p in sorted(folder.glob("page-*.png"))]


def save_golden(page: Image.Image, path: Path) -> None:
    """Keep a page small: four grey levels, a 2-bit palette PNG (a page is about 10 kB)."""
    levels = page.convert("L").point(lambda v: round(v / 85) * 85)
    levels.convert("P", palette=Image.Palette.ADAPTIVE, colors=4).save(path, optimize=True, bits=2)


def load_golden(path: Path) -> Image.Image:
    with Image.open(path) as image:
        return image.convert("L")


def as_golden(page: Image.Image) -> Image.Image:
    """A fresh page reduced like ``save_golden``, for comparing with a golden."""
    return page.convert("L").point(lambda v: round(v / 85) * 85)


def differing_share(one: Image.Image, other: Image.Image, threshold: int = 64) -> float:
    """The share of pixels whose grey levels differ by more than ``threshold`` (1.0 if sizes differ)."""
    if one.size != other.size:
        return 1.0
    difference = ImageChops.difference(one.convert("L"), other.convert("L"))
    histogram = difference.histogram()
    return sum(histogram[threshold + 1 :]) / (one.size[0] * one.size[1])


def match_page_goldens(
    pages: list[Image.Image], folder: Path, name: str, *, update: bool, digits: int = 1
) -> None:
    """Compare ``pages`` with ``<folder>/<name>-<n>.png`` (``n`` with ``digits`` digits), or write them
    when ``update``: the count exactly, each picture within a small share of differing pixels."""
    pattern = f"{name}-{'[0-9]' * digits}.png"
    if update:
        for stale in folder.glob(pattern):
            stale.unlink()
        for number, page in enumerate(pages, start=1):
            save_golden(page, folder / f"{name}-{number:0{digits}d}.png")
    goldens = sorted(folder.glob(pattern))
    assert len(pages) == len(goldens), "page count changed"
    for page, golden in zip(pages, goldens, strict=True):
        assert differing_share(as_golden(page), load_golden(golden)) <= MAX_DIFFERING, golden.name
