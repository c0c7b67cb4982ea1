"""The training desk's simulated network outage (模拟断网), for the day-offline scenario.

The training desk syncs with a sandbox on the same machine, so pulling the cable takes nothing away.
A scenario with ``"offline": true`` cuts the network for the desk instead: while the setting
``training.simulated_offline`` is on, the desk's background sync (``app.wiring.desk_sync.desk_pass``)
contacts nobody and reports the outage (``OUTAGE_CODE``; the 同步中心 shows it); cases still queue, nothing is
lost, and the trainee brings the network back from the scenario's screen. The setting lives in the
profile, so the outage outlasts a restart like a real one; the trainer's reset ends it.
"""

from __future__ import annotations

from typing import Any, Protocol

OFFLINE_KEY = "training.simulated_offline"
OUTAGE_CODE = "training.simulated_offline"


class _Settings(Protocol):
    def get_json(self, key: str) -> Any: ...

    def set_json(self, key: str, value: Any) -> None: ...


def simulated_offline(settings: _Settings) -> bool:
    return bool(settings.get_json(OFFLINE_KEY))


def set_simulated_offline(settings: _Settings, offline: bool) -> None:
    settings.set_json(OFFLINE_KEY, offline)
