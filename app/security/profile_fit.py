"""Which data may live in which profile: the training profile holds fictitious data only, the desk none.

The training profile's key is public (its passphrase is printed on the login screen), so real data
there is real data exposed; fictitious data on the real desk can reach the real platform. The case
store calls ``require_fits_profile`` on every write (import, the UI's save, seed, corrections) and
submission calls it before queueing, so no entry point can forget it. Backups carry their profile
(app.services.backup) and are refused across profiles.
"""

from __future__ import annotations

from app.errors import InputRejected


class DataOutsideItsProfile(InputRejected):
    """Real data offered to the training profile, or fictitious data to the real desk."""

    code = "profile.data_mismatch"

    def __init__(self, *, training: bool, case_id: str) -> None:
        if training:
            super().__init__(
                f"培训环境只接受虚构数据（fictitious: true）：案卷 {case_id} 不是虚构案卷，未保存；"
                "真实案卷请在正式环境中办理。",
                f"The training profile holds fictitious data only (fictitious: true): case {case_id} is "
                "not marked fictitious and was not stored; handle real cases on the real desk.",
                data={"case_id": case_id},
            )
        else:
            super().__init__(
                f"案卷 {case_id} 是培训用的虚构案卷，不能进入正式环境，也不能报送政务平台；"
                "请在培训模式（--training）下使用。",
                f"Case {case_id} is a fictitious training case: it cannot enter the real desk nor be "
                "sent to the platform; use it in training mode (--training).",
                data={"case_id": case_id},
            )


def require_fits_profile(*, fictitious: bool, training: bool, case_id: str) -> None:
    """Raise ``DataOutsideItsProfile`` unless the case's mark matches the profile."""
    if fictitious != training:
        raise DataOutsideItsProfile(training=training, case_id=case_id)
