"""The hash chain names every kind of tampering: edits, removals, reorders, truncation, a forged head."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest

from app.security.audit import (
    GENESIS_HASH,
    AuditEntry,
    SignedHead,
    head_message,
    make_entry,
    verify_chain,
)
from app.security.device import DeviceIdentity

T0 = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)


def _chain(n: int) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    for i in range(n):
        previous = entries[-1] if entries else None
        ts = T0 + dt.timedelta(minutes=i)
        entries.append(make_entry(previous, ts=ts, actor="clerk", action="case.edit", details={"n": i}))
    return entries


def _head(device: DeviceIdentity, entry: AuditEntry) -> SignedHead:
    signature = device.sign(head_message(device.device_id, entry.seq, entry.hash))
    return SignedHead(entry.seq, entry.hash, device.device_id, signature, T0)


@pytest.fixture
def device() -> DeviceIdentity:
    return DeviceIdentity.generate("desk-test")


def _kinds(
    entries: list[AuditEntry], head: SignedHead | None, device: DeviceIdentity
) -> list[tuple[str, int]]:
    return [(f.kind, f.seq) for f in verify_chain(entries, head, device.public_key).findings]


def test_an_untouched_chain_verifies(device: DeviceIdentity) -> None:
    entries = _chain(6)
    report = verify_chain(entries, _head(device, entries[-1]), device.public_key)
    assert report.ok
    assert report.entries == 6
    assert entries[0].prev_hash == GENESIS_HASH
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))


def test_an_edited_entry_is_named(device: DeviceIdentity) -> None:
    entries = _chain(5)
    head = _head(device, entries[-1])
    entries[2] = dataclasses.replace(entries[2], details={"n": 99})
    assert _kinds(entries, head, device) == [("edited", 3)]


def test_an_edited_and_rehashed_entry_is_caught_by_the_next_link(device: DeviceIdentity) -> None:
    entries = _chain(5)
    head = _head(device, entries[-1])
    forged = make_entry(entries[1], ts=T0, actor="clerk", action="case.edit", details={"n": 99})
    entries[2] = forged
    assert _kinds(entries, head, device) == [("edited", 3)]


def test_a_removed_entry_is_named(device: DeviceIdentity) -> None:
    entries = _chain(5)
    head = _head(device, entries[-1])
    del entries[1]
    assert _kinds(entries, head, device) == [("removed", 2)]


def test_swapped_entries_are_reported_as_reordered(device: DeviceIdentity) -> None:
    entries = _chain(5)
    head = _head(device, entries[-1])
    a, b = entries[1], entries[2]
    entries[1] = dataclasses.replace(b, seq=a.seq)
    entries[2] = dataclasses.replace(a, seq=b.seq)
    findings = verify_chain(entries, head, device.public_key).findings
    assert [(f.kind, f.seq) for f in findings] == [("reordered", 2), ("reordered", 3)]
    assert "was entry 3" in findings[0].note


def test_truncation_shows_against_the_signed_head(device: DeviceIdentity) -> None:
    entries = _chain(5)
    head = _head(device, entries[-1])
    assert _kinds(entries[:3], head, device) == [("truncated", 4)]


def test_a_forged_head_signature_is_rejected(device: DeviceIdentity) -> None:
    entries = _chain(3)
    other = DeviceIdentity.generate("desk-test")
    assert _kinds(entries, _head(other, entries[-1]), device) == [("head_invalid", 3)]


def test_a_missing_head_is_reported_once_entries_exist(device: DeviceIdentity) -> None:
    assert _kinds(_chain(2), None, device) == [("head_invalid", 2)]
    assert verify_chain([], None, device.public_key).ok


def test_appending_without_resigning_the_head_is_reported(device: DeviceIdentity) -> None:
    entries = _chain(4)
    head = _head(device, entries[2])
    assert _kinds(entries, head, device) == [("head_invalid", 4)]


def test_details_and_subject_are_masked_before_hashing() -> None:
    entry = make_entry(
        None,
        ts=T0,
        actor="clerk",
        action="case.create",
        subject="founder 11010519491231002X",
        details={"mobile": "13812345678", "nested": ["id 440524188001010014"]},
    )
    text = repr(entry)
    for secret in ("11010519491231002X", "13812345678", "440524188001010014"):
        assert secret not in text
    assert entry.details["mobile"] == "138****5678"
    assert entry.subject == "founder 110105********002X"


def test_finding_sentences_are_chinese_first(device: DeviceIdentity) -> None:
    entries = _chain(3)
    del entries[1]
    finding = verify_chain(entries, _head(device, entries[-1]), device.public_key).findings[0]
    assert finding.sentence().startswith("第2条记录被删除")
