"""Passes that contact nobody: the training desk's simulated network outage (模拟断网), and a desk not
enrolled yet. Both are failed reports the 同步中心 shows, never exceptions: the queue is kept.

The training desk syncs with a sandbox on the same machine, so pulling the cable takes nothing away.
A scenario with ``"offline": true`` cuts the network for the desk instead: while the setting
``training.simulated_offline`` is on, the desk's background pass (``app.services.sync_pass``)
contacts nobody and reports the outage (``OUTAGE_CODE``); cases still queue, nothing is lost, and
the trainee brings the network back from the scenario's screen. The setting lives in the profile,
so the outage outlasts a restart like a real one; the trainer's reset ends it.
"""

from __future__ import annotations

from typing import Any, Protocol

from app.syncing.overview import NotEnrolled
from app.syncing.report import SyncReport

OFFLINE_KEY = "training.simulated_offline"
OUTAGE_CODE = "training.simulated_offline"


class _Settings(Protocol):
    def get_json(self, key: str) -> Any: ...

    def set_json(self, key: str, value: Any) -> None: ...


def simulated_offline(settings: _Settings) -> bool:
    return bool(settings.get_json(OFFLINE_KEY))


def set_simulated_offline(settings: _Settings, offline: bool) -> None:
    settings.set_json(OFFLINE_KEY, offline)


def outage_report(counts: dict[str, int]) -> SyncReport:
    """A pass during the training desk's simulated outage: nothing sent, the queue kept, and why."""
    return SyncReport(
        ok=False,
        counts=counts,
        error_code=OUTAGE_CODE,
        error_zh="网络已断开（培训模拟断网）：案卷在队列中等待，恢复网络后同步会把它们发出。",
        error_en="The network is down (simulated for training): cases wait in the queue and go out "
        "once the network is back.",
    )


def not_enrolled_report(counts: dict[str, int]) -> SyncReport:
    """A pass of a desk not enrolled: nothing sent, and what IT must do."""
    error = NotEnrolled()
    return SyncReport(
        ok=False, counts=counts, error_code=error.code, error_zh=error.message_zh, error_en=error.message_en
    )
