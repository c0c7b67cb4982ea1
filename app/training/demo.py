"""The training desk's demo data: a working day of fictitious cases in every life-cycle state.

``ensure_demo_data`` runs when the training desk opens (``app.wiring.desk_runtime``): the first start
adds ``DEMO_CASES`` cases through ``app.training.seeding.seed_cases`` and sets ``DEMO_FLAG`` so a later
start adds nothing. A profile that already holds cases (seeded from the command line) is left as it is.
``restore_demo_data`` (the trainer's reset) removes every case of the profile and seeds them again.
"""

from __future__ import annotations

from typing import Any

from app.training.seeding import require_training, seed_cases
from app.unit_of_work import UnitOfWork

DEMO_FLAG = "training.demo_seeded"
DEMO_IDS = "training.demo_case_ids"  # the demo cases: never counted as a trainee's own work
DEMO_CASES = 30  # at least three cases in each of the eight life-cycle states
DEMO_SEED = 2026


def ensure_demo_data(uow: UnitOfWork, *, training: bool, files: Any = None) -> int:
    """On the first start of the training profile: the demo cases (how many were added; 0 afterwards)."""
    require_training(training)
    with uow:
        if uow.settings.get_json(DEMO_FLAG):
            return 0
        uow.settings.set_json(DEMO_FLAG, True)
        if uow.cases.count() > 0:  # seeded by hand before the first start: keep that day
            uow.commit()
            return 0
        return _seed(uow, by=None, files=files)


def restore_demo_data(uow: UnitOfWork, *, training: bool, by: str, files: Any = None) -> int:
    """The trainer's reset: every case of the training profile removed, the demo cases seeded again."""
    require_training(training)
    with uow:
        removed = 0
        while ids := [summary.case_id for summary in uow.cases.list(limit=500)]:
            uow.outbox.forget_cases(ids)  # no submission left waiting for a case that is gone
            for case_id in ids:
                uow.cases.delete(case_id)
            removed += len(ids)
        uow.settings.set_json(DEMO_FLAG, True)
        uow.audit.append("training.reset", actor=by, details={"removed": removed})
        return _seed(uow, by=by, files=files)


def demo_case_ids(uow: UnitOfWork) -> frozenset[str]:
    return frozenset(uow.settings.get_json(DEMO_IDS) or ())


def _seed(uow: UnitOfWork, *, by: str | None, files: Any) -> int:
    """Into an empty profile: the demo cases, their ids remembered (the seed names some ``trainer``)."""
    added = seed_cases(uow, DEMO_CASES, training=True, seed=DEMO_SEED, by=by, files=files)
    uow.settings.set_json(DEMO_IDS, [summary.case_id for summary in uow.cases.list(limit=DEMO_CASES + 1)])
    uow.commit()
    return added
