"""Service requests, documents and life-cycle progress of a fictitious case.

Progress goes through the real transition functions of ``app.case.lifecycle``, so a generated case in
state X is one that bizdesk itself could have brought to X (and the guards check the generator).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from app.case.documents import is_key, with_checklist
from app.case.enums import (
    FREE_SEALS,
    AccountingStandard,
    Delivery,
    DocumentStatus,
    InvoiceKind,
    SealKind,
    ServiceCode,
    Status,
    TaxpayerKind,
)
from app.case.lifecycle import (
    mark_ready,
    mark_submitted,
    queue_for_submission,
    record_acceptance,
    record_completion,
    record_correction,
    record_rejection,
)
from app.case.model import AccountIntent, Case, Deferral, Document, IdentityCheck, Roles, StaffMember
from app.case.rules.identity import people_to_check
from app.case.service_models import (
    BankAccountData,
    BankAccountRequest,
    Correction,
    HousingFundData,
    HousingFundRequest,
    LicenseData,
    LicenseRequest,
    MailTo,
    MedicalInsuranceData,
    MedicalInsuranceRequest,
    Rejection,
    SealData,
    SealRequest,
    Services,
    SocialSecurityData,
    SocialSecurityRequest,
    TaxData,
    TaxRequest,
)
from app.seed.identifiers import sha256_hex, uscc
from app.seed.scans import scan_sha256
from app.seed.vocab import BRANCHES, ENGRAVERS, Business

_SERVICE_SETS = (
    tuple(ServiceCode),
    tuple(ServiceCode),
    tuple(ServiceCode),
    (ServiceCode.LICENSE, ServiceCode.SEAL, ServiceCode.BANK_ACCOUNT, ServiceCode.TAX),
    (ServiceCode.LICENSE, ServiceCode.SEAL),
    (ServiceCode.LICENSE,),
)


def build_services(rng: random.Random, business: Business, roles: Roles, founding: dt.date) -> Services:
    """A plausible set of requests: usually all seven, sometimes the licence with a few others."""
    chosen = rng.choice(_SERVICE_SETS)
    month = founding.strftime("%Y-%m")
    rate = rng.choice((5, 5, 8, 10, 12))
    requests: dict[ServiceCode, object] = {
        ServiceCode.LICENSE: _license(rng, roles),
        ServiceCode.SEAL: SealRequest(
            data=SealData(
                seals=[*FREE_SEALS, SealKind.CONTRACT] if rng.random() < 0.2 else list(FREE_SEALS),
                engraver=rng.choice(ENGRAVERS),
            )
        ),
        ServiceCode.BANK_ACCOUNT: _bank_account(rng, roles),
        ServiceCode.TAX: _tax(rng, debit=ServiceCode.BANK_ACCOUNT in chosen),
        ServiceCode.SOCIAL_SECURITY: SocialSecurityRequest(
            data=SocialSecurityData(start_month=month, risk_class=business.risk_class)
        ),
        ServiceCode.MEDICAL_INSURANCE: MedicalInsuranceRequest(data=MedicalInsuranceData(start_month=month)),
        ServiceCode.HOUSING_FUND: HousingFundRequest(
            data=HousingFundData(employer_rate_percent=rate, employee_rate_percent=rate, start_month=month)
        ),
    }
    return Services().model_copy(update={code.value: requests[code] for code in chosen})


def _license(rng: random.Random, roles: Roles) -> LicenseRequest:
    if rng.random() >= 0.3:
        return LicenseRequest(data=LicenseData(copies=rng.choice((1, 1, 2))))
    mail_to = MailTo(recipient_person_id=roles.liaison, address="寿光市圣城街道农圣街88号", postcode="262700")
    return LicenseRequest(data=LicenseData(copies=1, delivery=Delivery.MAIL, mail_to=mail_to))


def _bank_account(rng: random.Random, roles: Roles) -> BankAccountRequest:
    branch_code, branch_name = rng.choice(BRANCHES)
    lr = roles.legal_representative.person_id if roles.legal_representative else None
    return BankAccountRequest(
        data=BankAccountData(
            branch_code=branch_code,
            branch_name=branch_name,
            authorised_signers=[p for p in dict.fromkeys((lr, roles.finance_officer)) if p],
            ukey_count=rng.choice((1, 2)),
        )
    )


def _tax(rng: random.Random, *, debit: bool) -> TaxRequest:
    kinds = [InvoiceKind.DIGITAL_ORDINARY, InvoiceKind.DIGITAL_SPECIAL]
    taxpayer = TaxpayerKind.SMALL_SCALE if rng.random() < 0.8 else TaxpayerKind.GENERAL
    chosen = kinds[: rng.randrange(1, 3)]
    rng.choice((100000, 300000, 1000000))  # was a monthly limit: 数电 invoices have none (the stream stays)
    return TaxRequest(
        data=TaxData(
            taxpayer_kind=taxpayer,
            accounting_standard=AccountingStandard.SMALL_BUSINESS,
            invoice_kinds=chosen,
            debit_agreement=debit,
        )
    )


def staff_members(rng: random.Random, person_ids: list[str]) -> list[StaffMember]:
    return [
        StaffMember(person_id=p, monthly_wage_yuan=Decimal(rng.randrange(30, 120) * 100)) for p in person_ids
    ]


def fill_documents(rng: random.Random, case: Case, *, complete: bool) -> Case:
    """One entry per required material: key ones provided, others provided or deferred (容缺受理).

    A provided material's ``attachment_sha256`` is that of its fictitious scan (``app.seed.scans``)."""
    opened = case.created_at.date()
    documents = []
    for document in with_checklist(case).documents:
        if not complete and rng.random() < 0.3:
            documents.append(document)
        elif is_key(document.kind, document.subject, case) or rng.random() < 0.7:
            sha256_hex(rng)  # drawn as before, so the rest of the case stays what it was for a seed
            digest = scan_sha256(case.case_id, document.kind.value, document.subject)
            documents.append(
                document.model_copy(update={"status": DocumentStatus.PROVIDED, "attachment_sha256": digest})
            )
        else:
            due = opened + dt.timedelta(days=rng.randrange(5, 26))
            commitment = f"申请人承诺于{due.isoformat()}前补交{document.kind.label_zh}。"
            documents.append(
                Document(
                    kind=document.kind,
                    subject=document.subject,
                    status=DocumentStatus.DEFERRED,
                    deferral=Deferral(commitment=commitment, due_date=due),
                )
            )
    return case.model_copy(update={"documents": documents})


