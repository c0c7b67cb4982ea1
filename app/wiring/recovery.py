"""A desk whose store does not unlock because its key is lost: the IT recovery screen, then the desk.

``app.wiring.desk_runtime.open_desk_or_recovery`` (what ``bizdesk run`` and the packaged app start)
gives a ``RecoveringDesk`` when the profile's key is lost (``app.services.key_recovery.lost_key``):
its ``main`` shows the recovery screen until IT has unlocked the store with the recovery key, then
the desk itself, on that page and on every page opened afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from app.errors import BizdeskError, UserMessage, describe
from app.paths import Profile
from app.services.key_recovery import Recovered, recover_data_key, recovery_private_key
from app.store.files import opens_with
from app.wiring.profile import OpenedProfile, key_sources

RECOVERY_ACTOR = "it-recovery"  # the audit's actor: no account can sign in before the store opens


class DeskProcess(Protocol):
    """A started desk (``app.wiring.desk_runtime.DeskRuntime``): its profile, its Flet ``main``."""

    opened: OpenedProfile

    def main(self, page: Any) -> None: ...

    def close(self) -> None: ...


DeskOpener = Callable[[Profile, str, str], DeskProcess]  # profile, language, passphrase


class RecoveringDesk:
    """The recovery screen's core (``app.desk.recovery_api.RecoveryApi``) and the process's ``main``."""

    def __init__(
        self,
        profile: Profile,
        error: BizdeskError,
        open_desk: DeskOpener,
        *,
        language: str,
        keyring_backend: Any | None = None,
    ) -> None:
        from views.recovery import recovery_app

        self.profile, self.language = profile, language
        self._error, self._open_desk, self._keyring = error, open_desk, keyring_backend
        self.runtime: DeskProcess | None = None
        self._recovery_main = recovery_app(self, language=language, open_desk=self._open_page)

    @property
    def training(self) -> bool:
        return self.profile.training

    def reason(self) -> UserMessage:
        return describe(self._error)

    def recover(self, key_path: str, key_text: str, key_password: str, new_passphrase: str) -> Recovered:
        private_key = recovery_private_key(key_path, key_text, key_password)
        sources = key_sources(self.profile, new_passphrase, self._keyring)
        done = recover_data_key(self.profile, private_key, sources, opens=opens_with)
        self.runtime = self._open_desk(self.profile, self.language, new_passphrase)
        with self.runtime.opened.store.unit_of_work() as uow:
            uow.audit.append("key.recovered", actor=RECOVERY_ACTOR, details={"wraps": list(done.methods)})
            uow.commit()
        return done

    def main(self, page: Any) -> None:
        """Each page: the desk once recovered, the recovery screen before."""
        if self.runtime is not None:
            self.runtime.main(page)
        else:
            self._recovery_main(page)

    def _open_page(self, page: Any) -> None:
        if self.runtime is not None:
            self.runtime.main(page)

    def close(self) -> None:
        if self.runtime is not None:
            self.runtime.close()
