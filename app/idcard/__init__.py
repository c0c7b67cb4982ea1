"""二代证阅读器 (second-generation resident ID card reader): the port the desk reads founders through.

    reader.read() -> IdCardData            a card was read
                  raises NoCard            no card on the reader, or the last card is still there
                  raises CardReadError     the reader or the card failed (try again, or type it in)

Adapters: ``app.idcard.simulated.SimulatedReader`` (training and tests: fictitious cards from
``app.seed``); the Windows adapter over the vendors' SDT_*/CVR_* DLLs is described in
docs/id-card-reader.md and built where the hardware is. A read is personal data: adapters never
write it (or the photo) to disk; the desk stores the photo encrypted like a scan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

from app.errors import BizdeskError

Sex = Literal["male", "female"]


@dataclass(frozen=True)
class IdCardData:
    """What one read of a resident ID card gives. ``valid_until`` None means 长期 (long-term)."""

    name: str
    sex: Sex
    ethnicity_code: str  # GB 3304, "01" = 汉
    ethnicity: str
    birth_date: dt.date
    address: str
    id_number: str
    authority: str  # 签发机关
    valid_from: dt.date
    valid_until: dt.date | None
    photo: bytes  # decoded photo (PNG), never written to disk in the clear
    reader_id: str = ""  # the reader's SAM id

    def expired(self, today: dt.date) -> bool:
        return self.valid_until is not None and self.valid_until < today


class NoCard(BizdeskError):
    code = "idcard.no_card"
    title_zh = "未检测到身份证"
    title_en = "No ID card"

    def __init__(self, *, still_present: bool = False) -> None:
        if still_present:
            super().__init__(
                "这张身份证刚刚已读过。请把证件从阅读器上拿开，再放上下一张。",
                "This card was just read. Lift it off the reader, then place the next card.",
                code="idcard.same_card",
            )
        else:
            super().__init__(
                "阅读器上没有身份证。请把证件平放在阅读器感应区，再按“读身份证”。",
                "No card on the reader. Lay the card flat on the reader, then press Read ID card again.",
            )


class CardReadError(BizdeskError):
    code = "idcard.read_error"
    title_zh = "读卡失败"
    title_en = "Card read failed"

    def __init__(self, reason_zh: str = "", reason_en: str = "") -> None:
        super().__init__(
            f"身份证读取失败{('：' + reason_zh) if reason_zh else ''}。请重新放置证件后再读；"
            "多次失败请检查阅读器连接，或手工录入。",
            f"The card could not be read{(': ' + reason_en) if reason_en else ''}. Place it again and "
            "retry; if it keeps failing, check the reader's cable or type the data in.",
        )


class IdCardReader(Protocol):
    def read(self) -> IdCardData:
        """Read the card on the reader now (blocks for at most a couple of seconds)."""
        ...


@runtime_checkable
class TrainingReader(Protocol):
    """A reader whose next read a trainer can choose (the simulated one): shown only in training."""

    @property
    def modes(self) -> tuple[str, ...]: ...

    def choose_mode(self, mode: str) -> None:
        """Switch to ``mode`` (one of ``modes``; anything else is ignored)."""
