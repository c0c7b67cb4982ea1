"""Every form of the packet, in signing order, and the choice of those a case needs.

Signing order follows the platform's order of services: the licence's application and sheets (the
natural persons' identity page and the real-name confirmation last among them), the articles (a
partnership's agreement and contribution confirmation) and the beneficial-owner form first, then
seal, bank account, tax, social security, medical insurance and housing fund, then the 容缺受理
commitment and the one-time notice; the receipt last, for the founder to keep.
"""

from __future__ import annotations

from forms.catalog.articles import JOINT_STOCK_ARTICLES, LLC_ARTICLES
from forms.catalog.declarations import (
    BENEFICIAL_OWNER_EXEMPTION,
    BENEFICIAL_OWNERS,
    DEFERRAL_COMMITMENT,
    ONE_TIME_NOTICE,
)
from forms.catalog.identity import IDENTITY_PAGE, REAL_NAME_CONFIRMATION
from forms.catalog.layout import FormSpec, applies
from forms.catalog.partnership import CONTRIBUTION_CONFIRMATION, PARTNERSHIP_AGREEMENT
from forms.catalog.receipt import RECEIPT
from forms.catalog.registration import (
    AGENT_SHEET,
    COMPANY_APPLICATION,
    CONTACTS_SHEET,
    LEGAL_REPRESENTATIVE_SHEET,
    OFFICERS_SHEET,
    PARTNERSHIP_APPLICATION,
    SHAREHOLDERS_SHEET,
    SOLE_PROPRIETORSHIP_APPLICATION,
)
from forms.catalog.services import BANK_FORM, HOUSING_FORM, MEDICAL_FORM, SEAL_FORM, SOCIAL_FORM, TAX_FORM

LICENCE_FORMS: tuple[FormSpec, ...] = (
    COMPANY_APPLICATION,
    SOLE_PROPRIETORSHIP_APPLICATION,
    PARTNERSHIP_APPLICATION,
    LEGAL_REPRESENTATIVE_SHEET,
    OFFICERS_SHEET,
    SHAREHOLDERS_SHEET,
    CONTACTS_SHEET,
    AGENT_SHEET,
    IDENTITY_PAGE,
    REAL_NAME_CONFIRMATION,
    LLC_ARTICLES,
    JOINT_STOCK_ARTICLES,
    PARTNERSHIP_AGREEMENT,
    CONTRIBUTION_CONFIRMATION,
    BENEFICIAL_OWNERS,
    BENEFICIAL_OWNER_EXEMPTION,
)
SERVICE_FORMS: tuple[FormSpec, ...] = (
    SEAL_FORM,
    BANK_FORM,
    TAX_FORM,
    SOCIAL_FORM,
    MEDICAL_FORM,
    HOUSING_FORM,
)
CLOSING_FORMS: tuple[FormSpec, ...] = (DEFERRAL_COMMITMENT, ONE_TIME_NOTICE, RECEIPT)
ALL_FORMS: tuple[FormSpec, ...] = LICENCE_FORMS + SERVICE_FORMS + CLOSING_FORMS


def forms_for(flags: frozenset[str]) -> tuple[FormSpec, ...]:
    """The forms a case with these facts flags needs, in signing order.

    The licence's forms come only with the licence service (``service.license``).
    """
    licence = LICENCE_FORMS if "service.license" in flags else ()
    chosen = licence + SERVICE_FORMS + CLOSING_FORMS
    return tuple(spec for spec in chosen if applies(spec.when, spec.unless, flags))
