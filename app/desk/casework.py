"""The case screens' use cases that are more than one service call: the packet of a stored case (its
forms, receipt and guides as asked), and a case exported to a file. Plain functions over the
unit-of-work port."""

from __future__ import annotations

import json
from pathlib import Path

from app.errors import ProfileError
from app.security.atomic import write_atomic
from app.services import cases as case_service
from app.services.packet import FORMS_AND_RECEIPT, Packet, PacketParts, PacketRenderer, print_packet
from app.unit_of_work import UnitOfWork, UnitsOfWork


def print_case(
    uow: UnitOfWork,
    case_id: str,
    renderer: PacketRenderer | None,
    *,
    by: str,
    parts: PacketParts = FORMS_AND_RECEIPT,
) -> Packet:
    """The case's ``parts``: by default every form of its services and its receipt (受理回执, naming
    this branch); the printing is audited. A desk without the forms component says so."""
    if renderer is None:
        raise ProfileError(
            "本机未安装表格打印组件，无法生成申请材料；请联系IT支持安装完整版本。",
            "The form printing component is not installed on this desk; ask IT support.",
            code="packet.unavailable",
        )
    return print_packet(
        uow,
        case_id,
        renderer,
        training=uow.training,
        issued_at=uow.clock(),
        parts=parts,
        by=by,
    )


def export_case_file(units: UnitsOfWork, case_id: str, target: Path, *, by: str) -> Path:
    """The stored ``bizdesk.case/1`` document written to ``target`` (the export audited)."""
    with units.unit_of_work() as uow:
        document = case_service.export_case(uow, case_id, by=by)
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    write_atomic(target, text.encode("utf-8"))
    return target
