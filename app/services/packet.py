"""The printable packet (打印材料): the renderer's port, its plain result, and the printing intent.

Founders sign paper at the counter and take the receipt home; every page comes from the one stored
case. The core knows the packet only through this port; ``forms.packet.ReportlabPacketRenderer``
implements it and the composition root (``app/cli``, the desk wiring) hands it in::

    packet = print_packet(uow, case_id, ReportlabPacketRenderer(), training=True, issued_at=utc_now(),
                          parts=PacketParts(guides=True), by="clerk01")
    packet.pdf        # the PDF bytes, made in memory: preview, save or print them
    packet.forms      # the titles in printing order

A packet is made of up to three parts (``PacketParts``): the case's forms for signing, the receipt
(受理回执, always; its content is ``app.services.receipt``) and the guides of the 服务大礼包 that go with
the case's services (``app.reference.guides``). ``TAKE_HOME`` is what the founder takes home after
submitting: the receipt and the guides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from app.case.interchange import parse_case
from app.case.stored import stored_case
from app.reference import reference_data
from app.reference.guides import Guide
from app.services.receipt import ReceiptSheet, receipt_for
from app.services.receipt_code import receipt_mac
from app.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Packet:
    """One case's printable packet: the PDF, its page count and the titles in printing order."""

    pdf: bytes
    pages: int
    forms: tuple[str, ...]


@dataclass(frozen=True)
class PacketParts:
    """What to print besides the receipt: the case's forms (for signing) and the 服务大礼包's guides."""

    forms: bool = True
    guides: bool = False


FORMS_AND_RECEIPT = PacketParts()
WITH_GUIDES = PacketParts(forms=True, guides=True)
TAKE_HOME = PacketParts(forms=False, guides=True)  # after submitting: the receipt and the guides


class PacketRenderer(Protocol):
    """Draws the packet of a stored ``bizdesk.case/1`` document, in memory, deterministically.

    ``forms``: the case's forms for the services requested, in signing order, then ``receipt``, then
    ``guides``. ``training`` adds the 培训样本 SPECIMEN watermark on every page; ``issued_at`` is the
    print time in the footer. ``only`` keeps just the pages with these titles (a golden test).
    """

    def render(
        self,
        document: Mapping[str, Any],
        *,
        training: bool,
        issued_at: dt.datetime,
        receipt: ReceiptSheet,
        guides: Sequence[Guide] = (),
        forms: bool = True,
        only: Collection[str] | None = None,
    ) -> Packet: ...


def print_packet(
    uow: UnitOfWork,
    case_id: str,
    renderer: PacketRenderer,
    *,
    training: bool,
    issued_at: dt.datetime,
    parts: PacketParts = FORMS_AND_RECEIPT,
    by: str | None = None,
) -> Packet:
    """The packet of a stored case; the printing is recorded in the audit trail (no personal data).

    A fictitious case carries the training watermark on any profile.
    """
    stored = stored_case(uow.cases, case_id)
    case = parse_case(stored.document)
    specimen = training or case.fictitious
    receipt = receipt_for(uow, case, issued_at=issued_at)
    requested = [code.value for code, _ in case.services.requested()]
    guides = reference_data().guides_for(requested) if parts.guides else ()
    packet = renderer.render(
        stored.document,
        training=specimen,
        issued_at=issued_at,
        receipt=receipt,
        guides=guides,
        forms=parts.forms,
    )
    details = {
        "revision": stored.revision,
        "pages": packet.pages,
        "forms": len(packet.forms),
        "parts": _parts_named(parts),
        "receipt": receipt_mac(receipt.verification),  # the print record ``check_receipt`` holds receipts to
    }
    uow.audit.append("case.print", actor=by, subject=case_id, details=details)
    uow.commit()
    return packet


def _parts_named(parts: PacketParts) -> str:
    named = ["forms"] if parts.forms else []
    return "+".join([*named, "receipt", *(["guides"] if parts.guides else [])])
