"""一并出件, the start: what the founder collects, and when the case is ready to hand over."""

from __future__ import annotations

from app.case.enums import Status
from app.case.handover import handover_items, ready_to_hand_over
from app.seed import generate_cases


def test_a_completed_case_lists_every_item_with_its_number_and_is_ready() -> None:
    case = next(c for c in generate_cases(60, seed=5) if c.status is Status.COMPLETED)
    items = handover_items(case)
    assert ready_to_hand_over(case)
    licence = case.services.license
    assert licence is not None
    assert licence.results is not None
    assert ("营业执照（正本、副本）", licence.results.uscc) in [(i.label_zh, i.number) for i in items]
    seal = case.services.seal
    if seal is not None and seal.requested and seal.results is not None:
        shown = {(i.label_zh, i.number) for i in items if i.service == "seal"}
        assert {(s.kind.label_zh if s.kind else "印章", s.code) for s in seal.results.seal_codes} <= shown


def test_a_case_still_under_way_is_not_ready_and_says_which_items_wait() -> None:
    case = next(c for c in generate_cases(60, seed=5) if c.status is Status.SUBMITTED)
    items = handover_items(case)
    assert not ready_to_hand_over(case)
    assert any(not item.ready for item in items)
    assert not ready_to_hand_over(next(c for c in generate_cases(60, seed=5) if c.status is Status.DRAFT))
