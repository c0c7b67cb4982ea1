"""The 培训 area of the desk, on the in-memory store: start, check, the trainer's view, reset."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from app.accounts.roles import PermissionDenied
from app.desk.local import LocalDesk
from app.desk.sign_in import TrainingOnly
from app.errors import InputRejected
from app.security.attachments import AttachmentStore
from app.security.device import DeviceIdentity
from app.training.demo import DEMO_CASES, ensure_demo_data
from tests.fakes import FakeStore
from tests.unit.desk.conftest import NOW

DeskAs = Callable[..., LocalDesk]


def test_a_trainee_checks_a_case_and_the_trainer_sees_and_exports_the_attempt(
    store: FakeStore, desk_as: DeskAs, tmp_path: Path
) -> None:
    ensure_demo_data(store.unit_of_work(), training=True)
    clerk = desk_as("clerk")
    started = clerk.training_start("correction-resubmit")
    assert started.route == "/cases"
    waiting = next(c for c in clerk.training_cases() if c.status == "needs_correction")
    outcome = clerk.training_check("correction-resubmit", waiting.case_id)
    assert not outcome.report.passed
    assert outcome.report.points[0].detail_en.startswith("nothing was corrected and resubmitted")
    assert outcome.attempt.attempt_id == started.attempt.attempt_id
    assert outcome.attempt.seconds is not None

    trainer = desk_as("trainer")
    assert not any(c.mine for c in trainer.training_cases())  # the seed names some demo cases "trainer"
    seen = trainer.training_attempts()
    assert [(a.username, a.scenario_id, a.result) for a in seen] == [("clerk", "correction-resubmit", "fail")]
    written = trainer.training_export_csv(str(tmp_path / "out" / "attempts.csv"))
    rows = list(csv.DictReader(io.StringIO(Path(written).read_text(encoding="utf-8-sig"))))
    assert [(r["username"], r["case_id"]) for r in rows] == [("clerk", waiting.case_id)]


def test_with_no_case_of_their_own_the_check_says_what_to_do(store: FakeStore, desk_as: DeskAs) -> None:
    clerk = desk_as("clerk")
    with pytest.raises(InputRejected, match="新办企业"):
        clerk.training_check("partnership")


def test_only_the_trainer_manages_and_a_trainee_account_can_sign_in(
    store: FakeStore, desk_as: DeskAs
) -> None:
    clerk = desk_as("clerk")
    with pytest.raises(PermissionDenied):
        clerk.training_attempts()
    trainer = desk_as("trainer")
    trainer.training_add_trainee("li.na", "李娜", "Xuexi-2026-kaishi")
    assert desk_as("li.na", "Xuexi-2026-kaishi").user is not None


def test_reset_clears_attempts_and_restores_the_demo_day(store: FakeStore, desk_as: DeskAs) -> None:
    ensure_demo_data(store.unit_of_work(), training=True)
    clerk = desk_as("clerk")
    clerk.training_start("partnership")
    trainer = desk_as("trainer")
    done = trainer.training_reset()
    assert (done.attempts_cleared, done.demo_cases) == (1, DEMO_CASES)
    assert trainer.training_attempts() == []


def test_an_it_account_may_not_practise(store: FakeStore, desk_as: DeskAs) -> None:
    it = desk_as("itadmin")
    with pytest.raises(PermissionDenied):
        it.training_scenarios()
    with pytest.raises(PermissionDenied):
        it.training_start("partnership")


def test_a_real_desk_refuses_training(tmp_path: Path) -> None:
    real = FakeStore(device=DeviceIdentity.generate("desk-real"), clock=lambda: NOW)
    desk = LocalDesk(real, AttachmentStore(tmp_path / "attachments"))
    assert desk.create_first_it_account("admin", "管理员", "Guanli-2026-mima!").ok
    with pytest.raises(TrainingOnly, match="--training"):
        desk.training_scenarios()


def test_a_demo_case_the_trainee_corrected_is_listed_as_theirs(store: FakeStore, desk_as: DeskAs) -> None:
    """The 补正 scenario checks a demo case: once the trainee corrected it, it stays in their group of
    the list (demo cases the background sync updates later cannot push it out)."""
    ensure_demo_data(store.unit_of_work(), training=True)
    clerk = desk_as("clerk")
    waiting = next(c for c in clerk.training_cases() if c.status == "needs_correction")
    assert not waiting.mine
    clerk.resubmit_correction(waiting.case_id, "license", {"domicile_address": "圣城街道农圣街88号"})
    listed = clerk.training_cases()
    assert listed[0].case_id == waiting.case_id
    assert listed[0].mine
    assert not any(c.mine for c in desk_as("trainer").training_cases())
