"""The desk on a real training profile (SQLCipher file): a standard opening from draft to a queued case
with its receipt; the use cases themselves are tested on the in-memory store (tests/unit/desk)."""

from __future__ import annotations

from pathlib import Path

from app.desk.local import LocalDesk
from tests.unit.desk.test_local_desk_flow import standard_opening


def test_a_standard_opening_is_queued_on_the_encrypted_store(desk: LocalDesk, tmp_path: Path) -> None:
    case_id = standard_opening(desk, tmp_path)
    assert [p.message_zh for p in desk.open_draft(case_id).errors] == []
    receipt = desk.submit_draft(case_id)
    assert receipt.status_zh == "排队中"
    assert len(receipt.services) == 7
    page = desk.case_page(case_id)
    assert page.view.status == "queued"
    assert {service.code for service in page.services} == {line.key for line in receipt.services}
