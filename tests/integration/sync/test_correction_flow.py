"""补正 end to end without a browser: the sandbox sends a marked licence back, the clerk corrects and
resubmits through the desk (``LocalDesk``), the next sync completes it; the old submission is kept.

Real training profile (SQLCipher), real HTTP to the embedded sandbox on 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt

from app.case.enums import Status
from app.case.interchange import dump_case
from app.desk.local import LocalDesk
from app.seed import generate_cases
from app.services.case_search import SearchRequest
from app.services.cases import import_case
from app.services.submission import submit_case
from app.wiring.profile import OpenedProfile
from app.wiring.services import desk_sync
from sync.sandbox.agency import CORRECTION_MARK
from tests.integration.sync.support import embedded_sandbox


def _marked_case(opened: OpenedProfile) -> str:
    case = next(c for c in generate_cases(40, seed=31) if c.status is Status.READY)
    assert case.company.domicile is not None
    domicile = case.company.domicile.model_copy(update={"address": f"文圣街{CORRECTION_MARK}18号"})
    company = case.company.model_copy(update={"domicile": domicile})
    now = dt.datetime.now(dt.UTC)
    marked = case.model_copy(update={"company": company, "created_at": now, "updated_at": now})
    with opened.store.unit_of_work() as uow:
        import_case(uow, dump_case(marked), by="clerk", training=True)
    with opened.store.unit_of_work() as uow:
        submit_case(uow, case.case_id, by="clerk")
    return case.case_id


def _sync_until(opened: OpenedProfile, desk: LocalDesk, case_id: str, status: str) -> None:
    for _ in range(10):
        desk_sync(opened).run_once()
        licence = next(s for s in desk.case_page(case_id).services if s.code == "license")
        if licence.status == status:
            return
    raise AssertionError(f"the licence never became {status}: {licence}")


def test_a_marked_licence_is_corrected_resubmitted_and_completed(opened: OpenedProfile) -> None:
    _, stop = embedded_sandbox(opened, decision_delay_s=0.0, correction_rate=0.0)
    try:
        case_id = _marked_case(opened)
        desk = opened.desk()
        assert desk.login("clerk", "peixun2026").ok
        _sync_until(opened, desk, case_id, "needs_correction")
        licence = next(s for s in desk.case_page(case_id).services if s.code == "license")
        assert licence.correctable
        assert "门牌号" in licence.reasons[0]

        result = desk.resubmit_correction(case_id, "license", {"domicile_address": "文圣街18号"})
        assert result.queued == ("license",)
        _sync_until(opened, desk, case_id, "completed")
        page = desk.case_page(case_id)
        licence = next(s for s in page.services if s.code == "license")
        uscc = licence.results["uscc"]
        assert licence.submissions == 2
        assert ("needs_correction", 1) in {(step.event, step.submission) for step in licence.timeline}
        with opened.store.read_unit_of_work() as uow:
            states = [e.state for e in uow.outbox.for_case(case_id) if e.service == "license"]
        assert states == ["needs_correction", "completed"]
        found = desk.search_cases(SearchRequest(key=uscc))
        assert [hit.case_id for hit in found.hits] == [case_id]
        assert found.kinds == ("uscc",)
    finally:
        stop()
