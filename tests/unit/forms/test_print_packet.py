"""``print_packet`` and ``check_receipt``: the core's service functions, with fakes (no PDF, no database)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pytest

from app.errors import CaseNotFound
from app.ports import CaseSummary
from app.services.packet import BranchInfo, Packet, check_receipt, print_packet, receipt_text
from tests.fakes import FakeUnitOfWork
from tests.unit.forms import samples

KEY = samples.RECEIPT_KEY
SERVICES = ["license", "seal", "bank_account", "tax", "social_security", "medical_insurance", "housing_fund"]


class RecordingRenderer:
    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def render(
        self,
        document: Mapping[str, Any],
        *,
        training: bool,
        branch: BranchInfo | None = None,
        issued_at: dt.datetime,
    ) -> Packet:
        self.calls.append({"case_id": document["case_id"], "training": training, "issued_at": issued_at})
        return Packet(b"%PDF-", 3, ("受理回执",))


def _uow_with(document: dict[str, Any]) -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    with uow:
        summary = CaseSummary(document["case_id"], document["company"]["name"], "llc", "draft")
        uow.cases.add(document, summary, [])
        uow.commit()
    return uow


def test_printing_renders_the_stored_case_and_records_it_without_personal_data() -> None:
    uow, renderer = _uow_with(samples.llc()), RecordingRenderer()
    with uow:
        packet = print_packet(
            uow, "SG20261126-TEST0001", renderer, training=False, issued_at=samples.ISSUED_AT, by="clerk01"
        )
    assert packet.pages == 3
    assert renderer.calls == [
        {"case_id": "SG20261126-TEST0001", "training": False, "issued_at": samples.ISSUED_AT}
    ]
    entry = uow.state.audit[-1]
    assert entry == {
        "action": "case.print",
        "actor": "clerk01",
        "subject": "SG20261126-TEST0001",
        "details": {"revision": 1, "pages": 3, "forms": 1},
    }


def test_a_fictitious_case_is_a_specimen_on_any_profile() -> None:
    document = samples.llc()
    document["fictitious"] = True
    uow, renderer = _uow_with(document), RecordingRenderer()
    with uow:
        print_packet(uow, "SG20261126-TEST0001", renderer, training=False, issued_at=samples.ISSUED_AT)
    assert renderer.calls[0]["training"] is True


def test_printing_an_unknown_case_says_so() -> None:
    with FakeUnitOfWork() as uow, pytest.raises(CaseNotFound):
        print_packet(uow, "SG-NONE", RecordingRenderer(), training=True, issued_at=samples.ISSUED_AT)


def test_a_receipt_is_checked_against_the_stored_case() -> None:
    uow = _uow_with(samples.llc())
    good = receipt_text(KEY, "SG20261126-TEST0001", SERVICES, samples.ISSUED_AT)
    stale = receipt_text(KEY, "SG20261126-TEST0001", SERVICES[:2], samples.ISSUED_AT)
    elsewhere = receipt_text(KEY, "SG20261126-OTHER001", SERVICES, samples.ISSUED_AT)
    with uow:
        assert check_receipt(uow, good, KEY).valid
        assert "不一致" in check_receipt(uow, stale, KEY).reason_zh
        assert "不存在" in check_receipt(uow, elsewhere, KEY).reason_zh
        assert not check_receipt(uow, good, b"other key").valid
