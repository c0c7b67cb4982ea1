"""The font installer: copies TrueType fonts from the packages, writes the manifest, names the package."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path
from types import ModuleType

import pytest

from views.fonts import font_plan

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "install_fonts.py"


def _installer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("install_fonts", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fake_font(path: Path, outline: bytes, *, collection: bool = False) -> None:
    """An sfnt header whose table directory lists ``outline`` (glyf or CFF) and a cmap."""
    tables = [outline, b"cmap"]
    sfnt = struct.pack(">IHHHH", 0x00010000, len(tables), 0, 0, 0)
    sfnt += b"".join(tag + struct.pack(">III", 0, 0, 0) for tag in tables)
    if collection:
        sfnt = b"ttcf" + struct.pack(">HHII", 1, 0, 1, 16) + sfnt
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(sfnt)


def _source(root: Path, *, fallback_outline: bytes = b"glyf") -> None:
    _fake_font(root / "truetype/wqy/wqy-microhei.ttc", b"glyf", collection=True)
    _fake_font(root / "truetype/wqy/wqy-zenhei.ttc", b"glyf", collection=True)
    _fake_font(root / "truetype/hanazono/HanaMinB.ttf", fallback_outline)


def test_copies_the_fonts_and_writes_a_manifest_views_can_read(tmp_path: Path) -> None:
    _source(tmp_path / "src")
    dest = tmp_path / "assets" / "fonts"
    assert _installer().main(["--source-root", str(tmp_path / "src"), "--dest", str(dest)]) == 0
    plan = font_plan(dest)
    assert plan.primary == "BizdeskCJK"
    assert plan.fallbacks == ["BizdeskCJKExtA", "BizdeskCJKExtB"]
    assert [font.package for font in plan.files] == [
        "fonts-wqy-microhei",
        "fonts-wqy-zenhei",
        "fonts-hanazono",
    ]
    assert (dest / "HanaMinB.ttf").read_bytes() == (
        tmp_path / "src/truetype/hanazono/HanaMinB.ttf"
    ).read_bytes()


def test_a_cff_fallback_is_left_out_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _source(tmp_path / "src", fallback_outline=b"CFF ")
    dest = tmp_path / "fonts"
    assert _installer().main(["--source-root", str(tmp_path / "src"), "--dest", str(dest)]) == 0
    assert font_plan(dest).fallbacks == ["BizdeskCJKExtA"]
    assert "fonts-hanazono" in capsys.readouterr().err


def test_missing_primary_font_fails_naming_the_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "src").mkdir()
    assert _installer().main(["--source-root", str(tmp_path / "src"), "--dest", str(tmp_path / "fonts")]) == 1
    err = capsys.readouterr().err
    assert "fonts-wqy-microhei" in err
    assert "请安装" in err


def test_finds_fonts_outside_the_debian_layout(tmp_path: Path) -> None:
    _fake_font(tmp_path / "src/other/wqy-microhei.ttc", b"glyf", collection=True)
    dest = tmp_path / "fonts"
    assert _installer().main(["--source-root", str(tmp_path / "src"), "--dest", str(dest)]) == 0
    assert font_plan(dest).primary == "BizdeskCJK"
