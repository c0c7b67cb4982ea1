"""The seven service requests of a case: each holds only its own extra data and the agency's results.

Everything else a service needs (names, people, addresses, the USCC once the licence is issued) is
derived from the case by ``app.case.payload.service_payload``, so nothing is typed twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from app.case.enums import (
    FREE_SEALS,
    AccountingStandard,
    Delivery,
    IntentConfirmation,
    InvoiceKind,
    MedicalInsurance,
    SealKind,
    ServiceCode,
    SocialInsurance,
    Status,
    TaxpayerKind,
)
from app.case.values import MAX_ITEMS, AsciiText, Identifier, Month, PersonId, Postcode, Text, Yuan


class _Part(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, str_strip_whitespace=True)


class Correction(_Part):
    """One 补正 item sent back by an agency: what to correct, where."""

    field: Text | None = None
    message_zh: Text
    message_en: Text | None = None
    received_at: dt.datetime | None = None


class Rejection(_Part):
    reason_zh: Text
    reason_en: Text | None = None


class _Request(_Part):
    requested: bool = True
    status: Status = Status.DRAFT
    corrections: list[Correction] = Field(default_factory=list, max_length=MAX_ITEMS)
    rejection: Rejection | None = None


# --- 营业执照 -------------------------------------------------------------------------------------


class MailTo(_Part):
    recipient_person_id: PersonId | None = None
    address: Text = ""
    postcode: Postcode | None = None


class LicenseData(_Part):
    copies: int = Field(default=1, ge=0, le=10)  # 副本
    delivery: Delivery = Delivery.PICKUP
    mail_to: MailTo | None = None
    electronic_licence: bool = True


class LicenseResults(_Part):
    uscc: Identifier
    license_number: Text | None = None
    established_on: dt.date
    authority: Text | None = None


class LicenseRequest(_Request):
    data: LicenseData = Field(default_factory=LicenseData)
    results: LicenseResults | None = None


# --- 印章刻制 -------------------------------------------------------------------------------------


class SealData(_Part):
    seals: list[SealKind] = Field(default_factory=lambda: list(FREE_SEALS))
    engraver: Text | None = None  # the police-designated engraver chosen by the applicant


class SealCode(_Part):
    """The public security organ's filing code of one engraved seal (印章备案码)."""

    kind: SealKind | None = None  # None: a code the platform sent beyond the seals requested
    code: AsciiText


class SealResults(_Part):
    filing_number: Text
    engraved_on: dt.date | None = None
    seal_codes: list[SealCode] = Field(default_factory=list)  # one per engraved seal, in request order


class SealRequest(_Request):
    data: SealData = Field(default_factory=SealData)
    results: SealResults | None = None


# --- 银行基本存款账户 -----------------------------------------------------------------------------


class BankAccountData(_Part):
    branch_code: AsciiText | None = None  # 联行号 of this branch, 12 digits
    branch_name: Text | None = None
    authorised_signers: list[PersonId] = Field(default_factory=list, max_length=MAX_ITEMS)
    specimen_seals: list[SealKind] = Field(
        default_factory=lambda: [SealKind.FINANCE, SealKind.LEGAL_REPRESENTATIVE]
    )
    online_banking: bool = True
    ukey_count: int = Field(default=1, ge=0, le=10)
    intent_confirmation: IntentConfirmation = IntentConfirmation.FACE_TO_FACE


class BankAccountResults(_Part):
    account_number: AsciiText
    account_filing_number: Text | None = None  # 基本存款账户编号
    opened_on: dt.date | None = None


class BankAccountRequest(_Request):
    data: BankAccountData = Field(default_factory=BankAccountData)
    results: BankAccountResults | None = None


# --- 涉税办理 -------------------------------------------------------------------------------------


