"""The diagnostics bundle IT asks a branch for (``bizdesk diagnostics -o FILE``): a zip of plain facts.

Contents (every file JSON but the logs)::

    manifest.json   what the bundle is, when it was made, which files it holds
    versions.json   app, reference pack and form versions, Python and OS
    sync.json       enrollment (platform URL, mode), queue counts, last attempt/success, last error code
    updates.json    the update status (what runs, what is pending, the last refusal)
    errors.json     recent error codes with their times
    audit.json      the last audit actions (action and time only: no actor, subject nor details)
    logs/<name>     the desk's log files, ID and mobile numbers masked once more

No personal data: only counts, versions, times and codes are taken from the store, never case
content, user names or messages; logs are written without messages (``app.crashlog``) and masked
here again in case another writer was less careful.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.masking import mask_text

BUNDLE_KIND = "bizdesk.diagnostics/1"
MAX_LOG_BYTES = 256 * 1024  # the tail of each log: the recent part is what helps
AUDIT_KEPT = 50


@dataclass(frozen=True)
class DiagnosticFacts:
    """What the composition root gathered; ``profile_error`` when the profile could not be opened."""

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
