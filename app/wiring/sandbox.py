"""The reference platform sandbox: ``bizdesk sandbox`` in the foreground, and the training profile's
embedded sandbox (a free loopback port, this desk enrolled with it). ``sync.sandbox`` is imported
inside the functions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.errors import PlatformError
from app.wiring.enrollment import enroll

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile
    from sync.sandbox.config import SandboxConfig
    from sync.sandbox.copy import CopyDone


EMBEDDED_CODE = "embedded-training-sandbox"  # loopback only, training only


def sandbox_config(**settings: Any) -> SandboxConfig:
    """The sandbox's settings from the CLI's options; raises ``ValueError`` naming a bad one."""
    from sync.sandbox.config import SandboxConfig

    return SandboxConfig(**settings)


def usable_database_url(url: str) -> bool:
    """Whether ``url`` names a database the sandbox has a driver for (``postgresql://`` included);
    whether its server answers is checked when the sandbox starts."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    from sync.sandbox.connect import normalized_url

    try:
        normalized_url(url).get_dialect()
    except (ArgumentError, NoSuchModuleError, ValueError):
        return False
    return True


def run_sandbox(config: SandboxConfig, host: str, port: int, on_ready: Callable[[str], None]) -> None:
    """Serve the sandbox in the foreground until interrupted (``bizdesk sandbox``)."""
    from sync.sandbox.server import serve_forever

    serve_forever(config, host, port, on_ready=on_ready)


def copy_sandbox_database(
    source_url: str, target_url: str, progress: Callable[[str, int], None] | None = None
) -> CopyDone:
    """``bizdesk sandbox-copy``: the sandbox's state from one database into a new, empty one."""
    from sync.sandbox.copy import copy_sandbox

    return copy_sandbox(source_url, target_url, progress)


def start_embedded_sandbox(opened: OpenedProfile, **overrides: Any) -> tuple[str, Callable[[], None]]:
    """Training only: a sandbox of the profile's own on a free loopback port, this desk enrolled with it.

    Its state lives in ``<profile>/sandbox``; returns the base URL and the function that stops it.
    """
    from sync.sandbox.config import SandboxConfig
    from sync.sandbox.server import start_in_thread

    if not opened.training:
        raise PlatformError(
            "内置沙箱只能在培训模式下使用。",
            "The built-in sandbox is for the training profile only.",
            code="platform.sandbox_training_only",
        )
    from app.paths import private_folder
    from app.store.engine import create_private

    folder = private_folder(opened.profile.root / "sandbox")
    create_private(folder / "sandbox.db")  # its -wal and -shm take this mode: payloads stay the owner's
    settings: dict[str, Any] = {
        "mode": "training",
        "data_dir": folder,
        "enroll_codes": (EMBEDDED_CODE,),
        "decision_delay_s": 5.0,
        "correction_rate": 0.1,  # trainees meet 补正 too
        **overrides,
    }
    running = start_in_thread(SandboxConfig(**settings))
    try:
        enroll(opened, running.url, EMBEDDED_CODE)
    except BaseException:
        running.stop()
        raise
    return running.url, running.stop
