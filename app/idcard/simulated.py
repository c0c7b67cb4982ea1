"""A simulated ID card reader for training and tests: fictitious cards, and the usual failures.

``mode`` picks what the next read does (the trainer switches it, tests set it):

- ``card``: a new fictitious card for every read (drawn from ``app.seed``: valid resident ID,
  寿光 address), as when the clerk places each founder's card in turn;
- ``same_card``: the last card was not lifted off the reader (real readers then fail to find a card);
- ``expired``: a new fictitious card whose validity ended last year (the desk warns);
- ``no_card``: nothing on the reader;
- ``read_error``: the reader fails.
"""

from __future__ import annotations

import datetime as dt
import random
import threading
from typing import Literal

from app.clock import desk_today
from app.idcard import CardReadError, IdCardData, NoCard
from app.seed.people import PeoplePool
from app.seed.scans import fictitious_scan
from app.validation import resident_id_birth_date, resident_id_sex

Mode = Literal["card", "same_card", "expired", "no_card", "read_error"]
MODES: tuple[Mode, ...] = ("card", "same_card", "expired", "no_card", "read_error")
AUTHORITY = "寿光市公安局"


class SimulatedReader:
    def __init__(self, *, seed: int | None = None, today: dt.date | None = None, mode: Mode = "card") -> None:
        self.mode: Mode = mode
        self._today = today or desk_today()
        self._pool = PeoplePool(random.Random(seed), self._today)  # noqa: S311 - fictitious people, not secrets
        self._lock = threading.Lock()

    @property
    def modes(self) -> tuple[str, ...]:
        return MODES

    def set_mode(self, mode: Mode) -> None:
        with self._lock:
            self.mode = mode

    def choose_mode(self, mode: str) -> None:
        """The trainer's choice from the desk (``TrainingReader``); an unknown mode is ignored."""
        chosen = next((m for m in MODES if m == mode), None)
        if chosen is not None:
            self.set_mode(chosen)

    def read(self) -> IdCardData:
        with self._lock:
            if self.mode == "no_card":
                raise NoCard()
            if self.mode == "read_error":
                raise CardReadError("模拟读卡错误", "simulated read error")
            if self.mode == "same_card":
                raise NoCard(still_present=True)
            return self._new_card(expired=self.mode == "expired")

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
