"""A simulated ID card reader for training and tests: fictitious cards, and the usual failures.

``mode`` picks what the next read does (the trainer switches it, tests set it):

- ``card``: a new fictitious card (drawn from ``app.seed``: valid resident ID, 寿光 address);
- ``expired``: a fictitious card whose validity ended last year (the desk warns);
- ``no_card``: nothing on the reader;
- ``read_error``: the reader fails;

and, as real readers do, reading again without lifting the card gives "same card still present":
call ``lift()`` (the desk does so when the clerk moves to the next person) or switch mode.
"""

from __future__ import annotations

import datetime as dt
import random
import threading
from typing import Literal

from app.idcard import CardReadError, IdCardData, NoCard
from app.seed.people import PeoplePool
from app.seed.scans import fictitious_scan
from app.validation import resident_id_birth_date, resident_id_sex

Mode = Literal["card", "expired", "no_card", "read_error"]
MODES: tuple[Mode, ...] = ("card", "expired", "no_card", "read_error")
AUTHORITY = "寿光市公安局"


class SimulatedReader:
    def __init__(self, *, seed: int | None = None, today: dt.date | None = None, mode: Mode = "card") -> None:
        self.mode: Mode = mode
        self._today = today or dt.date.today()
        self._pool = PeoplePool(random.Random(seed), self._today)  # noqa: S311 - fictitious people, not secrets
        self._present: IdCardData | None = None
        self._lock = threading.Lock()

    def set_mode(self, mode: Mode) -> None:
        with self._lock:
            self.mode, self._present = mode, None

    def lift(self) -> None:
        """The card leaves the reader's field."""
        with self._lock:
            self._present = None

    def read(self) -> IdCardData:
        with self._lock:
            if self.mode == "no_card":
                raise NoCard()
            if self.mode == "read_error":
                raise CardReadError("模拟读卡错误", "simulated read error")
            if self._present is not None:
                raise NoCard(still_present=True)
            self._present = self._new_card(expired=self.mode == "expired")
            return self._present

    def _new_card(self, *, expired: bool) -> IdCardData:
        person_id = self._pool.new(min_age=25, max_age=58)
        person = next(p for p in self._pool.people if p.person_id == person_id)
        number = person.id_number or ""
        born = resident_id_birth_date(number) or self._today
        issued = self._today.replace(year=self._today.year - (11 if expired else 3))
        until = issued.replace(year=issued.year + 10)
        return IdCardData(
            name=person.name,
            sex="male" if resident_id_sex(number) == "male" else "female",
            ethnicity_code="01",
            ethnicity="汉",
            birth_date=born,
            address=person.address or "",
            id_number=number,
            authority=AUTHORITY,
            valid_from=issued,
            valid_until=until,
            photo=fictitious_scan("idcard", "photo", number),
            reader_id="SIM-0001",
        )
