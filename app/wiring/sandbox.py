"""The reference platform sandbox: ``bizdesk sandbox`` in the foreground, and the training profile's
embedded sandbox (a free loopback port, this desk enrolled with it), started when the training desk
has no platform that answers (``start_training_platform``). ``sync.sandbox`` is imported inside the
functions."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from app.errors import PlatformError
from app.wiring.enrollment import enroll

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile
    from sync.sandbox.config import SandboxConfig
    from sync.sandbox.copy import CopyDone


EMBEDDED_CODE = "embedded-training-sandbox"  # loopback only, training only
SyncPlan = Literal["enrolled", "sandbox", "not_enrolled"]


def sync_plan(*, training: bool, enrolled_url: str | None, answers: Callable[[str], bool]) -> SyncPlan:
    """Which platform the desk syncs with: its enrolled one; in training, the built-in sandbox
    when not enrolled or when the enrolled address no longer answers (an earlier run's sandbox)."""
    if enrolled_url is not None and (not training or answers(enrolled_url)):
        return "enrolled"
    return "sandbox" if training else "not_enrolled"


def url_answers(url: str, timeout: float = 1.0) -> bool:
    """A TCP connection to the URL's host and port succeeds (no request is sent)."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def start_training_platform(opened: OpenedProfile) -> Callable[[], None] | None:
    """The built-in sandbox if the desk syncs with it (``sync_plan``), started; the function that
    stops it (None: the desk syncs with its enrolled platform, or is not enrolled)."""
    with opened.store.read_unit_of_work() as uow:
        enrolled = uow.outbox.state().enrolled
    plan = sync_plan(
        training=opened.training,
        enrolled_url=enrolled.platform_url if enrolled else None,
        answers=url_answers,
    )
    if plan != "sandbox":
        return None
    url, stop = start_embedded_sandbox(opened)
    print(f"内置政务平台沙箱: {url}", flush=True)
    return stop


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
        "mask_personal": True,  # its files are not encrypted: nothing personal is kept in them
        **overrides,
    }
    running = start_in_thread(SandboxConfig(**settings))
    try:
        # the desk's own sandbox of an earlier run is gone: the training desk moves to this one
        enroll(opened, running.url, EMBEDDED_CODE, replace=True, carry_over=True)
    except BaseException:
        running.stop()
        raise
    return running.url, running.stop
