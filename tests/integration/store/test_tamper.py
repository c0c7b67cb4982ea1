"""A changed byte in the database or an attachment is detected, never silently read."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ProfileError
from app.paths import Profile
from app.ports import CaseSummary
from app.security.attachments import AttachmentDamaged, load_attachment, save_attachment
from app.store.engine import DatabaseDamaged, check_integrity
from app.wiring.profile import open_profile
from tests.integration.store.conftest import PASSPHRASE

PAGE = 4096


def _fill(profile: Profile, cases: int = 60) -> None:
    with open_profile(profile, passphrase=PASSPHRASE) as opened, opened.store.unit_of_work() as uow:
        for i in range(cases):
            summary = CaseSummary(f"SG-{i:04d}", "寿光测试有限公司", "llc", "draft")
            uow.cases.add(
                {"case_id": summary.case_id, "pad": "x" * 500}, summary, [("mobile", f"1380000{i:04d}")]
            )
        uow.commit()
    assert not profile.database.with_name("bizdesk.db-wal").exists()  # closing checkpointed the WAL


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x40
    path.write_bytes(bytes(data))


def test_a_changed_byte_in_a_data_page_fails_the_read(desk_profile: Profile) -> None:
    _fill(desk_profile)
    size = desk_profile.database.stat().st_size
    assert size > 8 * PAGE
    _flip(desk_profile.database, size - PAGE // 2)  # inside the last page, which holds case rows
    with open_profile(desk_profile, passphrase=PASSPHRASE, upgrade=False) as opened:
        with pytest.raises(DatabaseDamaged) as damaged:
            check_integrity(opened.engine)
        assert "从备份恢复" in damaged.value.message_zh
        with pytest.raises(DatabaseDamaged), opened.store.read_unit_of_work() as uow:
            [uow.cases.get(f"SG-{i:04d}") for i in range(60)]


def test_a_changed_first_page_refuses_to_open(desk_profile: Profile) -> None:
    _fill(desk_profile, cases=2)
    _flip(desk_profile.database, 100)
    with pytest.raises(ProfileError) as refused:
        open_profile(desk_profile, passphrase=PASSPHRASE)
    assert "not a database" not in refused.value.message_zh


def test_a_changed_byte_in_an_attachment_is_detected(desk_profile: Profile) -> None:
    with open_profile(desk_profile, passphrase=PASSPHRASE) as opened:
        files = opened.files
        with opened.store.unit_of_work() as uow:
            uow.cases.add({"case_id": "SG-1"}, CaseSummary("SG-1", "寿光测试有限公司", "llc", "draft"), [])
            info = save_attachment(uow, files, "SG-1", "id_front", b"scan bytes" * 100, "image/png")
            uow.commit()
        with opened.store.read_unit_of_work() as uow:
            assert load_attachment(uow, files, "SG-1", "id_front") == b"scan bytes" * 100
        _flip(files.folder / info.file_name, 40)
        with opened.store.read_unit_of_work() as uow, pytest.raises(AttachmentDamaged):
            load_attachment(uow, files, "SG-1", "id_front")
