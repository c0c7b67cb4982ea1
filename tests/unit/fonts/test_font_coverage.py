"""The installed CJK fonts cover the UI, everyday names and documented rare name characters (生僻字).

Reads the fonts the installer put in assets/fonts/ (scripts/install_fonts.py, run by ./dev).
The primary font must cover the UI text and everyday names by itself, so they render in
one design; rare characters may come from the fallbacks, which Flutter and the PDF
renderer consult in manifest order.
"""

from __future__ import annotations

import functools

import pytest

from views.fonts import FontFile, font_plan
from views.i18n import LANGUAGES, strings

fonttools = pytest.importorskip("fontTools.ttLib")

PLAN = font_plan()
pytestmark = pytest.mark.skipif(
    not PLAN.files, reason="fonts not installed: run `python scripts/install_fonts.py` (./dev does)"
)

# The 100 most common surnames and the common compound ones.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "欧阳司马上官诸葛东方皇甫尉迟公孙慕容令狐"
)
# Frequent given-name characters, including the less common ones popular in recent decades.
GIVEN_NAMES = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉梅海燕文斌波宇浩鹏辉鑫淼垚森焱晶晨曦梓涵"
    "子轩欣怡雨萱一诺然思彤诗铭泽佳琪嘉俊熙睿昊天博瑾瑜璐琦琳琬婧婕妍姝娅嫣璇瑶玥珺琤堃喆赟犇昳翀彧祎炜烨"
    "煜昕晟旻曌颖婷雪慧倩蕾薇茜珊菲莹娴婉琰瑛璟琨珩玮瑄翊翎骞骁骏驰霖霏沅沐汐涵溪澜瀚"
)
# Rare characters found in personal and company names, outside the URO block most fonts stop at.
RARE_NAME_CHARACTERS = {
    "\u4dae": "䶮 Ext A, yǎn (as in 刘䶮)",
    "\u36c3": "㛃 Ext A",
    "\U000201d4": "𠇔 Ext B",
    "\U0002b5af": "𫖯 Ext C, fǔ (as in 赵孟𫖯)",
    "\U0002b4e7": "𫓧 Ext C",
}
# Whole blocks the fallbacks are chosen to cover (first, last code point).
BLOCKS = {
    "CJK Extension A (to Unicode 12)": (0x3400, 0x4DB5),
    "CJK Extension B": (0x20000, 0x2A6D6),
    "CJK Extension C": (0x2A700, 0x2B734),
}


@functools.cache
def _cmap(font: FontFile) -> frozenset[int]:
    kwargs = {"fontNumber": font.subfont_index} if font.path.suffix.lower() == ".ttc" else {}
    loaded = fonttools.TTFont(str(font.path), lazy=True, **kwargs)
    try:
        return frozenset(loaded.getBestCmap())
    finally:
        loaded.close()


def _missing(text: str, fonts: tuple[FontFile, ...]) -> list[str]:
    covered = frozenset().union(*(_cmap(font) for font in fonts))
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in covered})


@pytest.mark.parametrize("font", PLAN.files, ids=lambda font: font.family)
def test_every_font_has_truetype_outlines(font: FontFile) -> None:
    """reportlab embeds only TrueType (glyf) outlines; the PDFs use the same files as the UI."""
    kwargs = {"fontNumber": font.subfont_index} if font.path.suffix.lower() == ".ttc" else {}
    loaded = fonttools.TTFont(str(font.path), lazy=True, **kwargs)
    try:
        assert "glyf" in loaded
        assert "CFF " not in loaded
    finally:
        loaded.close()


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_primary_font_covers_all_ui_strings(language: str) -> None:
    text = "".join(strings(language).table.values())
    assert _missing(text, PLAN.files[:1]) == []


def test_primary_font_covers_everyday_names() -> None:
    assert _missing(SURNAMES + GIVEN_NAMES, PLAN.files[:1]) == []


def test_primary_font_alone_lacks_the_rare_characters() -> None:
    """Guards the premise of the fallbacks: if this fails, the primary font got better."""
    assert _missing("".join(RARE_NAME_CHARACTERS), PLAN.files[:1]) != []


@pytest.mark.parametrize("char", sorted(RARE_NAME_CHARACTERS), ids=lambda c: f"U+{ord(c):04X}")
def test_rare_name_character_is_covered_with_fallbacks(char: str) -> None:
    assert _missing(char, PLAN.files) == [], RARE_NAME_CHARACTERS[char]


@pytest.mark.parametrize(("block", "bounds"), BLOCKS.items(), ids=list(BLOCKS))
def test_extension_blocks_are_covered_whole(block: str, bounds: tuple[int, int]) -> None:
    covered = frozenset().union(*(_cmap(font) for font in PLAN.files))
    first, last = bounds
    gaps = [f"U+{cp:04X}" for cp in range(first, last + 1) if cp not in covered]
    assert gaps == [], f"{block}: {len(gaps)} code points missing, e.g. {gaps[:5]}"
