"""人证核验 camera (face check against the ID card's photo): the port the desk checks founders through.

    checker.check(card_photo) -> FaceResult       the camera looked: outcome "match", "no_match" or
                                                  "no_face" (nobody, or no usable face, in front of it)
                              raises CameraMissing  no camera, or it does not answer (connect it, retry)
    checker.device_id -> str                      recorded with every result

Adapters: ``app.facecheck.simulated.SimulatedFaceChecker`` (training and tests: the outcome a trainer
or a test chooses); a real desk's adapter wraps the vendor's certified 人证核验 SDK and is described in
docs/face-check.md. The live image is personal data: adapters never write it to disk and return only
the outcome; the desk records who checked, when, with which device and the outcome in the case
(``IdentityCheck``), never a picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

from app.errors import BizdeskError

FaceOutcome = Literal["match", "no_match", "no_face"]


@dataclass(frozen=True)
class FaceResult:
    outcome: FaceOutcome
    score: float | None = None  # the SDK's similarity, when it gives one (not stored in the case)


class CameraMissing(BizdeskError):
    code = "facecheck.camera_missing"
    title_zh = "未连接人脸核验摄像头"
    title_en = "No face-check camera"

    def __init__(self) -> None:
        super().__init__(
            "未找到人脸核验摄像头：请检查摄像头连接后重试；核验通过前不能提交营业执照申请。",
            "No face-check camera found: check its cable and retry; the licence cannot be submitted "
            "before the face check passes.",
        )


class NoCardPhoto(BizdeskError):
    code = "facecheck.no_card_photo"
    title_zh = "没有身份证照片"
    title_en = "No ID card photo"

    def __init__(self, number: int) -> None:
        super().__init__(
            f"人员{number}还没有读取身份证：人证核验要与身份证照片比对，请先读身份证。",
            f"Person {number}'s ID card has not been read: the face check compares with the card's photo, "
            "so read the card first.",
        )


class FaceChecker(Protocol):
    @property
    def device_id(self) -> str: ...

    def check(self, card_photo: bytes) -> FaceResult:
        """Compare the face in front of the camera with ``card_photo`` (blocks for a few seconds)."""
        ...


@runtime_checkable
class TrainingFaceChecker(Protocol):
    """A face checker whose next outcome a trainer can choose (the simulated one): shown only in training."""

    @property
    def modes(self) -> tuple[str, ...]: ...

    def choose_mode(self, mode: str) -> None: ...
