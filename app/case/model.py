"""The opening case (开办案卷) as pydantic models: the ``bizdesk.case/1`` document.

One case holds the company, the people (each entered once) and the roles that point at them, the
staff, the seven service requests (each with only its own extra data) and the documents checklist.
The models check the *shape* of a document; the rules (Company Law, identifiers, readiness) live in
``app.case.rules.validate`` and report problems instead of refusing to build a model, so that a
half-filled draft can be stored and shown.

Every field that a clerk may leave for later is optional; ``validate_case`` says what is missing.
Models are frozen: life-cycle functions return a new case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.case.enums import (
    BeneficialOwnerBasis,
    CompanyType,
    ContributionForm,
    DocumentKind,
    DocumentStatus,
    HolderKind,
    IdType,
    LegalRepresentativePosition,
    PartnerKind,
    Sex,
    SoleInvestment,
    Status,
    Valuation,
)
from app.case.service_models import Services
from app.case.values import (
    LONG_TERM,
    MAX_DOCUMENTS,
    MAX_ITEMS,
    MAX_SHORT_TEXT,
    MAX_STAFF,
    AsciiText,
    CaseId,
    CaseTime,
    CompanyName,
    DivisionCode,
    Identifier,
    IndustryCode,
    MobileNumber,
    OperatingTerm,
    Percent,
    PersonId,
    Postcode,
    ScopeCode,
    Sha256,
    Text,
    Wan,
    Yuan,
)

SCHEMA_ID: Literal["bizdesk.case/1"] = "bizdesk.case/1"


class Part(BaseModel):
    """Base of every part of the document: strict types, no unknown keys, immutable."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, str_strip_whitespace=True)


class NameParts(Part):
    """行政区划 + 字号 + 行业或经营特点 + 组织形式, e.g. 寿光市 + 绿野 + 蔬菜种植 + 有限公司."""

    division: CompanyName = ""
    trade_name: CompanyName = ""
    industry: CompanyName = ""
    form: CompanyName = ""


class Address(Part):
    division_code: DivisionCode | None = None  # county-level GB/T 2260 code, 370783 for 寿光市
    address: Text = ""  # town, street and number below the county


class Scope(Part):
    general: list[ScopeCode] = Field(default_factory=list, max_length=MAX_ITEMS)
    licensed: list[ScopeCode] = Field(default_factory=list, max_length=MAX_ITEMS)


class Company(Part):
    type: CompanyType
    name: CompanyName | None = None
    name_parts: NameParts | None = None
    domicile: Address | None = None
    production_address: Address | None = None  # only when different from the domicile
    registered_capital_wan: Wan | None = None
    scope: Scope = Field(default_factory=Scope)
    industry_code: IndustryCode | None = None  # GB/T 4754-2017 class (4 digits)
    operating_term: OperatingTerm = LONG_TERM
    employees: int | None = Field(default=None, ge=0)
    phone: AsciiText | None = None
    postcode: Postcode | None = None


class Person(Part):
    """A natural person, entered once and referenced by ``person_id`` from roles, staff and documents."""

    person_id: PersonId
    name: Text = Field(min_length=1, max_length=MAX_SHORT_TEXT)
    id_type: IdType = IdType.RESIDENT_ID
    id_number: Identifier | None = None
    id_valid_until: dt.date | Literal["long_term"] | None = None  # 证件有效期限 (the card reader gives it)
    birth_date: dt.date | None = None  # needed only when the ID document does not carry it
    sex: Sex | None = None  # likewise: a resident ID number carries it
    nationality: Text | None = None  # ISO 3166 alpha-3 for foreign nationals; CHN by default
    mobile: MobileNumber | None = None
    address: Text | None = None
    email: AsciiText | None = None


class LegalEntity(Part):
    """A shareholder that is a legal person (法人股东)."""

    name: CompanyName
    uscc: Identifier | None = None


class Shareholder(Part):
    """A shareholder, promoter, investor or partner, with the subscription (认缴)."""

    holder: HolderKind = HolderKind.NATURAL
    person_id: PersonId | None = None  # natural persons
    entity: LegalEntity | None = None  # legal persons
    subscribed_wan: Wan | None = None
    contribution_forms: list[ContributionForm] = Field(default_factory=lambda: [ContributionForm.MONEY])
    due_date: dt.date | None = None
    partner_kind: PartnerKind | None = None  # partnerships only
    valuation: Valuation | None = None  # partnerships: how a non-money contribution is valued (评估方式)
    delegate: PersonId | None = None  # partnerships: the 委派代表 a legal-person partner names
    sole_investment: SoleInvestment | None = None  # 个人独资企业: personal or the family's common property


class Officer(Part):
    person_id: PersonId
    chair: bool = False
    employee_representative: bool = False


class LegalRepresentative(Part):
    person_id: PersonId
    position: LegalRepresentativePosition


