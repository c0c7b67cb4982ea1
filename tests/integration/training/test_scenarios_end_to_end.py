"""Every scenario of ``assets/scenarios`` run end to end against the training desk's built-in sandbox.

No browser: the trainee works through the desk API (``LocalDesk``) on a real SQLCipher training
profile, and the sync talks HTTP to the sandbox on 127.0.0.1 (training mode), as the training desk
does. For each scenario the right answer gets a passing automatic check; each trap, done wrong, gets
a check naming it. The 补正 scenario is checked by the trainee's correction and resubmission of a
licence the sandbox sent back, the offline day by the queue reaching the sandbox once it answers again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest

from app.facecheck.simulated import SimulatedFaceChecker
from app.idcard.simulated import SimulatedReader
from app.training.demo import ensure_demo_data
from app.training.scenario import load_scenarios
from app.wiring.profile import OpenedProfile
from app.wiring.sandbox import EMBEDDED_CODE, start_embedded_sandbox
from app.wiring.services import desk_sync
from sync.sandbox.agency import CORRECTION_MARK
from sync.sandbox.config import SandboxConfig
from sync.sandbox.server import start_in_thread
from tests.integration.training.trainee import Opening, Trainee, missed, resident_id
from tests.unit.desk.fake_renderer import FakeRenderer

ALL_RIGHT = "The case passes every validation"
# The validation traps' paperwork: a name with 奥运, a wrong ID check character, 40 + 40 of a capital
# of 100, and a legal representative born in 2010 (the third person, not a shareholder).
WRONG_ID = "370783198805126218"
MINOR_ID = resident_id("37078320100315123")
RIGHT = Opening(trade_name="鑫源", industry="贸易", id_numbers={0: resident_id("37078319880512621")})
TRAPS = {
    "ID check character fixed": Opening(trade_name="鑫源", industry="贸易", id_numbers={0: WRONG_ID}),
    "Subscriptions match the capital": Opening(
        trade_name="鑫源", industry="贸易", subscriptions=("40", "40"), id_numbers=RIGHT.id_numbers
    ),
    "No forbidden word in the name": Opening(
        trade_name="奥运鑫源", industry="贸易", id_numbers=RIGHT.id_numbers
    ),
    "Legal representative is 18 or over": Opening(
        trade_name="鑫源",
        industry="贸易",
        subscriptions=("50", "50", ""),
        id_numbers={**RIGHT.id_numbers, 2: MINOR_ID},
        roles={2: ["legal_representative"]},
    ),
}


@dataclass(frozen=True)
class Exercise:
    """A scenario done right, and done with its mistake (what the check must name)."""

    right: Opening
    wrong: Opening
    named: tuple[str, ...]


OPENINGS = {
    "llc-two-shareholders": Exercise(
        Opening(), Opening(services=Opening().services[:-1]), ("All seven services requested",)
    ),
    "llc-one-person": Exercise(
        Opening(subscriptions=("100", ""), services=("license", "seal", "tax"), roles={1: ["supervisor"]}),
        Opening(services=("license", "seal", "tax")),
        ("Exactly one shareholder",),
    ),
    "sole-proprietorship": Exercise(
        Opening(
            kind="sole_proprietorship",
            industry="蔬菜种植店",
            capital_wan="10",
            subscriptions=("10",),
            services=("license", "tax"),
            sole_investments={0: "personal_property"},
        ),
        Opening(services=("license", "tax")),
        ("Company type is sole proprietorship",),
    ),
    "partnership": Exercise(
        Opening(
            kind="partnership",
            name_form="（普通合伙）",
            services=("license", "tax"),
            partner_kinds={0: "general", 1: "general"},
        ),
        Opening(kind="partnership", name_form="（普通合伙）", services=("license", "tax")),
        (ALL_RIGHT,),  # the partner kinds left unchosen: the case does not validate
    ),
    "deferred-lease": Exercise(
        Opening(), Opening(defer_optional=False), ("Domicile proof deferred (容缺受理)",)
    ),
}
SANDBOX_SCENARIOS = ("validation-traps", "correction-resubmit", "offline-day-sync")  # tested one by one below


class BuiltInSandbox:
    """The training desk's own sandbox (its agencies answering at once), which a test may cut off
    (the day offline) and bring back on the same port and data, as the network coming back."""

    SETTINGS: ClassVar[dict[str, float]] = {"decision_delay_s": 0.0, "correction_rate": 0.0}

    def __init__(self, opened: OpenedProfile) -> None:
        self.url, self._stop = start_embedded_sandbox(opened, **self.SETTINGS)  # enrolls the desk
        self._folder = opened.profile.root / "sandbox"

    def go_offline(self) -> None:
        self._stop()

    def come_back(self) -> None:
        config = SandboxConfig(
            mode="training", data_dir=self._folder, enroll_codes=(EMBEDDED_CODE,), **self.SETTINGS
        )
        self._stop = start_in_thread(config, port=urlsplit(self.url).port or 0).stop

    def stop(self) -> None:
        self._stop()


@pytest.fixture
def sandbox(training_profile: OpenedProfile) -> Iterator[BuiltInSandbox]:
    running = BuiltInSandbox(training_profile)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def trainee(training_profile: OpenedProfile, sandbox: BuiltInSandbox, tmp_path: Path) -> Trainee:
    """The clerk (a trainee) at the training desk, enrolled with its built-in sandbox."""
    desk = training_profile.desk(
        reader=SimulatedReader(seed=11, today=dt.date.today()),
        renderer=FakeRenderer(),
        face_checker=SimulatedFaceChecker(),  # 人证核验 at each card read, as on the training desk
    )
    assert desk.login("clerk", "peixun2026").ok
    return Trainee(desk, training_profile, tmp_path / "scans")


def test_every_shipped_scenario_is_exercised_here() -> None:
    assert {s.id for s in load_scenarios()} == {*OPENINGS, *SANDBOX_SCENARIOS}


@pytest.mark.parametrize("scenario_id", sorted(OPENINGS))
def test_an_opening_done_right_passes_after_the_sandbox_took_it_and_its_mistake_is_named(
    trainee: Trainee, scenario_id: str
) -> None:
    exercise = OPENINGS[scenario_id]
    trainee.desk.training_start(scenario_id)
    case_id = trainee.open_case(exercise.right)
    trainee.submit(case_id)
    trainee.sync_until_sent(case_id)
    report = trainee.check(scenario_id, case_id)
    assert missed(report) == [], [p.detail_zh for p in report.points]

    wrong = trainee.open_case(exercise.wrong)
    assert missed(trainee.check(scenario_id, wrong)) == list(exercise.named)


def test_each_validation_trap_left_in_is_named_and_the_fixed_case_passes(trainee: Trainee) -> None:
    scenario = "validation-traps"
    trainee.desk.training_start(scenario)
    as_on_paper = Opening(
        trade_name="奥运鑫源",
        industry="贸易",
        subscriptions=("40", "40", ""),
        id_numbers={0: WRONG_ID, 2: MINOR_ID},
        roles={2: ["legal_representative"]},
    )
    every_trap = trainee.check(scenario, trainee.open_case(as_on_paper))
    assert missed(every_trap) == [*TRAPS, ALL_RIGHT]
    for label, opening in TRAPS.items():
        report = trainee.check(scenario, trainee.open_case(opening))
        assert missed(report) == [label, ALL_RIGHT], label

    fixed = trainee.open_case(RIGHT)
    trainee.submit(fixed)
    trainee.sync_until_sent(fixed)
    assert trainee.check(scenario, fixed).passed


def test_a_correction_from_the_sandbox_answered_and_resubmitted_passes_and_unanswered_is_named(
    trainee: Trainee,
) -> None:
    """The sandbox sends the licence back (an address marked 待补正); only the trainee's own
    correction and resubmission pass, not the case merely moving on."""
    scenario = "correction-resubmit"
    case_id = trainee.open_case(Opening())
    trainee.change(case_id, "company.domicile.address", f"圣城街道农圣街{CORRECTION_MARK}88号")
    trainee.submit(case_id)
    _sync_until(trainee, case_id, "needs_correction")
    trainee.desk.training_start(scenario)
    waiting = trainee.check(scenario, case_id)
    assert missed(waiting) == ["Corrected as asked and resubmitted"]
    assert "重新提交" in waiting.points[0].detail_zh

    licence = next(s for s in trainee.desk.case_page(case_id).services if s.code == "license")
    assert licence.correctable
    trainee.desk.resubmit_correction(case_id, "license", {"domicile_address": "圣城街道农圣街88号"})
    assert trainee.check(scenario, case_id).passed
    _sync_until(trainee, case_id, "completed")
    resubmitted = trainee.check(scenario, case_id)
    assert resubmitted.passed
    assert resubmitted.points[0].detail_zh == "重新提交了营业执照"
    licences = [state for service, state in trainee.states(case_id) if service == "license"]
    assert licences == ["needs_correction", "completed"]


def test_a_demo_case_awaiting_correction_answered_from_its_page_passes_and_reaches_the_sandbox(
    trainee: Trainee,
) -> None:
    """As the scenario's steps say: a 需补正 case of the demo day, corrected and resubmitted by the
    trainee (the demo's own history never came from this sandbox: the resubmission goes out fresh)."""
    scenario = "correction-resubmit"
    ensure_demo_data(trainee.opened.store.unit_of_work(), training=True)
    trainee.desk.training_start(scenario)
    waiting = next(c for c in trainee.desk.training_cases() if c.status == "needs_correction")
    assert not trainee.check(scenario, waiting.case_id).passed
    page = trainee.desk.case_page(waiting.case_id)
    licence = next(s for s in page.services if s.code == "license")
    assert licence.correctable
    address = page.correction_values["domicile_address"]
    trainee.desk.resubmit_correction(waiting.case_id, "license", {"domicile_address": address + "（已核对）"})
    assert trainee.check(scenario, waiting.case_id).passed
    assert ("license", "pending") in trainee.states(waiting.case_id)
    trainee.sync_until_sent(waiting.case_id)
    assert trainee.check(scenario, waiting.case_id).passed

    trainer = trainee.opened.desk()
    assert trainer.login("trainer", "peixun2026").ok
    assert not trainer.training_check(scenario, waiting.case_id).report.passed  # the clerk's, not theirs


def test_a_day_offline_queues_the_case_and_the_sync_after_it_passes(
    trainee: Trainee, sandbox: BuiltInSandbox
) -> None:
    """The sandbox stops answering (the network is down): the submitted case waits in the queue and
    the check says so; once it answers again, the sync sends the queue and the check passes."""
    scenario = "offline-day-sync"
    sandbox.go_offline()
    trainee.desk.training_start(scenario)
    case_id = trainee.open_case(Opening())
    trainee.submit(case_id)
    assert not desk_sync(trainee.opened).run_once().ok
    assert ("license", "pending") in trainee.states(case_id)
    offline = trainee.check(scenario, case_id)
    assert missed(offline) == ["The queued case was sent by the sync"]
    assert "仍有" in offline.points[0].detail_zh
    assert "立即同步" in offline.points[0].detail_zh

    sandbox.come_back()
    states = trainee.sync_until_sent(case_id)
    assert ("license", "pending") not in states
    report = trainee.check(scenario, case_id)
    assert report.passed, [p.detail_zh for p in report.points]


def _sync_until(trainee: Trainee, case_id: str, state: str, passes: int = 10) -> None:
    for _ in range(passes):
        desk_sync(trainee.opened).run_once()
        if ("license", state) in trainee.states(case_id):
            return
    raise AssertionError(f"the licence never became {state}: {trainee.states(case_id)}")


def test_the_scenario_cuts_the_training_desks_network_until_the_trainee_brings_it_back(
    trainee: Trainee,
) -> None:
    """At the training desk itself the sandbox stays up: 开始练习 cuts the desk's network (simulated),
    its background sync contacts nobody and says so, and the queue goes out once it is back."""
    scenario = "offline-day-sync"
    started = trainee.desk.training_start(scenario)
    assert (started.offline, trainee.desk.training_offline()) == (True, True)
    case_id = trainee.open_case(Opening())
    trainee.submit(case_id)
    cut = desk_sync(trainee.opened).background_pass()
    assert (cut.ok, cut.error_code, cut.sent) == (False, "training.simulated_offline", 0)
    assert "模拟断网" in (cut.error_zh or "")
    assert {state for _, state in trainee.states(case_id)} == {"pending", "waiting"}  # nothing went out
    assert missed(trainee.check(scenario, case_id)) == ["The queued case was sent by the sync"]

    trainee.desk.training_set_offline(False)
    assert desk_sync(trainee.opened).background_pass().ok
    assert trainee.check(scenario, case_id).passed

    trainee.desk.training_set_offline(True)
    trainer = trainee.opened.desk()
    assert trainer.login("trainer", "peixun2026").ok
    trainer.training_reset()
    assert not trainer.training_offline()  # the reset ends the outage
