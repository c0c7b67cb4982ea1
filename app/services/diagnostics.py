"""The diagnostics bundle IT asks a branch for (``bizdesk diagnostics -o FILE``): a zip of plain facts.

Contents (every file JSON but the logs)::

    manifest.json   what the bundle is, when it was made, which files it holds
    versions.json   app, reference pack and form versions, Python and OS
    sync.json       enrollment (platform URL, mode), queue counts, last attempt/success, last error code
    updates.json    the update status (what runs, what is pending, the last refusal)
    errors.json     recent error codes with their times
    audit.json      the last audit actions (action and time only: no actor, subject nor details)
    logs/<name>     the desk's log files, ID and mobile numbers masked once more

``profile_facts`` reads them from an open profile; ``write_diagnostics`` writes the bundle, also for a
profile that could not be opened (a lost passphrase is a reason to ask for one): it then carries the
versions, the logs and the error code of the failed opening.

No personal data: only counts, versions, times and codes are taken from the store, never case
content, user names or messages; logs are written without messages (``app.crashlog``) and masked
here again in case another writer was less careful.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import platform
import sys
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app import __version__
from app.clock import utc_now
from app.masking import mask_text
from app.paths import data_root
from app.security.atomic import write_atomic
from app.services.fleet import recent_errors
from app.services.updates import update_status
from app.syncing.overview import overview
from app.unit_of_work import UnitOfWork

BUNDLE_KIND = "bizdesk.diagnostics/1"
MAX_LOG_BYTES = 256 * 1024  # the tail of each log: the recent part is what helps
AUDIT_KEPT = 50
LOG_FOLDER = "logs"
COUNTED = ("waiting", "pending", "accepted", "completed", "needs_correction", "rejected", "quarantined")


@dataclass(frozen=True)
class DiagnosticFacts:
    """What the bundle holds; ``profile_error`` when the profile could not be opened."""

    generated_at: dt.datetime
    versions: Mapping[str, Any]
    sync: Mapping[str, Any] | None = None
    updates: Mapping[str, Any] | None = None
    recent_errors: list[Mapping[str, Any]] = field(default_factory=list)
    audit_actions: list[Mapping[str, Any]] = field(default_factory=list)
    profile_error: str | None = None
    logs: Mapping[str, bytes] = field(default_factory=dict)


def audit_action(action: str, ts: str) -> dict[str, str]:
    """The only audit fields a bundle carries."""
    return {"action": action, "at": ts}


def profile_facts(uow: UnitOfWork) -> dict[str, Any]:
    """The sync state, update status, recent errors and audit actions of an open profile (read
    inside ``with uow:``)."""
    seen = overview(uow.outbox)
    sync = {
        "enrolled": seen.enrolled,
        "platform_url": seen.platform_url,
        "mode": seen.mode,
        "device_id": uow.device().device_id,
        "counts": {name: getattr(seen, name) for name in COUNTED},
        "last_attempt_at": seen.last_attempt_at,
        "last_success_at": seen.last_success_at,
        "next_attempt_at": seen.next_attempt_at,
    }
    return {
        "sync": sync,
        "updates": update_status(uow).as_json(),
        "recent_errors": recent_errors(uow),
        "audit_actions": [audit_action(entry.action, entry.ts) for entry in uow.audit_trail.entries()],
    }


def write_diagnostics(target: Path, facts: Mapping[str, Any], *, profile_error: str | None = None) -> Path:
    """The bundle of ``facts`` (empty when the profile could not be opened) and the logs, written to
    ``target`` atomically; returns it."""
    bundle = DiagnosticFacts(
        generated_at=utc_now(),
        versions=_versions(facts.get("updates")),
        sync=facts.get("sync"),
        updates=facts.get("updates"),
        recent_errors=facts.get("recent_errors", []),
        audit_actions=facts.get("audit_actions", []),
        profile_error=profile_error,
        logs=_logs(),
    )
    write_atomic(target, build_bundle(bundle))
    return target


def _versions(update_status: Mapping[str, Any] | None) -> dict[str, Any]:
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


def scrub_log(raw: bytes) -> str:
    """The log's tail as text, ID and mobile numbers masked."""
    tail = raw[-MAX_LOG_BYTES:].decode("utf-8", errors="replace")
    return mask_text(tail)


def build_bundle(facts: DiagnosticFacts) -> bytes:
    """The zip's bytes (deterministic order)."""
    files: dict[str, str] = {
        "versions.json": _json(facts.versions),
        "sync.json": _json(facts.sync or {"profile_error": facts.profile_error}),
        "updates.json": _json(facts.updates or {}),
        "errors.json": _json(list(facts.recent_errors)),
        "audit.json": _json(list(facts.audit_actions[-AUDIT_KEPT:])),
    }
    for name, raw in sorted(facts.logs.items()):
        files[f"logs/{name}"] = scrub_log(raw)
    manifest = {
        "kind": BUNDLE_KIND,
        "generated_at": facts.generated_at.isoformat(),
        "profile_error": facts.profile_error,
        "files": sorted(files),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("manifest.json", _json(manifest))
        for name, text in files.items():
            bundle.writestr(name, text)
    return buffer.getvalue()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, default=_plain) + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)
