"""培训 for an IT account on the training desk: locked, with the reason, and nothing asked of the core."""

from __future__ import annotations

import flet as ft

from tests.unit.views.fake_desk import training_desk
from views.session import DeskSession
from views.training.page import training_area
from views.training.presenter import TrainingPresenter
from views.widgets import Actions


def _presenter(role: str) -> tuple[list[str], TrainingPresenter]:
    desk = training_desk()
    desk.add_user("someone", "Pass-2026", "某人", role)
    session = DeskSession(desk)
    session.start()
    assert session.sign_in("someone", "Pass-2026")
    return desk.calls, TrainingPresenter(session)


def test_an_it_account_finds_the_area_locked_and_told_whom_it_is_for() -> None:
    calls, presenter = _presenter("it")
    assert presenter.mode == "locked"
    note = presenter.session.texts.t("training.locked")
    assert "IT" in note
    assert "培训员或学员账户" in note
    area = training_area(
        presenter.session, Actions(rerender=lambda: None, go=lambda _: None, activity=lambda: None)
    )
    assert note in _texts(area)
    assert not [call for call in calls if call.startswith("training")]  # the scenarios are not even asked for


def _texts(control: ft.Control) -> list[str]:
    """Every text drawn under ``control``."""
    found = [control.value] if isinstance(control, ft.Text) and isinstance(control.value, str) else []
    for child in ("content", "controls"):
        inner = getattr(control, child, None)
        for part in inner if isinstance(inner, list) else [inner] if isinstance(inner, ft.Control) else []:
            found += _texts(part)
    return found


def test_a_clerk_practises_and_a_trainer_also_sees_the_panel() -> None:
    assert _presenter("clerk")[1].mode == "trainee"
    assert _presenter("trainer")[1].mode == "trainer"


def test_a_trainee_account_needs_a_name_a_user_name_and_a_password_before_the_core_is_asked() -> None:
    _calls, presenter = _presenter("trainer")
    for username, name, password in (
        ("xueyuan9", "", "Pass-2026"),
        ("", "李学员", "Pass-2026"),
        ("xueyuan9", "李学员", ""),
    ):
        refused = presenter.add_trainee(username, name, password)
        assert not refused.ok
        assert refused.text == "请填写学员用户名、学员姓名和初始密码。"