class TaxData(_Part):
    taxpayer_kind: TaxpayerKind | None = None
    accounting_standard: AccountingStandard | None = None
    invoice_kinds: list[InvoiceKind] = Field(default_factory=list, max_length=MAX_ITEMS)
    monthly_invoice_limit_yuan: Yuan | None = None
    debit_agreement: bool = True  # 税库银三方协议 on the new basic account


class TaxResults(_Part):
    registered_on: dt.date
    tax_authority: Text | None = None
    tax_registration_number: Identifier | None = None  # 纳税人识别号: the USCC for a company


class TaxRequest(_Request):
    data: TaxData = Field(default_factory=TaxData)
    results: TaxResults | None = None


# --- 社保、医保 -----------------------------------------------------------------------------------


class SocialSecurityData(_Part):
    start_month: Month | None = None
    risk_class: int | None = None  # 工伤保险行业风险类别 1-8
    insurances: list[SocialInsurance] = Field(default_factory=lambda: list(SocialInsurance))


class MedicalInsuranceData(_Part):
    start_month: Month | None = None
    insurances: list[MedicalInsurance] = Field(default_factory=lambda: list(MedicalInsurance))


class UnitRegistration(_Part):
    unit_number: Text
    registered_on: dt.date | None = None


class SocialSecurityRequest(_Request):
    data: SocialSecurityData = Field(default_factory=SocialSecurityData)
    results: UnitRegistration | None = None


class MedicalInsuranceRequest(_Request):
    data: MedicalInsuranceData = Field(default_factory=MedicalInsuranceData)
    results: UnitRegistration | None = None


# --- 住房公积金 -----------------------------------------------------------------------------------


class HousingFundData(_Part):
    employer_rate_percent: int | None = None  # 5-12
    employee_rate_percent: int | None = None  # 5-12, usually equal to the employer's
    start_month: Month | None = None
    base_cap_yuan: Yuan | None = None  # 3x the local average monthly wage, when the centre published it


class HousingFundRequest(_Request):
    data: HousingFundData = Field(default_factory=HousingFundData)
    results: UnitRegistration | None = None


ServiceRequest = (
    LicenseRequest
    | SealRequest
    | BankAccountRequest
    | TaxRequest
    | SocialSecurityRequest
    | MedicalInsuranceRequest
    | HousingFundRequest
)

RESULT_MODELS: dict[ServiceCode, type[BaseModel]] = {
    ServiceCode.LICENSE: LicenseResults,
    ServiceCode.SEAL: SealResults,
    ServiceCode.BANK_ACCOUNT: BankAccountResults,
    ServiceCode.TAX: TaxResults,
    ServiceCode.SOCIAL_SECURITY: UnitRegistration,
    ServiceCode.MEDICAL_INSURANCE: UnitRegistration,
    ServiceCode.HOUSING_FUND: UnitRegistration,
}


class Services(_Part):
    """The seven service requests; an absent or ``requested: false`` entry is not part of this case."""

    license: LicenseRequest | None = None
    seal: SealRequest | None = None
    bank_account: BankAccountRequest | None = None
    tax: TaxRequest | None = None
    social_security: SocialSecurityRequest | None = None
    medical_insurance: MedicalInsuranceRequest | None = None
    housing_fund: HousingFundRequest | None = None

    def get(self, code: ServiceCode | str) -> ServiceRequest | None:
        name = code.value if isinstance(code, ServiceCode) else ServiceCode(code).value
        found: ServiceRequest | None = getattr(self, name)
        return found

    def requested(self) -> Iterator[tuple[ServiceCode, ServiceRequest]]:
        """The requested services, in platform order."""
        for code in ServiceCode:
            found = self.get(code)
            if found is not None and found.requested:
                yield code, found

    def is_requested(self, code: ServiceCode | str) -> bool:
        found = self.get(code)
        return found is not None and found.requested

    def replaced(self, code: ServiceCode, request: ServiceRequest) -> Services:
        update: dict[str, Any] = {code.value: request}
        return self.model_copy(update=update)
