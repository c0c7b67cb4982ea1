"""Attachment files: sealed with AES-256-GCM, bound to case and document, changes detected."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from app.security.attachments import AttachmentDamaged, AttachmentMissing, AttachmentStore

SCAN = b"%PDF-1.7 fake scan of ID card 11010519491231002X"


@pytest.fixture
def store(tmp_path: Path) -> AttachmentStore:
    return AttachmentStore(tmp_path / "attachments")


def test_round_trip_and_no_plaintext_on_disk(store: AttachmentStore) -> None:
    key = secrets.token_bytes(32)
    name = store.write("SG-1", "id_front", key, SCAN)
    assert store.read("SG-1", "id_front", key, name) == SCAN
    blob = (store.folder / name).read_bytes()
    assert b"11010519491231002X" not in blob
    assert b"PDF" not in blob
    assert "SG-1" not in name


@pytest.mark.parametrize("offset", [0, 5, 20, -1])
def test_any_changed_byte_is_detected(store: AttachmentStore, offset: int) -> None:
    key = secrets.token_bytes(32)
    name = store.write("SG-1", "id_front", key, SCAN)
    path = store.folder / name
    blob = bytearray(path.read_bytes())
    blob[offset] ^= 0x01
    path.write_bytes(bytes(blob))
    with pytest.raises(AttachmentDamaged) as damaged:
        store.read("SG-1", "id_front", key, name)
    assert "重新扫描" in damaged.value.message_zh


def test_a_file_moved_to_another_case_or_document_does_not_open(store: AttachmentStore) -> None:
    key = secrets.token_bytes(32)
    name = store.write("SG-1", "id_front", key, SCAN)
    with pytest.raises(AttachmentDamaged):
        store.read("SG-2", "id_front", key, name)
    with pytest.raises(AttachmentDamaged):
        store.read("SG-1", "id_back", key, name)
    with pytest.raises(AttachmentDamaged):
        store.read("SG-1", "id_front", secrets.token_bytes(32), name)


def test_missing_files_and_orphans(store: AttachmentStore) -> None:
    key = secrets.token_bytes(32)
    keep = store.write("SG-1", "a", key, b"1")
    drop = store.write("SG-1", "b", key, b"2")
    assert store.purge_orphans({keep}) == 1
    with pytest.raises(AttachmentMissing):
        store.read("SG-1", "b", key, drop)
    assert store.read("SG-1", "a", key, keep) == b"1"
