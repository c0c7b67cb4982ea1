"""Case intents that need no network: import, export, list, show, save, mark ready.

Each function is one user intent over a ``UnitOfWork`` (call it inside ``with uow:``; the function
commits, but ``save_case`` may leave the commit to the caller). They return plain data (dataclasses,
dicts), never models bound to storage. Refusals are ``app.errors`` exceptions listing every problem;
nothing is stored when a function refuses.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from app.case.enums import Status
from app.case.interchange import dump_case, read_case
from app.case.lifecycle import mark_ready as ready_move
from app.case.model import Case
from app.case.rules import services_ready, validate_case
from app.case.stored import load_case, stored_case
from app.case.summary import case_summary, lookup_keys
from app.case.training_mark import unmarked_numbers
from app.case.unsent import imported_as_draft, unsent_as_draft
from app.case.view import CaseView, case_view
from app.clock import Clock, desk_date, desk_time, desk_today, utc_now
from app.errors import BizdeskError, InputRejected, UsageError
from app.ports import CaseSummary, StaleRevision
from app.security.profile_fit import require_fits_profile
from app.unit_of_work import UnitOfWork
from app.validation.hidden_text import hidden_text_problems
from app.validation.problems import Problem

_ID_CHARS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class CaseChanged(BizdeskError):
    code = "case.changed"
    title_zh = "案卷已被修改"
    title_en = "Case changed meanwhile"

    def __init__(self, case_id: str) -> None:
        super().__init__(
            f"案卷 {case_id} 已在别处被修改，请重新打开案卷后再保存。",
            f"Case {case_id} was changed elsewhere; open it again, then save.",
            data={"case_id": case_id},
        )


@dataclass(frozen=True)
class ImportResult:
    case_id: str
    status: str
    problems: tuple[Problem, ...]  # what the rules still find (a draft may carry errors)


@dataclass(frozen=True)
class SaveResult:
    case_id: str
    status: str
    revision: int
    problems: tuple[Problem, ...]


def import_case(
    uow: UnitOfWork,
    data: object,
    *,
    by: str | None,
    training: bool = False,
    today: dt.date | None = None,
    clock: Clock = utc_now,
) -> ImportResult:
    """Store a ``bizdesk.case/1`` document as a new case, or refuse it whole listing every problem.

    Refused: a document that breaks the schema; a case past draft with a rule of severity error; a
    case id already stored; a fictitious case on a real desk, a real one (``fictitious`` not true)
    in the training profile, or one there whose people's numbers lack the seeder's mark
    (``app.case.training_mark``); any text with an invisible control character or stacked combining marks
    (``app.validation.hidden_text``). A draft is stored with its problems. Services ``queued`` or
    ``submitted`` elsewhere have nothing in this desk's queue: they are imported as drafts, and the
    result says so (``case.imported_as_draft``), so the desk never shows 已提交 with nothing to send.
    A document without ``case_id`` gets a new one.
    """
    if isinstance(data, Mapping) and "case_id" not in data:
        data = {**data, "case_id": new_case_id(clock())}
    case, schema_problems = read_case(data)
    if case is None:
        raise _rejected("导入", "imported", schema_problems)
    hidden = hidden_text_problems(dump_case(case))  # inside the text, after the edges were trimmed
    if hidden:
        raise _rejected("导入", "imported", hidden)
    problems = validate_case(case, today=today or desk_date(clock()))
    errors = [p for p in problems if p.severity == "error"]
    if case.status is not Status.DRAFT and errors:
        raise _rejected("导入", "imported", problems)
    case, unsent = unsent_as_draft(case)
    if unsent:
        problems = [*validate_case(case, today=today or desk_date(clock())), imported_as_draft(unsent)]
    if case.fictitious and not training:
        raise InputRejected(
            "这是培训用的虚构案卷，不能导入正式环境；请在培训模式（--training）下导入。",
            "This is a fictitious training case and cannot enter a real desk; import it in training mode.",
            code="case.fictitious_on_desk",
        )
    require_fits_profile(fictitious=case.fictitious, training=training, case_id=case.case_id)
    if training:
        _require_training_people(case)
    if uow.cases.get(case.case_id) is not None:
        raise InputRejected(
            f"案卷 {case.case_id} 已存在，未导入。如需替换，请先删除原案卷或修改文件中的 case_id。",
            f"Case {case.case_id} already exists and was not imported; delete it first or change case_id.",
            code="case.exists",
        )
    uow.cases.add(dump_case(case), case_summary(case), lookup_keys(case))
    uow.audit.append("case.import", actor=by, subject=case.case_id, details=_counts(case, problems))
    uow.commit()
    return ImportResult(case.case_id, case.status.value, tuple(problems))


def _require_training_people(case: Case) -> None:
    """Training takes only the seeder's fictitious people (``app.case.training_mark``): a real case labelled
    ``"fictitious": true`` would put real ID numbers and mobiles into the training profile."""
    unmarked = unmarked_numbers(case.people)
    if unmarked:
        fields = "、".join(unmarked[:5])
        raise InputRejected(
            f"培训环境只能导入本系统生成的虚构数据：{fields} 不是系统生成的虚构号码，可能是真实个人信息，"
            "案卷未导入。请用 bizdesk seed 生成培训案卷。",
            f"Training takes only the fictitious data bizdesk generates: {', '.join(unmarked[:5])} "
            "is not a generated fictitious number and may be a real person's; nothing was imported. "
            "Generate training cases with bizdesk seed.",
            code="case.not_training_data",
            data={"fields": unmarked},
        )


def export_case(
    uow: UnitOfWork,
    case_id: str,
    *,
    by: str | None = None,
    deliver: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """The stored ``bizdesk.case/1`` document, exactly (the export is recorded in the audit trail).

    ``deliver`` writes it out (a file, stdout) before the audit entry commits: an export that
    fails to arrive is not recorded as made.
    """
    stored = stored_case(uow.cases, case_id)
    document = dict(stored.document)
    uow.audit.append("case.export", actor=by, subject=case_id, details={"revision": stored.revision})
    if deliver is not None:
        deliver(document)
    uow.commit()
    return document


def list_cases(
    uow: UnitOfWork, *, status: str | None = None, limit: int = 100, offset: int = 0
) -> list[CaseSummary]:
    if status is not None and status not in {s.value for s in Status}:
        raise UsageError(
            f"状态“{status}”不存在，可选：{'、'.join(s.value for s in Status)}。",
            f"Unknown status '{status}'; choose one of {', '.join(s.value for s in Status)}.",
        )
    return uow.cases.list(status=status, limit=limit, offset=offset)


def show_case(uow: UnitOfWork, case_id: str, *, today: dt.date | None = None) -> CaseView:
    case, revision = load_case(uow.cases, case_id)
    day = today or desk_today()
    return case_view(case, revision, validate_case(case, today=day), services_ready(case, today=day))


def save_case(
    uow: UnitOfWork,
    document: Case | Mapping[str, Any],
    *,
    by: str | None,
    expected_revision: int | None = None,
    today: dt.date | None = None,
    clock: Clock = utc_now,
    commit: bool = True,
) -> SaveResult:
    """Store the clerk's edits: a new case (``expected_revision`` None) or a new revision of a draft.

    A ready case that is edited goes back to draft (it must be checked again before submission);
    cases already queued or further cannot be edited here. ``commit=False`` leaves the commit to the
    caller: the edit joins its transaction (the 新办企业 flow saves the draft's position with it).
    """
    case = document if isinstance(document, Case) else _read_or_refuse(document)
    now = clock()
    stored = stored_case(uow.cases, case.case_id) if expected_revision is not None else None
    stored_status = stored.document.get("status", Status.DRAFT.value) if stored is not None else None
    if stored_status not in (None, Status.DRAFT.value, Status.READY.value):
        raise InputRejected(
            "案卷已提交，不能直接修改；如部门要求补正，请在补正处理中修改。",
            "The case was already submitted and cannot be edited here; make corrections when asked to.",
            code="case.not_editable",
        )
    case = _as_draft(case).model_copy(update={"updated_at": now})
    problems = validate_case(case, today=today or desk_date(now))
    if stored is None:
        if uow.cases.get(case.case_id) is not None:
            raise CaseChanged(case.case_id)
        uow.cases.add(dump_case(case), case_summary(case), lookup_keys(case))
        revision = 1
    else:
        revision = _replace(uow, case, expected_revision or 0)
    uow.audit.append("case.save", actor=by, subject=case.case_id, details=_counts(case, problems))
    if commit:
        uow.commit()
    return SaveResult(case.case_id, case.status.value, revision, tuple(problems))


def mark_ready(
    uow: UnitOfWork, case_id: str, *, by: str | None, today: dt.date | None = None, clock: Clock = utc_now
) -> CaseSummary:
    """Draft -> ready once the rules find no error (``NotReady`` lists what is left to fix)."""
    case, revision = load_case(uow.cases, case_id)
    now = clock()
    moved = ready_move(case, today=today or desk_date(now), now=now)
    _replace(uow, moved, revision)
    uow.audit.append("case.ready", actor=by, subject=case_id, details={"status": moved.status.value})
    uow.commit()
    return case_summary(moved)


def new_case_id(now: dt.datetime) -> str:
    """``SG20261126-7K3M9QXA``: date of opening and 8 random characters, unique across desks."""
    local = desk_time(now)
    return f"SG{local:%Y%m%d}-" + "".join(secrets.choice(_ID_CHARS) for _ in range(8))


def _read_or_refuse(document: Mapping[str, Any]) -> Case:
    case, problems = read_case(document)
    if case is None:
        raise _rejected("保存", "saved", problems)
    return case


def _as_draft(case: Case) -> Case:
    """An edited ready case is a draft again, and so are its ready services."""
    if case.status is not Status.READY:
        return case
    services = case.services
    for code, request in case.services.requested():
        if request.status is Status.READY:
            services = services.replaced(code, request.model_copy(update={"status": Status.DRAFT}))
    return case.model_copy(update={"services": services, "status": Status.DRAFT})


def _replace(uow: UnitOfWork, case: Case, expected_revision: int) -> int:
    try:
        return uow.cases.replace(
            dump_case(case), case_summary(case), lookup_keys(case), expected_revision=expected_revision
        )
    except StaleRevision as exc:
        raise CaseChanged(case.case_id) from exc


def _counts(case: Case, problems: list[Problem]) -> dict[str, Any]:
    """Audit details without personal data: status and problem counts only."""
    errors = sum(1 for p in problems if p.severity == "error")
    return {"status": case.status.value, "errors": errors, "warnings": len(problems) - errors}


def _rejected(action_zh: str, action_en: str, problems: list[Problem]) -> InputRejected:
    ordered = [p for p in problems if p.severity == "error"] + [p for p in problems if p.severity != "error"]
    errors = sum(1 for p in problems if p.severity == "error")
    return InputRejected(
        f"案卷未{action_zh}：共{errors}处错误，已全部列出（未保存任何内容）。请按提示修改后重试。",
        f"The case was not {action_en}: {errors} error(s), all listed below; nothing was stored. "
        "Fix them and try again.",
        code="case.rejected",
        details=[f"{p.field or '(案卷)'}: [{p.severity}] {p.message_zh}" for p in ordered],
        data={"problems": [p.as_dict() for p in ordered]},
    )
