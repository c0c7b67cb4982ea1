"""Seeding the training profile with realistic fictitious cases (``bizdesk --training seed``, the demo
day): training only, never on a real desk, since fictitious data must never reach the real platform.
"""

from __future__ import annotations

import datetime as dt

from app.case.interchange import dump_case
from app.case.summary import case_summary, lookup_keys
from app.clock import Clock
from app.errors import UsageError
from app.security.attachments import AttachmentStore
from app.seed import generate_cases
from app.seed.placing import services_in_flight, store_scans
from app.services.submission import held_scans, outbox_submissions
from app.unit_of_work import UnitOfWork


def seed_cases(
    uow: UnitOfWork,
    n: int,
    *,
    training: bool,
    seed: int,
    by: str | None = None,
    today: dt.date | None = None,
    files: AttachmentStore | None = None,
    clock: Clock | None = None,
) -> int:
    """Add ``n`` realistic fictitious cases (training profile only); returns how many were added.

    Without ``today`` the cases belong to the desk's clock (``clock``, else the unit of work's): none
    was opened or moved after now.

    Queued and submitted cases get their outbox rows in the same transaction (the sync brings them
    to the platform like any other); with ``files``, provided documents get their fictitious scans.
    """
    require_training(training)
    held = held_scans(uow)
    added = scans = 0
    clock = clock or uow.clock
    now = None if today is not None else clock()
    for case in generate_cases(n, seed=seed, today=today, now=now):
        if uow.cases.get(case.case_id) is not None:
            continue
        uow.cases.add(dump_case(case), case_summary(case), lookup_keys(case))
        added += 1
        if files is not None:
            scans += store_scans(uow, files, case)
        flying = services_in_flight(case)
        if flying:
            uow.outbox.add_many(outbox_submissions(case, flying, 1, by=by, held=held), now=clock())
    details = {"cases": added, "seed": seed, "scans": scans}
    uow.audit.append("case.seed", actor=by, subject=None, details=details)
    uow.commit()
    return added


def require_training(training: bool) -> None:
    """Refuse on a real desk: fictitious data must never reach the real platform."""
    if not training:
        raise UsageError(
            "生成虚构案卷只能在培训模式下进行，正式环境不允许；请加 --training 使用培训环境。",
            "Fictitious cases can be generated in the training profile only, never on a real desk; "
            "use --training.",
            code="seed.training_only",
        )