class Clock:
    """Timestamps for the moves of one case: minutes after it was opened, always increasing, and
    never after ``until`` (the desk's clock): the steps shrink to fit a case opened moments ago."""

    MOVES = 16  # more than any case's moves

    def __init__(self, start: dt.datetime, until: dt.datetime | None = None) -> None:
        self._now = start
        self._step = dt.timedelta(minutes=7)
        if until is not None and start + self._step * self.MOVES > until:
            self._step = max(until - start, dt.timedelta(0)) // self.MOVES

    def tick(self) -> dt.datetime:
        self._now += self._step
        return self._now


SIMULATED_CAMERA = "SIM-FACE-0001"


def with_desk_checks(case: Case, at: dt.datetime) -> Case:
    """The 人证核验 of everyone the licence needs checked (all matched, at the simulated camera) and the
    开户意愿 confirmed by the clerk and a second bank staff member, as the desk records them."""
    by = case.created_by or "clerk"
    checks = [
        IdentityCheck(
            person_id=person_id,
            outcome="match",
            id_number=person.id_number,
            checked_by=by,
            checked_at=at,
            device=SIMULATED_CAMERA,
        )
        for person_id in people_to_check(case)
        if (person := case.person(person_id)) is not None and person.id_number
    ]
    representative = case.roles.legal_representative
    intent = (
        AccountIntent(person_id=representative.person_id, first_by=by, second_by="trainer", confirmed_at=at)
        if representative is not None and case.services.bank_account is not None
        else None
    )
    return case.model_copy(update={"identity_checks": checks, "account_intent": intent})


def progress(
    rng: random.Random,
    case: Case,
    target: Status,
    *,
    today: dt.date,
    founding: dt.date,
    until: dt.datetime | None = None,
) -> Case:
    """Move a complete case from draft to ``target`` with the life-cycle functions (no move after
    ``until``)."""
    if target is Status.DRAFT:
        return case
    clock = Clock(case.created_at, until)
    case = with_desk_checks(case, clock.tick())
    case = mark_ready(case, today=today, now=clock.tick())
    if target is Status.READY:
        return case
    case = queue_for_submission(case, today=today, now=clock.tick())
    if target is Status.QUEUED:
        return case
    others = [code for code, _ in case.services.requested() if code is not ServiceCode.LICENSE]
    case = mark_submitted(case, ServiceCode.LICENSE, now=clock.tick())
    if target is Status.NEEDS_CORRECTION:
        item = Correction(
            field="company.domicile.address", message_zh="住所门牌号与产权证明不一致，请核对后补正。"
        )
        return record_correction(case, ServiceCode.LICENSE, [item], now=clock.tick())
    if target is Status.REJECTED:
        reason = Rejection(reason_zh="名称与已登记企业近似，请重新申报名称。")
        return record_rejection(case, ServiceCode.LICENSE, reason, now=clock.tick())
    if others or target is Status.COMPLETED:
        case = _complete(rng, case, ServiceCode.LICENSE, founding, clock)
    elif target is Status.ACCEPTED:
        return record_acceptance(case, ServiceCode.LICENSE, now=clock.tick())
    for code in others:
        case = mark_submitted(case, code, now=clock.tick())
        if target is Status.ACCEPTED:
            case = record_acceptance(case, code, now=clock.tick())
        elif target is Status.COMPLETED:
            case = _complete(rng, case, code, founding, clock)
    return case


def _complete(rng: random.Random, case: Case, code: ServiceCode, founding: dt.date, clock: Clock) -> Case:
    digits = "".join(str(rng.randrange(10)) for _ in range(9))
    results: dict[ServiceCode, dict[str, object]] = {
        ServiceCode.LICENSE: {
            "uscc": uscc(rng),
            "license_number": f"370783{founding:%Y%m%d}{digits[:4]}",
            "established_on": founding,
            "authority": "寿光市行政审批服务局",
        },
        ServiceCode.SEAL: {"filing_number": f"3707830{digits}", "engraved_on": founding},
        ServiceCode.BANK_ACCOUNT: {
            "account_number": f"1607{digits}{digits[:6]}",
            "opened_on": founding,
            "account_filing_number": f"J4585{digits}",
        },
        ServiceCode.TAX: {"registered_on": founding, "tax_authority": "国家税务总局寿光市税务局"},
        ServiceCode.SOCIAL_SECURITY: {"unit_number": f"370783{digits}", "registered_on": founding},
        ServiceCode.MEDICAL_INSURANCE: {"unit_number": f"Y370783{digits}", "registered_on": founding},
        ServiceCode.HOUSING_FUND: {"unit_number": f"GJJ0783{digits}", "registered_on": founding},
    }
    return record_completion(case, code, results[code], now=clock.tick())
