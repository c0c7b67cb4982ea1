"""``generate_cases``: realistic fictitious cases for training, tests and benchmarks.

Deterministic for a given ``(n, seed, today)`` or ``(n, seed, now)``. With ``now`` (the desk's clock),
"today" is the desk's local day and no case was opened or moved after ``now``: a demo day seeded before
the desk opens (at 00:05, say) opens today's cases between midnight and ``now``.

The i-th case cycles through the life-cycle states (``i % 8``) and the company types (shifted every 8
cases), so any 32 consecutive cases cover every (type, state) pair and any 8 cover every state. Cases in
``draft`` are sometimes half-filled (their problems are what a clerk would still fix); every other case
passes the rules and reached its state through the real transition functions. All of them are marked
``fictitious``.
"""

from __future__ import annotations

import datetime as dt
import random

from app.case.enums import CompanyType, Status
from app.case.model import SCHEMA_ID, Case
from app.clock import DESK_ZONE
from app.reference import ReferenceData, reference_data
from app.seed.company import Draft, build_company, build_roles
from app.seed.people import PeoplePool
from app.seed.services import build_services, fill_documents, progress, staff_members
from app.seed.vocab import BUSINESSES

CHINA_TIME = DESK_ZONE
STATES = (
    Status.DRAFT,
    Status.READY,
    Status.QUEUED,
    Status.SUBMITTED,
    Status.ACCEPTED,
    Status.NEEDS_CORRECTION,
    Status.REJECTED,
    Status.COMPLETED,
)
TYPES = tuple(CompanyType)
FICTITIOUS_NOTE = "培训用虚构数据：人员、证件号码、企业名称和地址均为虚构。(Fictitious training data.)"
_ID_CHARS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# How many days before ``today`` a case in each state was typically opened.
_AGE_DAYS = {Status.DRAFT: 5, Status.READY: 3, Status.QUEUED: 2, Status.COMPLETED: 40}


def generate_cases(
    n: int,
    *,
    seed: int,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    reference: ReferenceData | None = None,
) -> list[Case]:
    """``n`` fictitious cases (see the module docstring for how they are spread)."""
    rng = random.Random(seed)  # noqa: S311 - fictitious data, not secrets
    if now is not None:
        day = now.astimezone(CHINA_TIME).date()
    else:
        day = today or dt.datetime.now(CHINA_TIME).date()
    ref = reference or reference_data()
    used_names: set[str] = set()
    return [_one(rng, index, day, now, ref, used_names) for index in range(n)]


def _one(
    rng: random.Random,
    index: int,
    today: dt.date,
    now: dt.datetime | None,
    ref: ReferenceData,
    used_names: set[str],
) -> Case:
    target = STATES[index % len(STATES)]
    company_type = TYPES[(index + index // len(STATES)) % len(TYPES)]
    created = today - dt.timedelta(days=rng.randrange(0, _AGE_DAYS.get(target, 15) + 1))
    founding = min(created + dt.timedelta(days=rng.randrange(0, 3)), today)
    minute = rng.randrange(420)
    opened_at = dt.datetime.combine(created, dt.time(8, 30), CHINA_TIME) + dt.timedelta(minutes=minute)
    if now is not None:
        opened_at = _not_after(opened_at, now, share=minute / 420)
    draft = Draft(
        rng, today, created, company_type, rng.choice(BUSINESSES), PeoplePool(rng, today), used_names
    )
    company = build_company(draft, ref)
    roles = build_roles(draft, company)
    complete = target is not Status.DRAFT or rng.random() < 0.5
    case = Case(
        schema_=SCHEMA_ID,
        case_id=f"SG{created:%Y%m%d}-" + "".join(rng.choice(_ID_CHARS) for _ in range(8)),
        created_at=opened_at,
        updated_at=opened_at,
        created_by=rng.choice(("clerk01", "clerk02", "trainer")),
        fictitious=True,
        note=FICTITIOUS_NOTE,
        company=company if complete else company.model_copy(update={"phone": None}),
        people=draft.pool.people,
        roles=roles,
        staff=staff_members(rng, draft.staff),
        services=build_services(rng, draft.business, roles, founding),
    )
    case = fill_documents(rng, case, complete=complete)
    return progress(rng, case, target, today=today, founding=founding, until=now)


def _not_after(opened_at: dt.datetime, now: dt.datetime, *, share: float) -> dt.datetime:
    """``opened_at``, or for a case that would open after ``now``: a moment between the desk's opening
    today (its midnight, before the opening) and ``now``, ``share`` of the way (the case's moves are
    fitted before ``now`` by ``progress``)."""
    if opened_at <= now:
        return opened_at
    local = now.astimezone(CHINA_TIME)
    opening = dt.datetime.combine(local.date(), dt.time(8, 30), CHINA_TIME)
    start = opening if opening <= now else dt.datetime.combine(local.date(), dt.time(0), CHINA_TIME)
    return start + (now - start) * share
