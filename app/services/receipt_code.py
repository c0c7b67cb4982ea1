"""The receipt's verification code: the QR text staff scan to check a receipt (凭二维码核验).

The receipt (受理回执) carries a QR code whose text is::

    BZR1:<case id>:<services, one letter each>:<issued at, UTC, YYYYMMDDTHHMMSSZ>:<mac>
    BZR1:SG20261126-TEST0001:LSBTIMH:20261126T023000Z:OJMJ3Y6D6OHUCE3O

Services: L licence, S seal, B bank account, T tax, I social insurance, M medical insurance,
H housing fund. Everything is upper case, digits and ``:-``, so the QR code uses its compact
alphanumeric mode. ``mac`` is HMAC-SHA256 under the desk's receipt key over the four fields before
it, truncated to 80 bits and written in base32 (16 characters). ``verify_receipt`` checks it
offline; ``check_receipt`` also compares it with the stored case (staff run
``bizdesk case verify-receipt``; the printed receipt never asks the founder to). The key is derived
from the desk's Ed25519 identity (``receipt_key``): a receipt is verified on the desk that issued
it, and nobody without that desk's key can forge one.

The key alone is not enough, though: whoever holds the desk (its data key) can mint a valid text for any
case and date. So ``check_receipt`` also holds a receipt to the desk's print record and its clock: the
desk records every receipt it prints (``case.print`` in the audit trail carries the receipt's ``mac``),
and a receipt it never printed, or one dated after the desk's clock (beyond ``CLOCK_GRACE``), is refused.
Receipts printed before the record kept the ``mac`` count as printed when a ``case.print`` of that case
was recorded within ``LEGACY_PRINT_WINDOW`` of the receipt's time.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.case.enums import ServiceCode
from app.case.interchange import parse_case
from app.clock import desk_time
from app.errors import InputRejected
from app.unit_of_work import UnitOfWork

RECEIPT_PREFIX = "BZR1"
_KEY_LABEL = b"bizdesk.receipt-key/1"
_MAC_BYTES = 10
_TIME_FORMAT = "%Y%m%dT%H%M%SZ"
CLOCK_GRACE = dt.timedelta(minutes=5)  # a receipt dated later than the desk's clock plus this is refused
LEGACY_PRINT_WINDOW = dt.timedelta(minutes=2)
PRINT_ACTION = "case.print"
SERVICE_LETTERS = {
    ServiceCode.LICENSE: "L",
    ServiceCode.SEAL: "S",
    ServiceCode.BANK_ACCOUNT: "B",
    ServiceCode.TAX: "T",
    ServiceCode.SOCIAL_SECURITY: "I",
    ServiceCode.MEDICAL_INSURANCE: "M",
    ServiceCode.HOUSING_FUND: "H",
}
_SERVICE_OF_LETTER = {letter: code.value for code, letter in SERVICE_LETTERS.items()}


@dataclass(frozen=True)
class ReceiptCheck:
    """What a receipt's QR text says and whether it holds; ``reason_*`` explains a refusal."""

    valid: bool
    case_id: str | None = None
    services: tuple[str, ...] = ()
    issued_at: dt.datetime | None = None
    reason_zh: str = ""
    reason_en: str = ""


class ReceiptInvalid(InputRejected):
    """A receipt that does not check out; the message says why."""

    code = "receipt.invalid"

    def __init__(self, check: ReceiptCheck) -> None:
        super().__init__(check.reason_zh, check.reason_en)
        self.check = check


def receipt_key(sign: Callable[[bytes], bytes]) -> bytes:
    """The desk's receipt key: a hash of its (deterministic) Ed25519 signature over a fixed label."""
    return hashlib.sha256(sign(_KEY_LABEL)).digest()


def receipt_text(key: bytes, case_id: str, services: Sequence[str], issued_at: dt.datetime) -> str:
    """The QR text of a receipt (see the module docstring for its format)."""
    if issued_at.tzinfo is None:
        raise ValueError("issued_at must be timezone-aware")
    fields = (
        RECEIPT_PREFIX,
        case_id,
        "".join(SERVICE_LETTERS[ServiceCode(s)] for s in services),
        issued_at.astimezone(dt.UTC).strftime(_TIME_FORMAT),
    )
    return ":".join((*fields, _mac(key, fields)))


