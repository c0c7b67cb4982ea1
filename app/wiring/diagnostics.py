"""Gathering the diagnostics bundle's facts from a profile (``bizdesk diagnostics -o FILE``).

Works when the profile cannot be opened too (a lost passphrase is a reason to ask for one): the
bundle then carries the versions, the logs and the error code of the failed opening.
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__
from app.errors import BizdeskError
from app.paths import Profile, data_root
from app.security.atomic import write_atomic
from app.services.diagnostics import DiagnosticFacts, audit_action, build_bundle
from app.wiring.outbox import sync_overview

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile

LOG_FOLDER = "logs"


def _versions(update_status: dict[str, Any] | None) -> dict[str, Any]:
    versions: dict[str, Any] = {
        "app": __version__,
        "python": sys.version.split()[0],
        "os": f"{platform.system()} {platform.release()} {platform.machine()}",
    }
    if update_status is not None:
        versions["reference_pack"] = update_status["pack_version"]
        versions["form_versions"] = update_status["form_versions"]
    return versions


def _logs() -> dict[str, bytes]:
    folder = data_root() / LOG_FOLDER
    if not folder.is_dir():
        return {}
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def _facts_of(opened: OpenedProfile) -> dict[str, Any]:
    from app.wiring.fleet import recent_errors
    from app.wiring.updates import update_status

    overview = sync_overview(opened)
    with opened.read_unit_of_work() as uow:
        actions = [audit_action(entry.action, entry.ts) for entry in uow.audit_trail.entries()]
    sync = {
        "enrolled": overview.enrolled,
        "platform_url": overview.platform_url,
        "mode": overview.mode,
        "device_id": opened.device.device_id,
        "counts": {
            name: getattr(overview, name)
            for name in (
                "waiting",
                "pending",
                "accepted",
                "completed",
                "needs_correction",
                "rejected",
                "quarantined",
            )
        },
        "last_attempt_at": overview.last_attempt_at,
        "last_success_at": overview.last_success_at,
        "next_attempt_at": overview.next_attempt_at,
    }
    return {
        "sync": sync,
        "updates": update_status(opened).as_json(),
        "recent_errors": recent_errors(opened),
        "audit_actions": actions,
    }


def _profile_facts(profile: Profile) -> dict[str, Any]:
    from app.wiring.profile import open_profile

    with open_profile(profile) as opened:
        return _facts_of(opened)


def write_diagnostics(profile: Profile, target: Path) -> Path:
    """Open ``profile``, write the bundle to ``target`` (atomically); returns it."""
    try:
        facts = _profile_facts(profile)
        failure = None
    except Exception as error:  # a desk that fails to open is what a bundle is most wanted for
        facts = {}
        failure = error.code if isinstance(error, BizdeskError) else type(error).__name__
    return _write(facts, failure, target)


def write_opened_diagnostics(opened: OpenedProfile, target: Path) -> Path:
    """The same for a profile already open (系统管理 in the running desk)."""
    return _write(_facts_of(opened), None, target)


def _write(facts: dict[str, Any], failure: str | None, target: Path) -> Path:
    from app.clock import utc_now

    bundle = DiagnosticFacts(
        generated_at=utc_now(),
        versions=_versions(facts.get("updates")),
        sync=facts.get("sync"),
        updates=facts.get("updates"),
        recent_errors=facts.get("recent_errors", []),
        audit_actions=facts.get("audit_actions", []),
        profile_error=failure,
        logs=_logs(),
    )
    write_atomic(target, build_bundle(bundle))
    return target
