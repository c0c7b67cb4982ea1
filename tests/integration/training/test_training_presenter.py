"""The 培训 presenter over a real training desk (no browser): what each screen says and does."""

from __future__ import annotations

from pathlib import Path

from app.paths import Profile
from app.training.demo import ensure_demo_data
from app.wiring.profile import OpenedProfile, open_profile
from views.session import DeskSession
from views.training.presenter import TrainingPresenter, scenario_in_route, scenario_route


def _presenter(opened: OpenedProfile, username: str, language: str = "zh") -> TrainingPresenter:
    session = DeskSession(opened.desk(), language=language)
    session.start()
    assert session.sign_in(username, "peixun2026")
    return TrainingPresenter(session)


def test_routes_name_the_scenario() -> None:
    assert scenario_in_route(scenario_route("partnership")) == "partnership"
    assert scenario_in_route("/training") is None


def test_a_trainee_sees_the_scenarios_starts_one_and_gets_hints_one_at_a_time(
    training_profile: OpenedProfile,
) -> None:
    clerk = _presenter(training_profile, "clerk")
    assert clerk.mode == "trainee"
    cards, failure = clerk.cards()
    assert failure is None
    assert cards[0].title == "两名股东的有限责任公司（七项全办）"
    scenario, _ = clerk.scenario("validation-traps")
    assert scenario is not None
    assert clerk.steps(scenario)[0].startswith("1. ")
    first, more = clerk.hints(scenario, 1)
    assert (len(first), more) == (1, True)
    assert clerk.hints(scenario, len(scenario.hints))[1] is False
    route, outcome = clerk.start("llc-two-shareholders")
    assert route == "/new"
    assert outcome.ok


def test_the_check_shows_each_point_and_the_trainer_sees_the_attempt(training_profile: OpenedProfile) -> None:
    ensure_demo_data(training_profile.store.unit_of_work(), training=True)
    clerk = _presenter(training_profile, "clerk", language="en")
    no_case, refused = clerk.check("partnership", "")
    assert no_case is None
    assert not refused.ok
    choices = clerk.case_choices()
    assert choices[0] == ("", "My most recent case")
    view, outcome = clerk.check("partnership", choices[1][0])
    assert outcome.ok
    assert view is not None
    assert view.headline.startswith(("All correct", "Some points need work"))
    assert all(line.text.startswith("✓" if line.ok else "✘") for line in view.points)

    trainer = _presenter(training_profile, "trainer")
    assert trainer.mode == "trainer"
    trainees, attempts, failure = trainer.trainees()
    assert failure is None
    assert [line.username for line in trainees] == ["clerk"]
    assert "partnership" in attempts[0]
    assert not trainer.add_trainee("", "", "").ok
    assert trainer.add_trainee("wang.fang", "王芳", "Xuexi-2026-kaishi").ok
    assert "恢复 30 个演示案卷" in trainer.reset().text


def test_a_real_desk_says_where_training_runs(tmp_path: Path) -> None:
    with open_profile(Profile("default", tmp_path / "real"), passphrase="x" * 16) as opened:
        desk = opened.desk()
        desk.create_first_it_account("admin", "管理员", "Guanli-2026-mima!")
        session = DeskSession(desk)
        assert TrainingPresenter(session).mode == "elsewhere"


def test_the_offline_scenario_cuts_the_network_and_its_screen_brings_it_back(
    training_profile: OpenedProfile,
) -> None:
    clerk = _presenter(training_profile, "clerk")
    assert clerk.network() == (False, "培训桌面网络正常。")
    route, _ = clerk.start("offline-day-sync")
    assert route == "/new"
    offline, line = clerk.network()
    assert offline
    assert "模拟断网" in line
    back = clerk.set_network(offline=False)
    assert back.ok
    assert "立即同步" in back.text
    assert clerk.network()[0] is False