def verify_receipt(text: str, key: bytes) -> ReceiptCheck:
    """Check a receipt's QR text against the desk's key: its fields, and whether the hash matches."""
    parts = text.strip().split(":")
    if len(parts) != 5 or parts[0] != RECEIPT_PREFIX:
        return _refused(
            "这不是 bizdesk 受理回执的二维码内容。", "This is not the QR text of a bizdesk receipt."
        )
    prefix, case_id, services_text, issued_text, mac = parts
    services = tuple(_SERVICE_OF_LETTER.get(letter, "") for letter in services_text)
    try:
        issued_at = dt.datetime.strptime(issued_text, _TIME_FORMAT).replace(tzinfo=dt.UTC)
        known = all(services)
    except ValueError:
        known = False
    if not known or not case_id:
        return _refused("回执二维码内容不完整或已损坏。", "The receipt's QR text is incomplete or damaged.")
    if not hmac.compare_digest(mac, _mac(key, (prefix, case_id, services_text, issued_text))):
        return _refused(
            "回执校验码不符：回执非本机出具或内容已被改动。",
            "The receipt's hash does not match: not issued by this desk, or altered.",
        )
    return ReceiptCheck(True, case_id, services, issued_at, "回执有效。", "The receipt is valid.")


def check_receipt(uow: UnitOfWork, text: str, key: bytes) -> ReceiptCheck:
    """``verify_receipt``, then compare with the stored case: it must exist and request the same services."""
    check = verify_receipt(text, key)
    if not check.valid or check.case_id is None:
        return check
    stored = uow.cases.get(check.case_id)
    if stored is None:
        return _refused(
            f"回执所列案卷 {check.case_id} 在本机不存在。", f"Case {check.case_id} is not on this desk."
        )
    requested = requested_services(stored.document)
    if requested != check.services:
        return _refused(
            "回执所列事项与案卷当前办理事项不一致，请重新打印回执。",
            "The receipt's services differ from the case's current services; print a new receipt.",
            check,
        )
    return _against_the_record(uow, text, check)


def receipt_mac(text: str) -> str:
    """The ``mac`` field of a receipt's QR text (what the print record keeps; no personal data)."""
    return text.strip().rsplit(":", 1)[-1]


def _against_the_record(uow: UnitOfWork, text: str, check: ReceiptCheck) -> ReceiptCheck:
    """A valid text must also be one this desk printed, dated no later than its clock."""
    if check.case_id is None or check.issued_at is None:  # never: a valid check carries both
        return check
    now = uow.clock()
    if check.issued_at > now + CLOCK_GRACE:
        day = desk_time(check.issued_at).strftime("%Y-%m-%d %H:%M")
        return _refused(
            f"回执出具时间（{day}）晚于本机当前时间，不可能由本机出具：回执系伪造或本机时钟有误，请联系IT。",
            f"The receipt is dated {day}, after this desk's clock: it cannot have been issued here "
            "(forged, or the clock is wrong); call IT.",
            check,
        )
    mac = receipt_mac(text)
    for printed in uow.audit_trail.about(check.case_id, PRINT_ACTION):
        recorded = printed.details.get("receipt")
        if recorded == mac:
            return check
        if recorded is None and _near(printed.ts, check.issued_at):
            return check
    return _refused(
        "本机没有打印过这张回执的记录：回执不是本机出具的，或内容是伪造的。请以本机重新打印的回执为准。",
        "This desk has no record of printing this receipt: it was not issued here, or it is forged. "
        "Only a receipt this desk prints counts.",
        check,
    )


def _near(stamp: str, issued_at: dt.datetime) -> bool:
    try:
        printed_at = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return False
    if printed_at.tzinfo is None:
        return False
    return abs(printed_at - issued_at) <= LEGACY_PRINT_WINDOW


def requested_services(document: Mapping[str, Any]) -> tuple[str, ...]:
    """The codes of the services the case requests, in platform order."""
    return tuple(code.value for code, _ in parse_case(document).services.requested())


def _mac(key: bytes, fields: Sequence[str]) -> str:
    digest = hmac.new(key, "|".join(fields).encode("utf-8"), hashlib.sha256).digest()[:_MAC_BYTES]
    return base64.b32encode(digest).decode("ascii")


def _refused(zh: str, en: str, seen: ReceiptCheck | None = None) -> ReceiptCheck:
    if seen is None:
        return ReceiptCheck(False, reason_zh=zh, reason_en=en)
    return ReceiptCheck(False, seen.case_id, seen.services, seen.issued_at, zh, en)
