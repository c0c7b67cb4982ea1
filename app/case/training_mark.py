"""The hidden mark of the seeder's fictitious people: told apart from real people by their numbers.

A trainer may import a case into the training profile only if it is the desk's own fictitious data,
and a ``"fictitious": true`` label is only a word anyone can type. So the seeder chooses the numbers
of the people it invents so that they carry a mark: a keyed hash of the number
(``bizdesk.training-people/1``) starts with ``ID_BITS`` zero bits for a resident ID number and
``MOBILE_BITS`` for a mobile number. The seeder gets there by stepping the number's free digits (the
ID's sequence code, the mobile's last digits) without drawing more random numbers, so everything else
it generates stays as it was. A real person's numbers carry both marks by chance once in 16,384;
they cannot be changed to carry them and stay that person's.

    carries_mark(kind, number)       "id" or "mobile"
    marked_resident_id(first14, male)     the seeder's ID, the sequence stepped to the mark
    marked_mobile(number)            the seeder's mobile, the last digits stepped to the mark
    unmarked_numbers(people)         the fields of the numbers that lack it (``case import`` in training)
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Literal

from app.case.enums import IdType
from app.case.model import Person
from app.validation.resident_id import resident_id_check_char

Kind = Literal["id", "mobile"]
ID_BITS = 6  # a random real ID carries it once in 64
MOBILE_BITS = 8  # once in 256
_LABEL = b"bizdesk.training-people/1"


def carries_mark(kind: Kind, number: str) -> bool:
    bits = ID_BITS if kind == "id" else MOBILE_BITS
    digest = hashlib.sha256(_LABEL + b"|" + kind.encode() + b"|" + number.strip().upper().encode()).digest()
    return int.from_bytes(digest[:2], "big") >> (16 - bits) == 0


def marked_resident_id(first14: str, sequence: int, *, male: bool) -> str | None:
    """The first marked ID from ``sequence`` on (the same sex, never 000), or None when none of the
    499 sequence codes of that birth day and place is marked (one day in 30,000)."""
    start = (sequence + 1) // 2  # 1..499
    for step in range(499):
        index = (start - 1 + step) % 499 + 1
        first17 = f"{first14}{2 * index - (1 if male else 0):03d}"
        number = first17 + resident_id_check_char(first17)
        if carries_mark("id", number):
            return number
    return None


def marked_mobile(number: str) -> str:
    """``number`` with its last four digits stepped until it carries the mark."""
    head, tail = number[:-4], int(number[-4:])
    for step in range(10_000):
        candidate = f"{head}{(tail + step) % 10_000:04d}"
        if carries_mark("mobile", candidate):
            return candidate
    return number  # pragma: no cover - every 10,000 endings hold about 39 marked ones


def unmarked_numbers(people: Sequence[Person]) -> list[str]:
    """The fields (``people[1].id_number``, ``people[0].mobile``) whose number lacks the mark: a resident
    ID number or a mobile the seeder did not invent, so perhaps a real person's."""
    fields: list[str] = []
    for index, person in enumerate(people):
        number = person.id_number
        if person.id_type is IdType.RESIDENT_ID and number and not carries_mark("id", number):
            fields.append(f"people[{index}].id_number")
        if person.mobile and not carries_mark("mobile", person.mobile):
            fields.append(f"people[{index}].mobile")
    return fields
