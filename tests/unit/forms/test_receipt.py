"""The receipt's QR text: made and checked by pure functions in app/services/receipt_code.py."""

from __future__ import annotations

import datetime as dt

from app.security.device import DeviceIdentity
from app.services.receipt_code import RECEIPT_PREFIX, receipt_key, receipt_text, verify_receipt

KEY = b"k" * 32
ISSUED = dt.datetime(2026, 11, 26, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def test_a_receipt_made_by_this_key_checks_out_with_its_fields() -> None:
    text = receipt_text(KEY, "SG20261126-TEST0001", ["license", "seal"], ISSUED)
    assert text.startswith(f"{RECEIPT_PREFIX}:SG20261126-TEST0001:LS:20261126T023000Z:")
    assert len(text) == len("BZR1:SG20261126-TEST0001:LS:20261126T023000Z:") + 16
    check = verify_receipt(text, KEY)
    assert check.valid
    assert check.case_id == "SG20261126-TEST0001"
    assert check.services == ("license", "seal")
    assert check.issued_at == ISSUED


def test_another_key_or_any_changed_field_is_refused() -> None:
    text = receipt_text(KEY, "SG20261126-TEST0001", ["license", "seal"], ISSUED)
    assert not verify_receipt(text, b"x" * 32).valid
    for changed in (
        text.replace("TEST0001", "TEST0002"),
        text.replace(":LS:", ":L:"),
        text.replace("T023000Z", "T023001Z"),
    ):
        check = verify_receipt(changed, KEY)
        assert not check.valid
        assert "校验码不符" in check.reason_zh


def test_text_that_is_no_receipt_says_so() -> None:
    for text in (
        "",
        "hello",
        "BZR1:a:b:c",
        "BZR1:SG1:LX:20261126T023000Z:AAAA",
        "BZR1:SG1:S:bad:AAAA",
        "BZR1::S:20261126T023000Z:AAAA",
    ):
        check = verify_receipt(text, KEY)
        assert not check.valid
        assert check.reason_zh
        assert check.reason_en


def test_the_key_is_stable_per_desk_and_differs_between_desks() -> None:
    desk = DeviceIdentity.generate("desk-1")
    again = DeviceIdentity.from_private_bytes("desk-1", desk.private_bytes())
    assert receipt_key(desk.sign) == receipt_key(again.sign)
    assert receipt_key(desk.sign) != receipt_key(DeviceIdentity.generate("desk-2").sign)
