"""The receipt's facts: ``app.services.receipt.ReceiptSheet`` as the values, table and flags the
receipt's spec (``forms.catalog.receipt``) and the guides' placeholders (``{desk.phone}``) name.

values ``receipt.accepted``, ``receipt.expected``, ``receipt.handover``, ``receipt.free``,
``receipt.desk``, ``receipt.address``, ``receipt.phone``, ``receipt.hours``,
``receipt.supervision_phone``, ``receipt.qr`` (the verification text), ``receipt.rating`` (the 好差评
link) and ``desk.name``, ``desk.address``, ``desk.phone``, ``desk.supervision_phone``, ``desk.hours``;
table ``receipt_services`` (service, status, detail); flags ``receipt.rating`` (a link to print),
``receipt.mailed``, ``receipt.completed`` (``receipt.expected`` is then the completion time).
"""

from __future__ import annotations

from app.services.receipt import ReceiptSheet
from forms.facts import Facts


def with_receipt(facts: Facts, sheet: ReceiptSheet) -> Facts:
    """``facts`` with the receipt's values, its services table and its flags."""
    branch = sheet.branch
    desk = {
        "desk.name": sheet.desk,
        "desk.address": branch.address,
        "desk.phone": branch.phone,
        "desk.supervision_phone": branch.supervision_phone,
        "desk.hours": sheet.hours,
    }
    values = {
        "receipt.accepted": sheet.accepted,
        "receipt.expected": sheet.expected,
        "receipt.handover": sheet.handover.text,
        "receipt.free": sheet.free,
        "receipt.desk": sheet.desk,
        "receipt.address": branch.address,
        "receipt.phone": branch.phone,
        "receipt.hours": sheet.hours,
        "receipt.supervision_phone": branch.supervision_phone,
        "receipt.qr": sheet.verification,
        "receipt.rating": sheet.rating_url,
        **desk,
    }
    rows = [
        {"service": line.label, "status": line.status_label, "detail": line.detail} for line in sheet.lines
    ]
    flags = {"receipt.rating"} if sheet.rating_url else set()
    if sheet.handover.mailed:
        flags.add("receipt.mailed")
    if sheet.status == "completed":
        flags.add("receipt.completed")
    return Facts({**facts.values, **values}, {**facts.tables, "receipt_services": rows}, facts.flags | flags)
