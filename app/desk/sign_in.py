"""Who works at one desk session (one page), and what they may do: at most one signed-in user, whose
sign-in ends when the data under the desk is replaced (a restore, maybe from another page); their
role checked against ``app.accounts.roles`` before every use case of ``app.desk.local.LocalDesk``.
"""

from __future__ import annotations

from typing import Protocol

from app.accounts.model import UserInfo
from app.accounts.roles import Action, require, require_on
from app.clock import Clock
from app.errors import AuthError
from app.training.access import PRACTICE
from app.unit_of_work import UnitsOfWork


class DeskStore(UnitsOfWork, Protocol):
    """The store as the desk needs it (``app.store.uow.SqlStore``): units of work, the profile's kind
    and clock, and a ``generation`` that changes when the data under it is replaced (a restore)."""

    @property
    def training(self) -> bool: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def generation(self) -> int: ...


class TrainingOnly(AuthError):
    code = "training.only"

    def __init__(self) -> None:
        super().__init__(
            "培训只在培训环境中进行：请用 bizdesk --training run 启动培训桌面。",
            "Training runs on the training profile: start it with bizdesk --training run.",
        )


class SignIn:
    def __init__(self, store: DeskStore) -> None:
        self._store = store
        self.user: UserInfo | None = None
        self._generation = store.generation

    def begin(self) -> None:
        """A sign-in is under way: it belongs to the data the store holds now."""
        self._generation = self._store.generation

    def ended(self) -> bool:
        """The store was replaced since the last sign-in (also while the page is locked)."""
        return self._store.generation != self._generation

    def current(self) -> UserInfo:
        """The user, unless signed out or the sign-in ended by a restore."""
        if self.user is not None and self.ended():
            self.user = None
            raise AuthError(
                "本机数据已从备份恢复，请重新登录。",
                "This desk's data was restored from a backup; sign in again.",
                code="auth.data_restored",
            )
        if self.user is None:
            raise AuthError("请先登录。", "Log in first.", code="auth.signed_out")
        return self.user

    def allowed(self, action: Action) -> UserInfo:
        """The user, allowed ``action`` on this profile (no real case for a trainer on the desk's)."""
        user = self.current()
        require_on(user.role, action, training=self._store.training)
        return user

    def trainee(self) -> UserInfo:
        """The user, who may practise: the training profile and case work (not IT)."""
        user = self.current()
        if not self._store.training:
            raise TrainingOnly()
        require(user.role, PRACTICE)
        return user

    def trainer(self) -> UserInfo:
        user = self.trainee()
        require(user.role, "training.manage")
        return user
