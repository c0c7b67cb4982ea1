"""``LocalCaseDesk``: the case screens' half of ``LocalDesk`` (``CaseDeskApi``) over the profile.

A mixin: ``LocalDesk`` provides ``_opened`` (the opened profile) and ``_signed_in()`` (the user, or
``AuthError``). Reads use a read-only unit of work; each intent is one service call.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Protocol

from app.accounts import service as accounts
from app.accounts.model import UserInfo
from app.accounts.roles import require
from app.errors import InputRejected, ProfileError
from app.security.atomic import write_atomic
from app.security.attachments import AttachmentStore
from app.services import cases as case_service
from app.services.case_page import CasePage, case_page
from app.services.case_search import SearchRequest, SearchResult, search_cases
from app.services.corrections import resubmit_correction
from app.services.packet import FORMS_AND_RECEIPT, Packet, PacketParts, PacketRenderer, print_packet
from app.services.submission import SubmitResult
from app.services.today import TodayBoard, today_board
from app.store.uow import SqlUnitOfWork


class DeskProfile(Protocol):
    """What the desk needs of an open profile (``app.wiring.profile.OpenedProfile`` is one)."""

    @property
    def training(self) -> bool: ...

    @property
    def generation(self) -> int:
        """Changes when the store is replaced (a restore): earlier sign-ins end."""

    def unit_of_work(self) -> SqlUnitOfWork: ...

    def read_unit_of_work(self) -> SqlUnitOfWork: ...

    def clock(self) -> dt.datetime: ...

    def attachments(self) -> AttachmentStore: ...


class LocalCaseDesk:
    _opened: DeskProfile
    # The form renderer (forms/), handed in by the composition root where it is installed.
    packet_renderer: PacketRenderer | None = None

    def _signed_in(self) -> UserInfo:
        raise NotImplementedError

    def today_board(self) -> TodayBoard:
        self._signed_in()
        with self._opened.read_unit_of_work() as uow:
            return today_board(uow, uow.outbox, now=dt.datetime.now(dt.UTC))

    def search_cases(self, request: SearchRequest) -> SearchResult:
        self._signed_in()
        with self._opened.read_unit_of_work() as uow:
            return search_cases(uow, request)

    def case_page(self, case_id: str) -> CasePage:
        self._signed_in()
        with self._opened.read_unit_of_work() as uow:
            return case_page(uow, uow.outbox, case_id)

    def resubmit_correction(self, case_id: str, service: str, changes: dict[str, str]) -> SubmitResult:
        user = self._signed_in()
        require(user.role, "case.submit")
        with self._opened.unit_of_work() as uow:
            return resubmit_correction(uow, case_id, service, by=user.username, changes=changes)

    def case_packet(self, case_id: str, parts: PacketParts = FORMS_AND_RECEIPT) -> Packet:
        user = self._signed_in()
        require(user.role, "case.print")
        if self.packet_renderer is None:
            raise ProfileError(
                "本机未安装表格打印组件，无法生成申请材料；请联系IT支持安装完整版本。",
                "The form printing component is not installed on this desk; ask IT support.",
                code="packet.unavailable",
            )
        with self._opened.unit_of_work() as uow:
            return print_packet(
                uow,
                case_id,
                self.packet_renderer,
                training=self._opened.training,
                issued_at=dt.datetime.now(dt.UTC),
                parts=parts,
                by=user.username,
            )

    def save_pdf(self, pdf: bytes, path: str) -> Path:
        self._signed_in()
        target = export_target(path, ".pdf")
        write_atomic(target, pdf)
        return target

    def export_case(self, case_id: str, password: str, path: str) -> Path:
        user = self._signed_in()
        target = export_target(path, ".json")
        accounts.reauthenticate(self._opened.unit_of_work(), user.username, password, "case.export")
        with self._opened.unit_of_work() as uow:
            document = case_service.export_case(uow, case_id, by=user.username)
        text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        write_atomic(target, text.encode("utf-8"))
        return target

    def default_export_folder(self) -> Path:
        return Path.home() / "bizdesk-exports"


def export_target(path: str, suffix: str) -> Path:
    """The clerk's path: absolute, ending in ``suffix``, in a folder that exists or can be made."""
    typed = path.strip()
    target = Path(typed).expanduser()
    if not typed or not target.is_absolute() or target.suffix.lower() != suffix:
        raise InputRejected(
            f"保存位置“{typed}”无效；请填写以 {suffix} 结尾的完整路径，例如 /home/柜员/导出/案卷{suffix}。",
            f"'{typed}' is not a usable place; type a full path ending in {suffix}.",
            code="export.path",
            data={"field": "path"},
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputRejected(
            f"无法在“{target.parent}”中保存：{error.strerror}；请换一个文件夹。",
            f"Cannot save in '{target.parent}': {error.strerror}; choose another folder.",
            code="export.folder",
            data={"field": "path"},
        ) from error
    return target
