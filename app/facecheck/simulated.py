"""A simulated face-check camera for training and tests.

``mode`` picks what the next check gives (the trainer switches it, tests set it): ``match`` (the
default), ``no_match``, ``no_face``, ``camera_missing`` (raises ``CameraMissing``).
"""

from __future__ import annotations

import threading
from typing import Literal

from app.facecheck import CameraMissing, FaceResult

Mode = Literal["match", "no_match", "no_face", "camera_missing"]
MODES: tuple[Mode, ...] = ("match", "no_match", "no_face", "camera_missing")
DEVICE_ID = "SIM-FACE-0001"


class SimulatedFaceChecker:
    def __init__(self, *, mode: Mode = "match", device_id: str = DEVICE_ID) -> None:
        self.mode: Mode = mode
        self._device_id = device_id
        self._lock = threading.Lock()

    @property
    def device_id(self) -> str:
        return self._device_id

    @property
    def modes(self) -> tuple[str, ...]:
        return MODES

    def set_mode(self, mode: Mode) -> None:
        with self._lock:
            self.mode = mode

    def choose_mode(self, mode: str) -> None:
        chosen = next((m for m in MODES if m == mode), None)
        if chosen is not None:
            self.set_mode(chosen)

    def check(self, card_photo: bytes) -> FaceResult:
        with self._lock:
            mode = self.mode
        if mode == "camera_missing":
            raise CameraMissing()
        return FaceResult(mode, 0.93 if mode == "match" else 0.21 if mode == "no_match" else None)
