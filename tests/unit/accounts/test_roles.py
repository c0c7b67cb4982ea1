"""The role/action matrix, checked pair by pair against the table written out here."""

from __future__ import annotations

import itertools

import pytest

from app.accounts import ACTIONS, PermissionDenied, can, require
from app.accounts.model import ROLES
from app.errors import AuthError

# Y = allowed. Written independently of app.accounts.roles on purpose.
EXPECTED = """
action           clerk trainer it
case.view        Y     Y       -
case.create      Y     Y       -
case.edit        Y     Y       -
case.submit      Y     Y       -
case.print       Y     Y       -
case.export      Y     -       -
sync.run         Y     Y       Y
user.admin       -     -       Y
key.admin        -     -       Y
settings.admin   -     -       Y
audit.verify     -     -       Y
backup           -     -       Y
restore          -     -       Y
seed             -     Y       Y
training.manage  -     Y       -
device.enroll    -     -       Y
fleet.view       -     -       Y
diagnostics      -     -       Y
db.inspect       Y     Y       Y
"""


def _table() -> dict[tuple[str, str], bool]:
    lines = [line.split() for line in EXPECTED.strip().splitlines()]
    roles = lines[0][1:]
    return {
        (role, row[0]): flag == "Y" for row in lines[1:] for role, flag in zip(roles, row[1:], strict=True)
    }


def test_the_table_covers_every_role_and_action() -> None:
    assert {action for _, action in _table()} == set(ACTIONS)
    assert {role for role, _ in _table()} == set(ROLES)


@pytest.mark.parametrize(("role", "action"), list(itertools.product(ROLES, ACTIONS)))
def test_can_matches_the_table(role: str, action: str) -> None:
    assert can(role, action) is _table()[(role, action)]


@pytest.mark.parametrize(("role", "action"), [k for k, allowed in _table().items() if not allowed])
def test_require_refuses_with_a_clear_message(role: str, action: str) -> None:
    with pytest.raises(PermissionDenied) as denied:
        require(role, action)
    assert isinstance(denied.value, AuthError)
    assert action in denied.value.message_zh
    assert "无权" in denied.value.message_zh


def test_unknown_roles_and_actions_may_do_nothing() -> None:
    assert not can("admin", "case.create")
    assert not can("it", "case.delete")
    assert not any(can("", action) for action in ACTIONS)


PERSONAL = ("case.view", "case.create", "case.edit", "case.submit", "case.print", "case.export", "sync.run")


@pytest.mark.parametrize("action", PERSONAL)
def test_a_trainer_sees_nothing_personal_on_the_desk_profile(action: str) -> None:
    from app.accounts.roles import permitted, require_on

    assert not permitted("trainer", action, training=False)
    with pytest.raises(AuthError) as refused:
        require_on("trainer", action, training=False)
    if can("trainer", action):  # export a trainer may do nowhere: the matrix's own words
        assert "培训模式" in refused.value.message_zh
        assert "training profile" in refused.value.message_en
    assert permitted("trainer", action, training=True) == can("trainer", action)
    assert permitted("clerk", action, training=False) == can("clerk", action)
