"""What a new draft starts with, so a standard opening does not retype it.

- the company: a limited-liability company in 寿光市 (division 370783, name starting 寿光市, form
  有限公司), long-term, postcode 262700;
- the seven services all requested, each with the desk's defaults: four free seals at the desk's
  usual engraver, one licence copy, this branch's bank code (the desk's branch:
  ``app.services.branch``), small-scale taxpayer on the small-business standard with digital
  ordinary invoices, social security, medical insurance and the housing fund from the month of
  opening (5% + 5%);
- the company phone: the legal representative's mobile, until the clerk types another;
- the roles of the first people: the first person read becomes legal representative (and the single
  董事 of a company without a board), manager, finance officer, tax handler and liaison; the second
  becomes the supervisor.
  The clerk changes any of this with one tick.
"""

from __future__ import annotations

import datetime as dt

from app.case.enums import (
    FREE_SEALS,
    AccountingStandard,
    CompanyType,
    InvoiceKind,
    ServiceCode,
    TaxpayerKind,
)
from app.case.model import SCHEMA_ID, Address, Case, Company, NameParts
from app.case.service_models import (
    BankAccountData,
    BankAccountRequest,
    HousingFundData,
    HousingFundRequest,
    LicenseData,
    LicenseRequest,
    MedicalInsuranceData,
    MedicalInsuranceRequest,
    SealData,
    SealRequest,
    ServiceRequest,
    Services,
    SocialSecurityData,
    SocialSecurityRequest,
    TaxData,
    TaxRequest,
)
from app.clock import desk_time
from app.services.branch import DeskBranch

SHOUGUANG = "370783"
SHOUGUANG_POSTCODE = "262700"
DEFAULT_FUND_RATE = 5


def new_draft(case_id: str, now: dt.datetime, *, by: str | None, desk: DeskBranch, training: bool) -> Case:
    """A fresh draft with the defaults above and no people yet."""
    company = Company(
        type=CompanyType.LLC,
        name_parts=NameParts(division="寿光市", form="有限公司"),
        domicile=Address(division_code=SHOUGUANG),
        postcode=SHOUGUANG_POSTCODE,
    )
    draft = Case(  # type: ignore[call-arg]  # the alias of schema_
        schema=SCHEMA_ID,
        case_id=case_id,
        created_at=now,
        updated_at=now,
        created_by=by,
        fictitious=training,
        company=company,
    )
    services = Services()
    for code in ServiceCode:
        services = services.replaced(code, default_request(code, draft, desk))
    return draft.model_copy(update={"services": services})


def default_request(code: ServiceCode, case: Case, desk: DeskBranch | None = None) -> ServiceRequest:
    """The request of ``code`` with the desk's defaults (switched on)."""
    month = desk_time(case.created_at).strftime("%Y-%m")
    desk = desk or DeskBranch()
    if code is ServiceCode.LICENSE:
        return LicenseRequest(data=LicenseData(copies=1))
    if code is ServiceCode.SEAL:
        return SealRequest(data=SealData(seals=list(FREE_SEALS), engraver=desk.engraver or None))
    if code is ServiceCode.BANK_ACCOUNT:
        data = BankAccountData(branch_code=desk.bank_code or None, branch_name=desk.branch_name or None)
        return BankAccountRequest(data=data)
    if code is ServiceCode.TAX:
        return TaxRequest(
            data=TaxData(
                taxpayer_kind=TaxpayerKind.SMALL_SCALE,
                accounting_standard=AccountingStandard.SMALL_BUSINESS,
                invoice_kinds=[InvoiceKind.DIGITAL_ORDINARY],
            )
        )
    if code is ServiceCode.SOCIAL_SECURITY:
        return SocialSecurityRequest(data=SocialSecurityData(start_month=month))
    if code is ServiceCode.MEDICAL_INSURANCE:
        return MedicalInsuranceRequest(data=MedicalInsuranceData(start_month=month))
    rate = DEFAULT_FUND_RATE
    return HousingFundRequest(
        data=HousingFundData(employer_rate_percent=rate, employee_rate_percent=rate, start_month=month)
    )


def suggested_roles(position: int, company_type: CompanyType) -> tuple[str, ...]:
    """The roles proposed for the ``position``-th person added (0-based); the clerk may untick them."""
    if position == 0:
        first = ("legal_representative", "manager", "finance_officer", "tax_handler", "liaison")
        return ("director", *first) if company_type.is_company else first
    if position == 1 and company_type.is_company:
        return ("supervisor",)
    return ()
