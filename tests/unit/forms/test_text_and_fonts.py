"""Wrapping Chinese text and choosing a font per character (rare name characters from the fallbacks)."""

from __future__ import annotations

import pytest

from forms.fonts import FontSet, installed_fonts, to_unicode_cmap
from forms.text import wrap
from tests.unit.forms.samples import EXT_A_NAME, EXT_B_NAME

FILES = installed_fonts()
pytestmark = pytest.mark.skipif(
    not FILES, reason="fonts not installed: run scripts/install_fonts.py (./dev does)"
)


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet(FILES)


def test_common_text_is_one_run_of_the_primary_font(fonts: FontSet) -> None:
    assert list(fonts.runs("寿光市绿野蔬菜种植有限公司 91370783MA3C4D5E6F")) == [
        (fonts.primary, "寿光市绿野蔬菜种植有限公司 91370783MA3C4D5E6F")
    ]


def test_rare_characters_come_from_the_fallbacks_character_by_character(fonts: FontSet) -> None:
    runs = list(fonts.runs(EXT_B_NAME + EXT_A_NAME))
    assert "".join(piece for _, piece in runs) == EXT_B_NAME + EXT_A_NAME
    families = {piece: font for font, piece in runs}
    assert families["\U0002000b"] == "BizdeskCJKExtB"
    assert families["\u4dae"] == "BizdeskCJKExtA"
    assert runs[0] == (fonts.primary, "王")


def test_wrap_fits_the_width_and_keeps_numbers_whole(fonts: FontSet) -> None:
    text = "经营范围：蔬菜种植；食用农产品初加工；新鲜蔬菜批发。证件号码 370783197503150316 无误。"
    lines = wrap(fonts, text, 120, 10)
    assert "".join(lines) == text
    assert all(fonts.width(line, 10) <= 120 + 10 for line in lines)  # closing punctuation may hang
    assert any("370783197503150316" in line for line in lines)
    assert not any(line.startswith(("，", "。", "；")) for line in lines)


def test_wrap_splits_a_token_longer_than_the_line(fonts: FontSet) -> None:
    lines = wrap(fonts, "A" * 80, 100, 10)
    assert "".join(lines) == "A" * 80
    assert len(lines) > 1


def test_wrap_of_nothing_is_one_empty_line(fonts: FontSet) -> None:
    assert wrap(fonts, "", 100, 10) == [""]


def test_the_unicode_map_writes_characters_beyond_the_bmp_as_surrogate_pairs() -> None:
    cmap = to_unicode_cmap([0, 0x738B, 0x2000B])
    assert "<01> <738B>" in cmap
    assert "<02> <D840DC0B>" in cmap
    assert "<00> <02>" in cmap


def test_no_installed_font_is_an_error_that_says_what_to_do(tmp_path: object) -> None:
    from pathlib import Path

    from forms.fonts import FontsMissing, installed_fonts

    assert installed_fonts(Path(str(tmp_path))) == ()
    with pytest.raises(FontsMissing) as raised:
        FontSet(())
    assert "./dev desk" in raised.value.message_zh
