"""Who sees what of 培训: the trainer's panel, the trainee's scenarios, a locked area, or where it runs."""

from __future__ import annotations

import pytest

from app.accounts.roles import PERMISSIONS
from app.training.access import training_view


@pytest.mark.parametrize(
    ("role", "seen"),
    [("trainer", "trainer"), ("clerk", "trainee"), ("it", "locked"), (None, "locked"), ("nobody", "locked")],
)
def test_on_the_training_desk_each_role_sees_its_own_area(role: str | None, seen: str) -> None:
    assert training_view(role, training=True) == seen


@pytest.mark.parametrize("role", [*PERMISSIONS, None])
def test_a_real_desk_says_where_training_runs_whoever_asks(role: str | None) -> None:
    assert training_view(role, training=False) == "elsewhere"
