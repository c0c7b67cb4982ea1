"""The documents checklist, derived from the choices made in a case, and the 容缺受理 rules.

Each required document belongs to one service (the first that needs it) and is *key* (关键材料) or
not. Only non-key materials may be deferred under 容缺受理, with a written commitment and a due date
at most ``MAX_DEFERRAL_DAYS`` after the case was opened; key materials must be provided before the
case can be submitted. Which materials are key follows the usual practice of the Weifang desks:
what identifies the applicant and founds the company (application, articles, IDs of the legal
representative, shareholders and agent, the beneficial-owner form, the bank's account application)
is key; supporting proofs and the papers of other officers and staff can follow.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.case.enums import CompanyType, DocumentKind, DocumentStatus, HolderKind, ServiceCode
from app.case.model import Case, Document

MAX_DEFERRAL_DAYS = 30

_KEY_KINDS = frozenset(
    {
        DocumentKind.APPLICATION_FORM,
        DocumentKind.ARTICLES_OF_ASSOCIATION,
        DocumentKind.PARTNERSHIP_AGREEMENT,
        DocumentKind.ENTITY_CERTIFICATE,
        DocumentKind.POWER_OF_ATTORNEY,
        DocumentKind.BENEFICIAL_OWNER_FORM,
        DocumentKind.BANK_ACCOUNT_APPLICATION,
    }
)


@dataclass(frozen=True)
class RequiredDocument:
    """One line of the checklist: which material, about whom, for which service, deferrable or not."""

    kind: DocumentKind
    subject: str | None
    service: ServiceCode
    key: bool

    @property
    def deferrable(self) -> bool:
        return not self.key

    def matches(self, document: Document) -> bool:
        return document.kind is self.kind and document.subject == self.subject


def required_documents(case: Case) -> list[RequiredDocument]:
    """Every material the case's choices call for, in checklist order."""
    required: list[RequiredDocument] = []
    if case.services.is_requested(ServiceCode.LICENSE):
        required += _license_documents(case)
    if case.services.is_requested(ServiceCode.BANK_ACCOUNT):
        required.append(
            RequiredDocument(DocumentKind.BANK_ACCOUNT_APPLICATION, None, ServiceCode.BANK_ACCOUNT, True)
        )
    tax = case.services.tax
    if tax is not None and tax.requested:
        if tax.data.debit_agreement:
            required.append(RequiredDocument(DocumentKind.TAX_DEBIT_AGREEMENT, None, ServiceCode.TAX, False))
        handler = case.roles.tax_handler
        if handler and handler not in _id_copy_subjects(required):
            required.append(RequiredDocument(DocumentKind.ID_COPY, handler, ServiceCode.TAX, False))
    required += _staff_id_copies(case, _id_copy_subjects(required))
    return required


def _id_copy_subjects(required: list[RequiredDocument]) -> set[str | None]:
    return {r.subject for r in required if r.kind is DocumentKind.ID_COPY}


def key_people(case: Case) -> list[str]:
    """People whose ID copy is a key material: legal representative, natural shareholders, agent."""
    roles = case.roles
    found = [roles.legal_representative.person_id] if roles.legal_representative else []
    found += [s.person_id for _, s in case.natural_shareholders() if s.person_id]
    found += [roles.agent] if roles.agent else []
    return list(dict.fromkeys(found))


def officer_people(case: Case) -> list[str]:
    """Everyone else on the registration forms (directors, supervisors, manager, finance officer,
    liaison, beneficial owners, a partner's delegate). The tax handler (办税人) is the tax office's: his ID
    copy belongs to 涉税办理; staff only insured, to the insurance they join first."""
    roles = case.roles
    found = [o.person_id for o in (*roles.directors, *roles.supervisors)]
    found += [p for p in (roles.manager, roles.finance_officer, roles.liaison) if p]
    found += [b.person_id for b in roles.beneficial_owners]
    found += [s.delegate for s in roles.shareholders if s.delegate]
    return list(dict.fromkeys(found))


def document_status(case: Case, requirement: RequiredDocument) -> DocumentStatus:
    found = next((d for d in case.documents if requirement.matches(d)), None)
    return found.status if found else DocumentStatus.MISSING


def with_checklist(case: Case) -> Case:
    """The case with one document entry per required material (existing entries kept, extras kept last)."""
    entries: list[Document] = []
    for requirement in required_documents(case):
        found = next((d for d in case.documents if requirement.matches(d)), None)
        entries.append(found or Document(kind=requirement.kind, subject=requirement.subject))
    extras = [d for d in case.documents if d not in entries]
    return case.model_copy(update={"documents": entries + extras})


def _license_documents(case: Case) -> list[RequiredDocument]:
    lic = ServiceCode.LICENSE
    required = [RequiredDocument(DocumentKind.APPLICATION_FORM, None, lic, True)]
    company_type = case.company.type
    if company_type.is_company:
        required.append(RequiredDocument(DocumentKind.ARTICLES_OF_ASSOCIATION, None, lic, True))
    if company_type is CompanyType.PARTNERSHIP:
        required.append(RequiredDocument(DocumentKind.PARTNERSHIP_AGREEMENT, None, lic, True))
    keys = key_people(case)
    required += [RequiredDocument(DocumentKind.ID_COPY, p, lic, True) for p in keys]
    required += [
        RequiredDocument(DocumentKind.ID_COPY, p, lic, False) for p in officer_people(case) if p not in keys
    ]
    for shareholder in case.roles.shareholders:
        if shareholder.holder is HolderKind.LEGAL and shareholder.entity is not None:
            required.append(
                RequiredDocument(DocumentKind.ENTITY_CERTIFICATE, shareholder.entity.uscc, lic, True)
            )
    if case.roles.agent:
        required.append(RequiredDocument(DocumentKind.POWER_OF_ATTORNEY, None, lic, True))
    required.append(RequiredDocument(DocumentKind.DOMICILE_PROOF, None, lic, False))
    if case.company.production_address is not None:
        required.append(RequiredDocument(DocumentKind.PRODUCTION_ADDRESS_PROOF, None, lic, False))
    if company_type.is_company:
        required.append(RequiredDocument(DocumentKind.APPOINTMENT_DOCUMENTS, None, lic, False))
    if company_type is not CompanyType.SOLE_PROPRIETORSHIP:
        required.append(RequiredDocument(DocumentKind.BENEFICIAL_OWNER_FORM, None, lic, True))
    return required


def _staff_id_copies(case: Case, already: set[str | None]) -> list[RequiredDocument]:
    insuring = [
        code
        for code in (ServiceCode.SOCIAL_SECURITY, ServiceCode.MEDICAL_INSURANCE, ServiceCode.HOUSING_FUND)
        if case.services.is_requested(code)
    ]
    if not insuring:
        return []
    return [
        RequiredDocument(DocumentKind.ID_COPY, member.person_id, insuring[0], False)
        for member in case.staff
        if member.person_id not in already
    ]


def is_key(kind: DocumentKind, subject: str | None, case: Case) -> bool:
    """Whether a material may not be deferred (an ID copy is key for the key people only)."""
    if kind is DocumentKind.ID_COPY:
        return subject in key_people(case)
    return kind in _KEY_KINDS
