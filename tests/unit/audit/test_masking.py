"""Masking of ID and mobile numbers in values, free text and log records."""

from __future__ import annotations

import logging

import pytest

from app.masking import MaskingFilter, mask_id_number, mask_mobile, mask_text, mask_value


def test_mask_id_number_keeps_region_and_last_four() -> None:
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_id_number("110105491231002") == "110105*****1002"
    assert mask_id_number("12345") == "*2345"


def test_mask_mobile_keeps_prefix_and_last_four() -> None:
    assert mask_mobile("13812345678") == "138****5678"
    assert mask_mobile("5678") == "5678"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("身份证11010519491231002X已核验", "身份证110105********002X已核验"),
        ("tel:13812345678;", "tel:138****5678;"),
        ("uscc 91370783MA3C0X1234 stays", "uscc 91370783MA3C0X1234 stays"),
        ("order 123456789012345678901 stays", "order 123456789012345678901 stays"),
        ("12345678901 is no mobile", "12345678901 is no mobile"),
        ("old id 110105491231002", "old id 110105******002"),
    ],
)
def test_mask_text_finds_numbers_in_free_text(text: str, expected: str) -> None:
    assert mask_text(text) == expected


def test_mask_text_ignores_non_ascii_digits() -> None:
    fullwidth = "１３８１２３４５６７８"
    assert mask_text(fullwidth) == fullwidth


def test_mask_value_walks_nested_structures() -> None:
    value = {"people": [{"id": "11010519491231002X", "age": 30}], "13812345678": True}
    assert mask_value(value) == {"people": [{"id": "110105********002X", "age": 30}], "138****5678": True}


def test_logging_filter_masks_the_final_message(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("bizdesk.test.masking")
    logger.addFilter(MaskingFilter())
    with caplog.at_level(logging.INFO, logger="bizdesk.test.masking"):
        logger.info("founder %s phone %s", "11010519491231002X", "13812345678")
    assert caplog.messages == ["founder 110105********002X phone 138****5678"]
