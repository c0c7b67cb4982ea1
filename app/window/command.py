"""The browser's command line for the desk's window, and the preferences of its profile folder.

The window is the desk's page alone (``--app``: no tabs, no address bar, no menu) in a profile folder
of its own inside the data root, so it shares nothing with the clerk's everyday browsing and reaches
nothing outside the PC: no first-run pages, no background requests, sync, component or
safe-browsing updates, translation offers, or password saving for the desk's accounts.

``BIZDESK_WINDOW_FLAGS`` adds flags (IT: e.g. ``--force-device-scale-factor=1.25``; the tests:
``--remote-debugging-port=0`` to reach the window through the DevTools protocol).
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from app.paths import private_folder
from app.window.browsers import Browser

FLAGS_VARIABLE = "BIZDESK_WINDOW_FLAGS"

# Chromium, Chrome and Edge all take these; a flag a browser does not know is ignored by it.
QUIET_OFFLINE_FLAGS = (
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-client-side-phishing-detection",
    "--disable-domain-reliability",
    "--disable-breakpad",
    "--no-pings",
    "--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication",
    "--password-store=basic",  # Linux: no keyring prompt at start (the desk stores no password here)
    "--use-mock-keychain",  # macOS: likewise, no Keychain prompt
    "--lang=zh-CN",
    "--start-maximized",
)

# Written into the profile before every start: nothing of the desk's sign-in is kept by the browser,
# and a window that was closed by force (the desk killed) does not offer to restore pages.
PREFERENCES: dict[str, Any] = {
    "credentials_enable_service": False,
    "profile": {"password_manager_enabled": False, "exit_type": "Normal", "exited_cleanly": True},
    "autofill": {"enabled": False, "profile_enabled": False, "credit_card_enabled": False},
    "translate": {"enabled": False},
    "browser": {"check_default_browser": False},
}


def window_command(
    browser: Browser,
    url: str,
    profile_folder: Path,
    *,
    as_root: bool = False,
    extra: Sequence[str] = (),
) -> list[str]:
    """The command that opens ``url`` in an app window of ``browser`` with its own ``profile_folder``.

    ``as_root``: Chromium refuses to start as root with its sandbox on, so it is turned off there (the
    window shows the desk's own page only)."""
    command = [browser.path, f"--app={url}", f"--user-data-dir={profile_folder}", *QUIET_OFFLINE_FLAGS]
    if as_root:
        command.append("--no-sandbox")
    return [*command, *extra]


def extra_flags(environ: Mapping[str, str]) -> list[str]:
    """The flags ``BIZDESK_WINDOW_FLAGS`` adds (split like a shell would)."""
    return shlex.split(environ.get(FLAGS_VARIABLE, ""), posix=os.name == "posix")


def prepare_profile(folder: Path) -> Path:
    """Create the window's profile folder (owner only) and write the desk's preferences into it,
    keeping whatever else the browser stored there."""
    private_folder(folder)
    preferences = private_folder(folder / "Default") / "Preferences"
    stored: dict[str, Any] = {}
    with contextlib.suppress(OSError, ValueError):
        loaded = json.loads(preferences.read_text(encoding="utf-8"))
        if isinstance(loaded, dict):
            stored = loaded
    merged = _merged(stored, PREFERENCES)
    written = preferences.with_name("Preferences.bizdesk-tmp")
    written.write_text(json.dumps(merged, ensure_ascii=False), encoding="utf-8")
    os.replace(written, preferences)
    return folder


def _merged(stored: dict[str, Any], wanted: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(stored)
    for key, value in wanted.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _merged(merged[key], value)
        elif isinstance(value, Mapping):
            merged[key] = _merged({}, value)
        else:
            merged[key] = value
    return merged
