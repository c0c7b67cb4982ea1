"""What each service needs before it can be submitted, beyond the rules of the case as a whole."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from app.case.enums import Delivery, InvoiceKind, SealKind, ServiceCode
from app.case.rules.context import RuleContext
from app.case.rules.documents import document_problems_by_service
from app.case.rules.identity import GATES
from app.case.rules.insurance import (
    housing_fund_problems,
    medical_insurance_problems,
    social_security_problems,
)
from app.case.rules.service_basics import contact, has_account, missing_role, needs_license
from app.validation.problems import Problem, error, warning

_BRANCH_CODE = re.compile(r"^[0-9]{12}$")


def readiness(ctx: RuleContext) -> dict[str, list[Problem]]:
    """For each requested service, the problems that keep it from being submitted (empty: ready)."""
    documents = document_problems_by_service(ctx)
    return {
        code.value: _CHECKS[code](ctx) + gate_problems(ctx, code) + documents.get(code, [])
        for code, _ in ctx.case.services.requested()
    }


def gate_problems(ctx: RuleContext, code: ServiceCode) -> list[Problem]:
    """The identity and intent checks a service waits for (``app.case.rules.identity``)."""
    gate = GATES.get(code)
    return gate(ctx) if gate is not None else []


def _license(ctx: RuleContext) -> list[Problem]:
    roles, request = ctx.case.roles, ctx.case.services.license
    problems = contact(
        ctx,
        roles.legal_representative.person_id if roles.legal_representative else None,
        "roles.legal_representative",
        "法定代表人",
        mobile=True,
    )
    if roles.liaison is None:
        problems.append(missing_role("license.liaison_missing", "roles.liaison", "联络员", "liaison"))
    else:
        problems += contact(ctx, roles.liaison, "roles.liaison", "联络员", mobile=True, email=True)
    if roles.agent is not None:
        problems += contact(ctx, roles.agent, "roles.agent", "委托代理人", mobile=True)
    data = request.data if request else None
    if data is not None and data.delivery is Delivery.MAIL:
        mail = data.mail_to
        if mail is None or not mail.address or mail.postcode is None or mail.recipient_person_id is None:
            problems.append(
                error(
                    "license.mail_address",
                    "services.license.data.mail_to",
                    "选择邮寄执照时，请填写收件人、邮寄地址和邮政编码。",
                    "To mail the licence, enter the recipient, the postal address and the postcode.",
                )
            )
    return problems


def _seal(ctx: RuleContext) -> list[Problem]:
    request = ctx.case.services.seal
    problems = needs_license(ctx, ServiceCode.SEAL)
    if request is None:
        return problems
    seals = request.data.seals
    if not seals:
        problems.append(
            error(
                "seal.none",
                "services.seal.data.seals",
                "请至少选择一枚印章（默认四枚免费章）。",
                "Choose at least one seal (by default the four free seals).",
            )
        )
    elif len(set(seals)) != len(seals):
        problems.append(
            warning(
                "seal.duplicate",
                "services.seal.data.seals",
                "印章重复选择，请删除重复项。",
                "A seal is chosen twice; remove the duplicate.",
            )
        )
    if not request.data.engraver:
        problems.append(
            error(
                "seal.engraver_missing",
                "services.seal.data.engraver",
                "请选择公安机关备案的刻章单位。",
                "Choose a police-registered seal engraver.",
            )
        )
    if SealKind.LEGAL_REPRESENTATIVE in seals and ctx.case.roles.legal_representative is None:
        problems.append(
            missing_role(
                "seal.legal_representative",
                "roles.legal_representative",
                "法定代表人",
                "legal representative",
            )
        )
    return problems


def _bank_account(ctx: RuleContext) -> list[Problem]:
    request, roles = ctx.case.services.bank_account, ctx.case.roles
    problems = needs_license(ctx, ServiceCode.BANK_ACCOUNT)
    problems += contact(
        ctx,
        roles.legal_representative.person_id if roles.legal_representative else None,
        "roles.legal_representative",
        "法定代表人",
        mobile=True,
    )
    if request is None:
        return problems
    data, path = request.data, "services.bank_account.data"
    if not data.branch_code or not _BRANCH_CODE.match(data.branch_code):
        problems.append(
            error(
                "bank_account.branch_code",
                f"{path}.branch_code",
                "请填写本网点的12位联行号。",
                "Enter this branch's 12-digit bank code (联行号).",
            )
        )
    seal = ctx.case.services.seal
    engraved = set(seal.data.seals) if seal is not None and seal.requested else None
    for index, kind in enumerate(data.specimen_seals):
        if engraved is not None and kind not in engraved:
            problems.append(
                error(
                    "bank_account.specimen_not_engraved",
                    f"{path}.specimen_seals[{index}]",
                    f"预留印鉴“{kind.label_zh}”不在本次刻制的印章中，请在印章刻制中加选或更换预留印鉴。",
                    f"The specimen seal '{kind.value}' is not among the seals being engraved; add it "
                    "to the seal order or choose another.",
                )
            )
    if SealKind.FINANCE not in data.specimen_seals:
        problems.append(
            warning(
                "bank_account.finance_seal",
                f"{path}.specimen_seals",
                "预留印鉴通常包括财务专用章，请确认。",
                "Specimen seals usually include the finance seal; please confirm.",
            )
        )
    return problems


def _tax_people(ctx: RuleContext) -> list[Problem]:
    """The finance officer and the tax handler: appointed, reachable, real-name checkable."""
    problems: list[Problem] = []
    for role, path, zh, en in (
        ("finance_officer", "roles.finance_officer", "财务负责人", "finance officer"),
        ("tax_handler", "roles.tax_handler", "办税人", "tax handler"),
    ):
        person_id = getattr(ctx.case.roles, role)
        if person_id is None:
            problems.append(missing_role(f"tax.{role}_missing", path, zh, en))
        else:
            problems += contact(ctx, person_id, path, zh, mobile=True, real_name=True)
    return problems


def _tax(ctx: RuleContext) -> list[Problem]:
    request = ctx.case.services.tax
    problems = needs_license(ctx, ServiceCode.TAX)
    if request is None:
        return problems
    data, path = request.data, "services.tax.data"
    if data.taxpayer_kind is None:
        problems.append(
            error(
                "tax.taxpayer_kind_missing",
                f"{path}.taxpayer_kind",
                "请选择纳税人类型（小规模纳税人或一般纳税人）。",
                "Choose the taxpayer kind (small-scale or general).",
            )
        )
    if data.accounting_standard is None:
        problems.append(
            error(
                "tax.accounting_standard_missing",
                f"{path}.accounting_standard",
                "请选择适用的会计制度（小企业会计准则或企业会计准则）。",
                "Choose the accounting standard (small business or enterprise).",
            )
        )
    problems += _tax_people(ctx)
    if data.debit_agreement and not has_account(ctx):
        problems.append(
            error(
                "tax.debit_needs_account",
                f"{path}.debit_agreement",
                "签订三方协议需要银行账户：请同时申请银行开户，或取消三方协议。",
                "The tax-bank debit agreement needs a bank account: request the bank account too, "
                "or drop the agreement.",
            )
        )
    problems += _invoice_limit_problems(data.invoice_kinds, data.monthly_invoice_limit_yuan, path)
    if not data.invoice_kinds:
        problems.append(
            warning(
                "tax.no_invoices",
                f"{path}.invoice_kinds",
                "未申领任何发票，请确认企业无需开票。",
                "No invoices requested; confirm the company will not issue any.",
            )
        )
    return problems


def _invoice_limit_problems(kinds: list[InvoiceKind], limit: Decimal | None, path: str) -> list[Problem]:
    """数电发票 carry a 发票总额度 the tax system sets: no 票种核定, no 月最高开票限额. Paper invoices
    (and tax-control devices) still have both."""
    paper = [k for k in kinds if k in (InvoiceKind.PAPER_SPECIAL, InvoiceKind.PAPER_ORDINARY)]
    if paper and limit is None:
        return [
            error(
                "tax.paper_limit_missing",
                f"{path}.monthly_invoice_limit_yuan",
                "申领纸质发票须核定票种和单张（月）最高开票限额，请填写。",
                "Paper invoices need the kinds approved with a monthly invoicing limit; enter it.",
            )
        ]
    if not paper and limit is not None:
        return [
            warning(
                "tax.limit_not_for_digital",
                f"{path}.monthly_invoice_limit_yuan",
                "数电发票不核定月最高开票限额，由税务机关按纳税人信用赋予发票总额度，此项不会报送，请删除。",
                "Digital invoices have no monthly limit to approve (the tax system sets a total amount); "
                "this entry is ignored: remove it.",
            )
        ]
    return []


_CHECKS: dict[ServiceCode, Callable[[RuleContext], list[Problem]]] = {
    ServiceCode.LICENSE: _license,
    ServiceCode.SEAL: _seal,
    ServiceCode.BANK_ACCOUNT: _bank_account,
    ServiceCode.TAX: _tax,
    ServiceCode.SOCIAL_SECURITY: social_security_problems,
    ServiceCode.MEDICAL_INSURANCE: medical_insurance_problems,
    ServiceCode.HOUSING_FUND: housing_fund_problems,
}
