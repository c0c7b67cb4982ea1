"""Reading the font manifest the installer writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from views.fonts import ASSETS_DIR, MANIFEST_FORMAT, FontFile, FontPlan, font_plan
from views.theme import add_fallback_fonts, apply_theme, fallback_fonts_wanted


def _manifest(folder: Path, fonts: list[dict[str, object]], fmt: str = MANIFEST_FORMAT) -> None:
    (folder / "fonts.json").write_text(json.dumps({"format": fmt, "fonts": fonts}), encoding="utf-8")


def test_primary_first_then_fallbacks_in_order_and_missing_files_skipped(tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    for name in ("main.ttc", "exta.ttc"):
        (fonts / name).write_bytes(b"x")
    _manifest(
        fonts,
        [
            {"family": "Main", "file": "main.ttc", "role": "primary", "package": "fonts-main"},
            {"family": "Gone", "file": "gone.ttf", "role": "fallback"},
            {"family": "ExtA", "file": "exta.ttc", "role": "fallback", "subfont_index": 1},
        ],
    )
    plan = font_plan(fonts)
    assert plan.primary == "Main"
    assert plan.fallbacks == ["ExtA"]
    assert plan.asset_paths(tmp_path) == {"Main": "fonts/main.ttc", "ExtA": "fonts/exta.ttc"}
    assert plan.files[1].subfont_index == 1
    assert plan.files[0].package == "fonts-main"


def test_no_manifest_means_no_fonts(tmp_path: Path) -> None:
    plan = font_plan(tmp_path)
    assert plan.files == ()
    assert plan.primary is None
    assert plan.fallbacks == []


def test_unknown_manifest_format_is_refused(tmp_path: Path) -> None:
    _manifest(tmp_path, [], fmt="other/9")
    with pytest.raises(ValueError, match="unknown format"):
        font_plan(tmp_path)


class _Page:
    """What the theme touches of a Flet page."""

    def __init__(self) -> None:
        self.fonts: dict[str, str] | None = None
        self.theme: object = None
        self.theme_mode: object = None
        self.updates = 0

    def update(self) -> None:
        self.updates += 1


def test_the_first_screen_registers_the_primary_font_and_the_fallbacks_come_after() -> None:
    plan = FontPlan(
        (
            FontFile("Main", ASSETS_DIR / "fonts" / "main.ttc", "primary"),
            FontFile("Rare", ASSETS_DIR / "fonts" / "rare.ttf", "fallback"),
        )
    )
    page = _Page()
    apply_theme(page, plan, fallbacks=False)  # type: ignore[arg-type]
    assert page.fonts == {"Main": "fonts/main.ttc"}
    add_fallback_fonts(page, plan)  # type: ignore[arg-type]
    assert page.fonts == {"Main": "fonts/main.ttc", "Rare": "fonts/rare.ttf"}
    assert page.updates == 1
    plain = _Page()
    apply_theme(plain, plan)  # type: ignore[arg-type]
    assert plain.fonts == page.fonts  # other screens (error, recovery) register them all at once


def test_only_the_sign_in_goes_without_the_rare_character_fonts() -> None:
    assert not fallback_fonts_wanted("login")
    assert all(fallback_fonts_wanted(screen) for screen in ("setup", "locked", "shell"))
