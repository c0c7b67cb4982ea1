"""一并出件 (hand-over, issue 21 §3), the start: what the founder collects at once, item by item, and
whether the case is ready to hand over (every requested service completed, with its results).

Only the list and the readiness here; the hand-over screen (the collector's ID card checked against the
legal representative or an agent of the 授权委托书, the record of who, to whom, when, what, the slip,
mailing with a tracking number) is still to come.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.case.enums import ServiceCode, Status
from app.case.model import Case
from app.case.service_models import (
    BankAccountResults,
    LicenseResults,
    SealResults,
    TaxResults,
    UnitRegistration,
)


@dataclass(frozen=True)
class HandoverItem:
    service: str  # the service code
    label_zh: str  # 营业执照（正本、副本）
    label_en: str
    number: str  # what identifies it: the USCC, a seal's code, the account number ("" not yet known)
    ready: bool  # the agency's result is back


def handover_items(case: Case) -> list[HandoverItem]:
    """Every item the founder collects, in the order the services are listed."""
    items: list[HandoverItem] = []
    for code, request in case.services.requested():
        results, done = request.results, request.status is Status.COMPLETED and request.results is not None
        if code is ServiceCode.LICENSE:
            uscc = results.uscc if isinstance(results, LicenseResults) else ""
            items.append(HandoverItem(code.value, "营业执照（正本、副本）", "Business licence", uscc, done))
            items.append(HandoverItem(code.value, "电子营业执照", "Electronic business licence", uscc, done))
        elif code is ServiceCode.SEAL:
            codes = results.seal_codes if isinstance(results, SealResults) else []
            for seal in codes or []:
                label = seal.kind.label_zh if seal.kind is not None else "印章"
                items.append(
                    HandoverItem(code.value, label, f"Seal ({seal.kind or 'other'})", seal.code, done)
                )
            if not codes:
                items.append(HandoverItem(code.value, "印章", "Seals", "", done))
            items.append(HandoverItem(code.value, "电子印章", "Electronic seals", "", done))
        elif code is ServiceCode.BANK_ACCOUNT:
            account = results.account_number if isinstance(results, BankAccountResults) else ""
            items.append(HandoverItem(code.value, "基本存款账户", "Basic deposit account", account, done))
            items.append(HandoverItem(code.value, "网银 UKey", "Online-banking UKey", "", done))
        elif code is ServiceCode.TAX:
            number = (results.tax_registration_number or "") if isinstance(results, TaxResults) else ""
            items.append(HandoverItem(code.value, "涉税事项办理结果", "Tax registration", number, done))
        else:
            unit = results.unit_number if isinstance(results, UnitRegistration) else ""
            zh, en = {
                ServiceCode.SOCIAL_SECURITY: ("社保单位编号", "Social-security unit number"),
                ServiceCode.MEDICAL_INSURANCE: ("医保单位编号", "Medical-insurance unit number"),
                ServiceCode.HOUSING_FUND: ("住房公积金单位账号", "Housing-fund unit account"),
            }[code]
            items.append(HandoverItem(code.value, zh, en, unit, done))
    return items


def ready_to_hand_over(case: Case) -> bool:
    """Every requested service completed with its results: the case is 待出件 (ready to hand over)."""
    items = handover_items(case)
    return bool(items) and all(item.ready for item in items)
