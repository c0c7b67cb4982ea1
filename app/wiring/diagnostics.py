"""The diagnostics bundle (``bizdesk diagnostics -o FILE``, 系统管理): the profile opened for its facts
(``app.services.diagnostics``), or the bundle without them when it cannot be opened."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import BizdeskError
from app.paths import Profile
from app.services.diagnostics import profile_facts, write_diagnostics

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile


def write_profile_diagnostics(
    profile: Profile, target: Path, *, signed_in: Callable[[OpenedProfile], object] | None = None
) -> Path:
    """Open ``profile`` and write its bundle to ``target`` once ``signed_in`` accepts who asks (IT, in
    ``bizdesk diagnostics``: a refusal writes nothing); a desk that fails to open is what a bundle is
    most wanted for, so the failure's code goes in instead of the facts (nothing of the desk's)."""
    from app.wiring.profile import open_profile

    try:
        opened = open_profile(profile)
    except Exception as error:
        code = error.code if isinstance(error, BizdeskError) else type(error).__name__
        return write_diagnostics(target, {}, profile_error=code)
    try:
        if signed_in is not None:
            signed_in(opened)
        facts = _facts(opened)
    finally:
        opened.close()
    return write_diagnostics(target, facts)


def write_opened_diagnostics(opened: OpenedProfile, target: Path) -> Path:
    """The same for a profile already open (系统管理 in the running desk)."""
    return write_diagnostics(target, _facts(opened))


def _facts(opened: OpenedProfile) -> dict[str, Any]:
    with opened.store.read_unit_of_work() as uow:
        return profile_facts(uow)
