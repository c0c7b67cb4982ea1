"""Wrapping Chinese text and choosing a font per character (rare name characters from the fallbacks)."""

from __future__ import annotations

import pytest

from forms.columns import column_widths
from forms.fonts import FontSet, installed_fonts, to_unicode_cmap
from forms.text import fit_size, wrap
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


def test_a_name_never_leaves_one_character_alone_on_its_last_line(fonts: FontSet) -> None:
    name = "寿光市丰源农业发展股份有限公司"
    for width in range(40, 160, 3):
        lines = wrap(fonts, name, width, 9)
        assert "".join(lines) == name
        assert len(lines) == 1 or len(lines[-1]) > 1, (width, lines)


def test_a_date_breaks_only_after_its_year(fonts: FontSet) -> None:
    date = "2026年12月7日"
    narrow = fonts.width("2026年12月7", 9)  # the width that used to leave 日 alone
    assert wrap(fonts, date, narrow, 9) == ["2026年", "12月7日"]
    assert wrap(fonts, date, fonts.width(date, 9), 9) == [date]


def test_amounts_stay_with_their_unit_and_short_brackets_stay_whole(fonts: FontSet) -> None:
    for text, whole in (("股份总数为5000万股", "5000万股"), ("认缴出资额（万元）", "（万元）")):
        for width in range(int(fonts.width(whole, 9)) + 1, 110, 4):
            lines = wrap(fonts, text, width, 9)
            assert any(whole in line for line in lines), (width, lines)


def test_an_identifier_wider_than_its_cell_is_set_smaller_not_split(fonts: FontSet) -> None:
    uscc = "91370783MAF8MGMB5W"
    room = fonts.width(uscc, 9) * 0.9
    size = fit_size(fonts, f"统一社会信用代码 {uscc}", room, 9)
    assert size < 9
    assert wrap(fonts, uscc, room, size) == [uscc]
    assert fit_size(fonts, "王建国", 10, 9) == 9  # names wrap; only identifiers shrink the text


def test_columns_give_identifiers_and_dates_the_room_they_need(fonts: FontSet) -> None:
    body = [["寿光市丰源农业发展有限公司"], ["91370783MAF8MGMB5W"], ["2030年12月31日"]]
    widths = column_widths(fonts, [3.0, 1.0, 1.0], body, 300, ["名称", "代码", "日期"], size=9, padding=9)
    assert abs(sum(widths) - 300) < 1e-6
    assert widths[1] >= fonts.width("91370783MAF8MGMB5W", 9) + 9
    assert widths[2] >= fonts.width("2030年12月31日", 9) + 9
    unfit = column_widths(fonts, [1.0, 1.0], [["A" * 60], ["B" * 60]], 100, ["", ""], size=9, padding=9)
    assert unfit == [50, 50]


def test_a_short_header_keeps_its_line_when_a_date_takes_room(fonts: FontSet) -> None:
    headers = ["股东名称或姓名", "出资方式", "出资期限"]
    body = [["王建国"], ["货币"], ["2030年12月31日"]]
    widths = column_widths(fonts, [1.6, 0.9, 1.0], body, 230, headers, size=9, padding=9)
    assert widths[1] >= fonts.width("出资方式", 9) + 9
    assert widths[2] >= fonts.width("2030年12月31日", 9) + 9


def test_the_items_of_a_short_list_stay_whole(fonts: FontSet) -> None:
    posts = "财务负责人、联络员"
    for width in range(int(fonts.width("财务负责人、", 9)) + 1, 90, 3):
        lines = wrap(fonts, posts, width, 9)
        assert all(line in ("财务负责人、", "联络员", posts) for line in lines), (width, lines)


def test_a_time_and_a_span_of_hours_stay_whole(fonts: FontSet) -> None:
    hours = "周一至周五 08:30-12:00、13:30-17:30"  # the receipt's 工作时间
    for width in range(int(fonts.width("13:30-17:30", 9)) + 1, 160, 3):
        lines = wrap(fonts, hours, width, 9)
        assert "".join(lines) == hours
        assert all(not line.startswith(("30", ":")) for line in lines), (width, lines)
        assert any("13:30-17:30" in line for line in lines), (width, lines)
    assert wrap(fonts, "受理时间 13:46", fonts.width("受理时间 13:4", 9), 9)[-1] == "13:46"
