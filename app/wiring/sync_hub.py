"""The desk's one background sync, built once per desk process: which platform it syncs with, and
the ``SyncCentre`` (``app.services.sync_centre``) every page holds."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from app.services.sync_centre import SyncCentre
from app.wiring.platform import desk_sync
from app.wiring.sandbox import start_embedded_sandbox

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile


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


def start_syncing(opened: OpenedProfile) -> SyncCentre:
    """The background sync of the desk; in training, first the built-in sandbox if it is needed."""
    with opened.store.read_unit_of_work() as uow:
        enrolled = uow.outbox.state().enrolled
    plan = sync_plan(
        training=opened.training,
        enrolled_url=enrolled.platform_url if enrolled else None,
        answers=url_answers,
    )
    stop_sandbox: Callable[[], None] | None = None
    if plan == "sandbox":
        url, stop_sandbox = start_embedded_sandbox(opened)
        print(f"内置政务平台沙箱: {url}", flush=True)
    centre = SyncCentre(desk_sync(opened), on_stop=stop_sandbox)
    centre.start()
    return centre
