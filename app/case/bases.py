"""The contribution bases of the staff: each employee's wage held between the floor and the cap in force.

A new company's employees are new hires: their base is the first month's wage (``StaffMember.
monthly_wage_yuan``), raised to the floor or cut to the cap that the reference pack's wage standards
(``app.reference``: published figures with their effective dates) give for the company's domicile on
the day the service starts (its first contribution month, else the founding, else the day the case
was opened). Social and medical insurance: 60% to 300% of the published average wage; housing fund:
the minimum wage to three times the local average wage. The forms and the payloads print these bases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from app.case.enums import ServiceCode
from app.case.model import Case
from app.reference import ReferenceData, WageStandard
from app.reference.packs import WageKind

DEFAULT_DIVISION = "370783"  # 寿光市: where a case without a domicile yet is opened
_KINDS: dict[ServiceCode, WageKind] = {
    ServiceCode.SOCIAL_SECURITY: "social_insurance",
    ServiceCode.MEDICAL_INSURANCE: "medical_insurance",
    ServiceCode.HOUSING_FUND: "housing_fund",
}


@dataclass(frozen=True)
class BaseLimits:
    """The floor and cap a service's bases are held between on ``day`` (None: nothing known)."""

    service: ServiceCode
    day: dt.date
    standard: WageStandard | None
    cap: Decimal | None

    @property
    def floor(self) -> Decimal | None:
        return self.standard.floor if self.standard is not None else None

    def base(self, wage: Decimal | None) -> Decimal | None:
        """The contribution base of a wage: the wage, not below the floor nor above the cap."""
        if wage is None:
            return None
        if self.floor is not None:
            wage = max(wage, self.floor)
        return min(wage, self.cap) if self.cap is not None else wage


def start_day(case: Case, service: ServiceCode) -> dt.date:
    """The day whose figures apply: the service's first contribution month, else the founding, else the
    day the case was opened."""
    request = case.services.get(service)
    month = getattr(request.data, "start_month", None) if request is not None else None
    if month:
        year, number = month.split("-")
        return dt.date(int(year), int(number), 1)
    licence = case.services.license
    if licence is not None and licence.results is not None:
        return licence.results.established_on
    return case.created_at.date()


def base_limits(case: Case, service: ServiceCode, ref: ReferenceData) -> BaseLimits:
    day = start_day(case, service)
    standard = ref.wage_standard(_KINDS[service], _division(case), day)
    cap = standard.cap if standard is not None else None
    fund = case.services.housing_fund
    if cap is None and service is ServiceCode.HOUSING_FUND and fund is not None:
        cap = fund.data.base_cap_yuan  # a cap typed in when the pack has none for the day
    return BaseLimits(service, day, standard, cap)


def minimum_wage(case: Case, ref: ReferenceData) -> WageStandard | None:
    """The monthly minimum wage in force when the company's insurance starts (or it is opened)."""
    day = min(start_day(case, code) for code in _KINDS)
    return ref.wage_standard("minimum_wage", _division(case), day)


def _division(case: Case) -> str:
    domicile = case.company.domicile
    return domicile.division_code if domicile is not None and domicile.division_code else DEFAULT_DIVISION