class BeneficialOwner(Part):
    """A beneficial owner as the filing asks: the grounds (受益所有权关系类型), since when (形成日期), the
    share of equity or votes (or of the benefit) and, for control, how it is exercised (控制方式)."""

    person_id: PersonId
    bases: list[BeneficialOwnerBasis] = Field(min_length=1)
    since: dt.date | None = None  # absent: since the founding
    share_percent: Percent | None = None  # absent: the direct holding in the shareholders' list
    control: Text | None = None  # how control is exercised (agreement, appointment of the board...)


class BeneficialOwnerExemption(Part):
    """承诺免报: no beneficial-owner filing is needed (the rules check the conditions)."""

    no_other_controller: bool = False


class Roles(Part):
    legal_representative: LegalRepresentative | None = None
    shareholders: list[Shareholder] = Field(default_factory=list, max_length=MAX_ITEMS)
    directors: list[Officer] = Field(default_factory=list, max_length=MAX_ITEMS)
    supervisors: list[Officer] = Field(default_factory=list, max_length=MAX_ITEMS)
    no_supervisor_consent: bool = False  # LLC: all shareholders agreed to have no supervisor
    audit_committee: list[PersonId] = Field(default_factory=list, max_length=MAX_ITEMS)
    manager: PersonId | None = None
    finance_officer: PersonId | None = None
    tax_handler: PersonId | None = None
    liaison: PersonId | None = None
    agent: PersonId | None = None
    beneficial_owners: list[BeneficialOwner] = Field(default_factory=list, max_length=MAX_ITEMS)
    beneficial_owner_exemption: BeneficialOwnerExemption | None = None


class StaffMember(Part):
    """An employee insured by social security, medical insurance and the housing fund."""

    person_id: PersonId
    monthly_wage_yuan: Yuan | None = None  # the first month's wage of a new hire: the contribution base


class Deferral(Part):
    """容缺受理: the applicant's commitment to hand the material in by ``due_date``."""

    commitment: Text = ""
    due_date: dt.date


class Document(Part):
    kind: DocumentKind
    subject: Text | None = None  # person_id, or the USCC of a legal-person shareholder
    status: DocumentStatus = DocumentStatus.MISSING
    attachment_sha256: Sha256 | None = None
    deferral: Deferral | None = None


class Rating(Part):
    """好差评: the founder's rating of the desk's service, given after submission."""

    grade: Literal["good", "average", "poor"]
    comment: Text | None = None
    rated_at: CaseTime


class IdentityCheck(Part):
    """人证核验 (市场监管总局令第88号): one face check of a person against the photo of the ID card read
    for them, at the desk's camera. Every check is kept; the last one of a person counts."""

    person_id: PersonId
    outcome: Literal["match", "no_match", "no_face"]
    id_number: Identifier  # the card the live face was compared with (another number voids the check)
    checked_by: Text  # the clerk signed in
    checked_at: CaseTime
    device: Text  # the face-check device's id (the simulated one in training)


class AccountIntent(Part):
    """开户意愿核实 (银发〔2019〕41号): the legal representative's intent to open the basic account,
    confirmed face to face by two bank staff, each signed in on this desk (双人核实)."""

    person_id: PersonId  # the legal representative whose intent was confirmed
    first_by: Text  # the clerk working the case
    second_by: Text  # the second bank staff member, signed in with their own password
    confirmed_at: CaseTime


class Case(Part):
    schema_: Literal["bizdesk.case/1"] = Field(alias="schema")
    case_id: CaseId
    created_at: CaseTime
    updated_at: CaseTime
    # 受理时间: when the desk accepted the case (提交办理 queued it; queued again after a rejection);
    # the receipt's half-working-day clock starts here. Absent before the first submission.
    accepted_at: CaseTime | None = None
    created_by: Text | None = None
    status: Status = Status.DRAFT
    fictitious: bool = False
    note: Text | None = None
    company: Company
    people: list[Person] = Field(default_factory=list, max_length=MAX_ITEMS)
    roles: Roles = Field(default_factory=Roles)
    staff: list[StaffMember] = Field(default_factory=list, max_length=MAX_STAFF)
    services: Services = Field(default_factory=Services)
    documents: list[Document] = Field(default_factory=list, max_length=MAX_DOCUMENTS)
    rating: Rating | None = None
    identity_checks: list[IdentityCheck] = Field(default_factory=list, max_length=MAX_DOCUMENTS)
    account_intent: AccountIntent | None = None

    model_config = ConfigDict(populate_by_name=True, title="bizdesk.case/1")

    def person(self, person_id: str | None) -> Person | None:
        if person_id is None:
            return None
        return next((p for p in self.people if p.person_id == person_id), None)

    def person_index(self, person_id: str) -> int | None:
        return next((i for i, p in enumerate(self.people) if p.person_id == person_id), None)

    def identity_check(self, person_id: str) -> IdentityCheck | None:
        """The last face check of ``person_id`` (None: never checked)."""
        return next((c for c in reversed(self.identity_checks) if c.person_id == person_id), None)

    def natural_shareholders(self) -> Iterator[tuple[int, Shareholder]]:
        return ((i, s) for i, s in enumerate(self.roles.shareholders) if s.holder is HolderKind.NATURAL)
