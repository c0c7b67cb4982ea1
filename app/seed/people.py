"""Fictitious people of one case: each drawn once, with a valid resident ID and a mobile number."""

from __future__ import annotations

import datetime as dt
import random
from typing import Literal

from app.case.model import Person
from app.seed.identifiers import mobile, resident_id
from app.seed.vocab import FEMALE_GIVEN, MALE_GIVEN, ROADS, SURNAMES, TOWNS, VILLAGE_HEADS, VILLAGE_TAILS


def shouguang_address(rng: random.Random, *, rural: bool | None = None) -> str:
    """A town or subdistrict of 寿光市 with a village or a street and a house number."""
    town = rng.choice(TOWNS)
    if rural if rural is not None else rng.random() < 0.5:
        village = rng.choice(VILLAGE_HEADS) + rng.choice(VILLAGE_TAILS)
        return f"{town}{village}村{rng.randrange(1, 300)}号"
    return f"{town}{rng.choice(ROADS)}{rng.randrange(1, 3000)}号"


def _valid_until(number: str, born: dt.date, today: dt.date) -> dt.date | Literal["long_term"]:
    """A plausible end of the card's validity (居民身份证法 第五条: 长期 from 46), drawn from the number
    itself so that the generator's random stream, and every case after this one, stay as they were."""
    age = today.year - born.year
    if age >= 46:
        return "long_term"
    years_left = 1 + int(number[12:16]) % (10 if age < 26 else 19)
    return dt.date(today.year + years_left, born.month, min(born.day, 28))


class PeoplePool:
    """Draws new people for a case, numbering them p1, p2, ... and never repeating a name or ID."""

    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self._rng = rng
        self._today = today
        self.people: list[Person] = []

    def new(self, *, min_age: int = 23, max_age: int = 60, email: bool = False) -> str:
        rng = self._rng
        male = rng.random() < 0.6
        name = self._name(male)
        born = self._today - dt.timedelta(days=rng.randrange(min_age * 366, max_age * 365))
        number = resident_id(rng, born, male=male)
        while any(p.id_number == number for p in self.people):  # pragma: no cover - one in a million
            number = resident_id(rng, born, male=male)
        person_id = f"p{len(self.people) + 1}"
        self.people.append(
            Person(
                person_id=person_id,
                name=name,
                id_number=number,
                id_valid_until=_valid_until(number, born, self._today),
                mobile=mobile(rng),
                address=f"山东省寿光市{shouguang_address(rng, rural=rng.random() < 0.6)}",
            )
        )
        if email:
            self.add_email(person_id)
        return person_id

    def add_email(self, person_id: str) -> None:
        index = next(i for i, p in enumerate(self.people) if p.person_id == person_id)
        person = self.people[index]
        if person.email is None:
            email = f"{person_id}.{self._rng.randrange(1000, 9999)}@example.com"
            self.people[index] = person.model_copy(update={"email": email})

    def _name(self, male: bool) -> str:
        rng = self._rng
        while True:
            surname = SURNAMES[min(int(rng.expovariate(1 / 12)), len(SURNAMES) - 1)]
            given = rng.choice(MALE_GIVEN if male else FEMALE_GIVEN)
            if len(given) == 1 and rng.random() < 0.5:
                given += rng.choice(MALE_GIVEN if male else FEMALE_GIVEN)[:1]
            name = surname + given
            if all(p.name != name for p in self.people):
                return name
