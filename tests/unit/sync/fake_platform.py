"""An in-memory platform with the protocol's semantics, for engine tests without HTTP."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from app.errors import BizdeskError
from app.syncing.ports import (
    AttachmentRef,
    AttachmentSource,
    BatchRefused,
    FieldProblem,
    ItemOutcome,
    OutgoingItem,
    PlatformUnavailable,
    StatusEvent,
    StatusPage,
)
from app.syncing.rules import content_sha256

USCC = "91370783MADKTWX049"  # made by sync.sandbox.identifiers.new_uscc: both checks valid
RESULTS: dict[str, dict[str, Any]] = {
    "license": {
        "uscc": USCC,
        "license_number": "3707832026000001",
        "established_on": "2026-11-26",
        "authority": "寿光市市场监督管理局",
    },
    "seal": {
        "seal_codes": ["3707830000001"],
        "seal_filing_number": "3707830000001",
        "engraved_on": "2026-11-26",
    },
    "bank_account": {
        "account_number": "6222000000000000001",
        "account_filing_number": "J3707000000001",
        "opened_on": "2026-11-26",
    },
    "tax": {"tax_registration_number": USCC, "registered_on": "2026-11-26"},
    "social_security": {"social_security_unit_number": "3700000001", "registered_on": "2026-11-26"},
    "medical_insurance": {"medical_insurance_unit_number": "370700000001", "registered_on": "2026-11-26"},
    "housing_fund": {"housing_fund_unit_number": "078300000001", "registered_on": "2026-11-26"},
}


def results_for(service: str) -> dict[str, Any]:
    return dict(RESULTS[service])


def _down() -> PlatformUnavailable:
    return PlatformUnavailable("平台不可用", "platform down")


@dataclass
class FakePlatform:
    """Dedupes by key; takes an item once its declared dependencies are completed; decides on ``decide``."""

    offline: bool = False
    poison_marker: str = "poison"  # a payload carrying this key makes the whole batch refused
    reject_marker: str = "reject"
    auto_complete: bool = True
    received: list[str] = field(default_factory=list)  # keys in arrival order (duplicates included)
    accepted: dict[str, OutgoingItem] = field(default_factory=dict)
    states: dict[tuple[str, str], str] = field(default_factory=dict)  # (case, service) -> state
    events: list[StatusEvent] = field(default_factory=list)
    uploads: dict[str, bytes] = field(default_factory=dict)
    batches: list[int] = field(default_factory=list)
    fail_next: int = 0  # transport failures to inject on the next calls

    def check(self) -> None:
        self._maybe_fail()

    def close(self) -> None:
        pass

    def _maybe_fail(self) -> None:
        if self.offline:
            raise _down()
        if self.fail_next > 0:
            self.fail_next -= 1
            raise _down()

    def submit_batch(self, items: Sequence[OutgoingItem]) -> list[ItemOutcome]:
        self._maybe_fail()
        if any(self.poison_marker in item.payload for item in items):
            raise BatchRefused("整批被拒", "batch refused: malformed item", data={"status": 422})
        self.batches.append(len(items))
        return [self._one(item) for item in items]

    def _one(self, item: OutgoingItem) -> ItemOutcome:
        self.received.append(item.idempotency_key)
        known = self.accepted.get(item.idempotency_key)
        if known is not None:
            if known.content_sha256 != item.content_sha256:
                return ItemOutcome(item.idempotency_key, "conflict", reason="other content")
            return ItemOutcome(
                item.idempotency_key, "duplicate", receipt={"receipt_id": "r-" + item.idempotency_key}
            )
        if content_sha256(item.payload) != item.content_sha256:
            return ItemOutcome(item.idempotency_key, "invalid", reason="hash mismatch")
        missing = [d for d in item.depends_on if self.states.get((item.case_id, d)) != "completed"]
        if missing:
            return ItemOutcome(
                item.idempotency_key, "retry_later", reason=f"waiting_for_dependency:{missing[0]}"
            )
        if any(ref.sha256 not in self.uploads for ref in item.attachments):
            return ItemOutcome(item.idempotency_key, "retry_later", reason="attachment_missing")
        self.accepted[item.idempotency_key] = item
        if self.reject_marker in item.payload:
            problem = FieldProblem("company.name", "name_taken", "名称重复", "name taken")
            self._event(item, "rejected", reasons=("名称重复",))
            return ItemOutcome(item.idempotency_key, "rejected", problems=(problem,))
        self.states[(item.case_id, item.service)] = "accepted"
        self._event(item, "accepted")
        if self.auto_complete:
            self.decide(item.idempotency_key, "completed")
        return ItemOutcome(
            item.idempotency_key, "accepted", receipt={"receipt_id": "r-" + item.idempotency_key}
        )

    def decide(self, key: str, status: str, reasons: tuple[str, ...] = ()) -> None:
        item = self.accepted[key]
        self.states[(item.case_id, item.service)] = status
        results = results_for(item.service) if status == "completed" else {}
        self._event(item, status, reasons=reasons, results=results)

    def _event(
        self,
        item: OutgoingItem,
        status: str,
        *,
        reasons: tuple[str, ...] = (),
        results: dict[str, Any] | None = None,
    ) -> None:
        self.events.append(
            StatusEvent(
                len(self.events) + 1,
                item.idempotency_key,
                item.case_id,
                item.service,
                status,
                reasons,
                results or {},
            )
        )  # type: ignore[arg-type]

    def fetch_status(self, cursor: str, limit: int) -> StatusPage:
        self._maybe_fail()
        start = int(cursor or 0)
        page = self.events[start : start + limit]
        return StatusPage(tuple(page), str(start + len(page)), start + len(page) < len(self.events))

    def ensure_attachment(self, ref: AttachmentRef, source: AttachmentSource) -> None:
        self._maybe_fail()
        if ref.sha256 not in self.uploads:
            self.uploads[ref.sha256] = source.read(ref)

    def ensure_attachments(
        self, refs: Sequence[AttachmentRef], source: AttachmentSource
    ) -> dict[str, BizdeskError]:
        failed: dict[str, BizdeskError] = {}
        for ref in refs:
            try:
                self.ensure_attachment(ref, source)
            except PlatformUnavailable:
                raise
            except BizdeskError as error:
                failed[ref.sha256] = error
        return failed
