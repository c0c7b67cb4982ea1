"""Fictitious identifiers with valid check characters: resident IDs, USCCs, mobiles."""

from __future__ import annotations

import datetime as dt
import random

from app.case.training_mark import marked_mobile, marked_resident_id
from app.seed.vocab import HISTORICAL_SHOUGUANG, OTHER_SHANDONG, SHOUGUANG, WEIFANG_COUNTIES
from app.validation.mobile import KNOWN_MOBILE_PREFIXES
from app.validation.uscc import USCC_CHARS, org_code_check_char, uscc_check_char

_MOBILE_PREFIXES = tuple(sorted(KNOWN_MOBILE_PREFIXES))


def birth_code(rng: random.Random, born: dt.date) -> str:
    """The address code of first issue: mostly 寿光市, sometimes its pre-1993 codes or elsewhere."""
    draw = rng.random()
    for code, before in HISTORICAL_SHOUGUANG:
        if born.year < before and draw < 0.12:
            return code
    if draw < 0.75:
        return SHOUGUANG
    if draw < 0.92:
        return rng.choice(WEIFANG_COUNTIES)
    return rng.choice(OTHER_SHANDONG)


def resident_id(rng: random.Random, born: dt.date, *, male: bool, address_code: str | None = None) -> str:
    """A fictitious resident ID carrying the training mark (``app.case.training_mark``)."""
    code = address_code or birth_code(rng, born)
    sequence = 2 * rng.randrange(1, 500) - (1 if male else 0)  # odd for men, even for women, never 000
    day = born
    while True:  # another day only when no sequence code of this one is marked (one in 30,000)
        marked = marked_resident_id(f"{code}{day:%Y%m%d}", sequence, male=male)
        if marked is not None:
            return marked
        day -= dt.timedelta(days=1)


def uscc(rng: random.Random, division: str = SHOUGUANG, kind: str = "1") -> str:
    """A USCC registered by market regulation (9) in ``division``, with a new-style MA organisation code."""
    body = "MA" + "".join(rng.choice(USCC_CHARS) for _ in range(6))
    first17 = f"9{kind}{division}{body}{org_code_check_char(body)}"
    return first17 + uscc_check_char(first17)


def mobile(rng: random.Random) -> str:
    """A fictitious mobile number carrying the training mark (``app.case.training_mark``)."""
    return marked_mobile(rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}")


def sha256_hex(rng: random.Random) -> str:
    return f"{rng.getrandbits(256):064x}"
