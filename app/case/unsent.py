"""A case that arrives claiming to be on its way to the platform, with nothing in this desk's queue.

A ``bizdesk.case/1`` file exported from another desk (or written by hand) may say ``queued`` or
``submitted``: the submissions it speaks of are in another desk's queue, or nowhere. Imported as
they stand, the desk would show 已提交 with nothing to send and nothing to wait for. So those
services come in as drafts, the case's status follows from its services again, and the clerk reads
why (``imported_as_draft``); they are then marked ready and submitted from this desk as usual (the
platform answers a second submission of the same content as a duplicate). Statuses the platform
decided (accepted, needs correction, rejected, completed) are records of its answers and stay.
"""

from __future__ import annotations

from app.case.enums import ServiceCode, Status
from app.case.model import Case
from app.case.progress import derived_status
from app.validation.problems import Problem, warning

UNSENT = frozenset({Status.QUEUED, Status.SUBMITTED})


def unsent_as_draft(case: Case) -> tuple[Case, tuple[ServiceCode, ...]]:
    """``case`` with its queued or submitted services (and so its status) back to draft, and which."""
    services, moved = case.services, []
    for code, request in case.services.requested():
        if request.status in UNSENT:
            services = services.replaced(code, request.model_copy(update={"status": Status.DRAFT}))
            moved.append(code)
    if not moved and case.status not in UNSENT:
        return case, ()
    changed = case.model_copy(update={"services": services})
    return changed.model_copy(update={"status": derived_status(changed)}), tuple(moved)


def imported_as_draft(services: tuple[ServiceCode, ...]) -> Problem:
    names_zh = "、".join(code.label_zh for code in services) or "案卷"
    names_en = ", ".join(code.value for code in services) or "the case"
    return warning(
        "case.imported_as_draft",
        "status",
        f"文件中{names_zh}标为“已排队/已提交”，但本机报送队列中没有对应记录，已按草稿导入；"
        "请核对后标记就绪并在本机提交。",
        f"The file marks {names_en} as queued or submitted, but nothing is in this desk's queue: "
        "imported as a draft; check it, mark it ready and submit it from this desk.",
    )
