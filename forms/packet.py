"""``ReportlabPacketRenderer``: the packet of one case, every page drawn from the one stored document.

Implements ``app.services.packet.PacketRenderer``. The composition root builds one renderer per desk (the
fonts load once per process and are shared); the core's ``print_packet`` hands it the case, the
receipt (``app.services.receipt.ReceiptSheet``) and the guides of the 服务大礼包 to print::

    renderer = ReportlabPacketRenderer()
    packet = renderer.render(document, training=True, issued_at=utc_now(), receipt=sheet, guides=guides)

The PDF is made in memory (never in a temporary folder). Which forms: ``forms.catalog.forms_for``;
the receipt comes last of them, then the guides (``forms.guides``).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from app.case.interchange import parse_case
from app.clock import DESK_ZONE
from app.reference import ReferenceData, reference_data
from app.reference.guides import Guide
from app.services.packet import Packet
from app.services.receipt import ReceiptSheet
from forms.catalog import forms_for
from forms.catalog.receipt import RECEIPT
from forms.facts import case_facts
from forms.fonts import FontSet, installed_fonts
from forms.guides import guide_spec
from forms.receipt_facts import with_receipt
from forms.render import render_forms

CHINA_TIME = DESK_ZONE


@functools.cache
def default_fonts() -> FontSet:
    """The installed fonts (assets/fonts), loaded once per process."""
    return FontSet(installed_fonts())


class ReportlabPacketRenderer:
    """Draws packets with reportlab."""

    def __init__(self, *, fonts: FontSet | None = None, reference: ReferenceData | None = None) -> None:
        self._fonts = fonts or default_fonts()
        self._reference = reference or reference_data()

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
    ) -> Packet:
        """The packet of ``document`` (a ``bizdesk.case/1`` object): its forms (``forms``), the
        receipt, the guides.

        ``only`` keeps just the pages with these titles (a single form's golden test); the page
        numbers stay as in the full packet's forms. Raises ``CaseFormatError`` when the document
        cannot be read.
        """
        case = parse_case(document)
        facts = with_receipt(case_facts(case, self._reference), receipt)
        specs = list(forms_for(facts.flags)) if forms else [RECEIPT]
        specs += [guide_spec(guide) for guide in guides]
        chosen = [spec for spec in specs if only is None or spec.title in only]
        local = issued_at.astimezone(CHINA_TIME)
        rendered = render_forms(
            chosen, facts, self._fonts, training=training, footer=f"打印于 {local:%Y-%m-%d %H:%M}"
        )
        return Packet(rendered.pdf, rendered.pages, rendered.forms)
