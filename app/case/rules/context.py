"""What every case rule needs: the case, today's date, the reference data, and a few derived facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from app.case.enums import IdType, Sex
from app.case.model import Case, Person
from app.reference import ReferenceData
from app.validation.resident_id import resident_id_birth_date, resident_id_sex


@dataclass(frozen=True)
class RuleContext:
    case: Case
    today: dt.date
    ref: ReferenceData

    @property
    def founding(self) -> dt.date:
        """The licence date once known; until then the company is assumed founded today."""
        licence = self.case.services.license
        if licence is not None and licence.results is not None:
            return licence.results.established_on
        return self.today

    @property
    def capital(self) -> Decimal | None:
        return self.case.company.registered_capital_wan

    def person_path(self, person_id: str) -> str:
        index = self.case.person_index(person_id)
        return f"people[{index}]" if index is not None else "people"

    def person_label(self, person_id: str | None) -> str:
        person = self.case.person(person_id)
        return f"“{person.name}”" if person else f"“{person_id}”"

    def officer_ids(self) -> Iterator[str]:
        """Directors and senior managers (经理, 财务负责人), who may not also be supervisors."""
        roles = self.case.roles
        yield from (o.person_id for o in roles.directors)
        yield from (p for p in (roles.manager, roles.finance_officer) if p)


def birth_date(person: Person) -> dt.date | None:
    """From the resident ID (or residence permit) number when it carries one, else the entered date."""
    if person.id_type in (IdType.RESIDENT_ID, IdType.HMT_RESIDENCE_PERMIT) and person.id_number:
        found = resident_id_birth_date(person.id_number)
        if found is not None:
            return found
    return person.birth_date


def sex_of(person: Person) -> Sex | None:
    """From the resident ID (or residence permit) number when it carries one, else the entered sex."""
    if person.id_type in (IdType.RESIDENT_ID, IdType.HMT_RESIDENCE_PERMIT) and person.id_number:
        found = resident_id_sex(person.id_number)
        if found is not None:
            return Sex(found)
    return person.sex


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
