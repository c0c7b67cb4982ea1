"""``ReportlabPacketRenderer``: the packet of one case, every form drawn from the one stored document.

Implements ``app.services.packet.PacketRenderer``. The composition root builds one renderer per desk (the
fonts load once per process and are shared) and calls ``render`` for each print::

    renderer = ReportlabPacketRenderer(receipt_key=receipt_key(opened.device.sign))
    packet = renderer.render(document, training=True, issued_at=utc_now())

The PDF is made in memory (never in a temporary folder). Which forms: ``forms.catalog.forms_for``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Mapping
from typing import Any

from app.case.interchange import parse_case
from app.case.model import Case
from app.reference import ReferenceData, reference_data
from app.services.packet import BranchInfo, Packet, branch_of, expected_completion, receipt_text
from forms.catalog import forms_for
from forms.fact_text import cn_date
from forms.facts import case_facts
from forms.fonts import FontSet, installed_fonts
from forms.render import DESK_NAME, render_forms

CHINA_TIME = dt.timezone(dt.timedelta(hours=8))


@functools.cache
def default_fonts() -> FontSet:
    """The installed fonts (assets/fonts), loaded once per process."""
    return FontSet(installed_fonts())


class ReportlabPacketRenderer:
    """Draws packets with reportlab; ``receipt_key`` signs the receipt's QR code (``app.services.packet``)."""

    def __init__(
        self, *, receipt_key: bytes, fonts: FontSet | None = None, reference: ReferenceData | None = None
    ) -> None:
        self._key = receipt_key
        self._fonts = fonts or default_fonts()
        self._reference = reference or reference_data()

    def render(
        self,
        document: Mapping[str, Any],
        *,
        training: bool,
        branch: BranchInfo | None = None,
        issued_at: dt.datetime,
        only: Collection[str] | None = None,
    ) -> Packet:
        """The packet of ``document`` (a ``bizdesk.case/1`` object).

        ``only`` keeps just the forms with these titles (a reprinted receipt, a single form's
        golden test); the page numbers and the receipt stay as in the full packet's forms.
        Raises ``CaseFormatError`` when the document cannot be read.
        """
        case = parse_case(document)
        facts = case_facts(case, self._reference)
        facts = facts.with_values(self._receipt(case, branch or branch_of(case), issued_at))
        local = issued_at.astimezone(CHINA_TIME)
        specs = [spec for spec in forms_for(facts.flags) if only is None or spec.title in only]
        rendered = render_forms(
            specs,
            facts,
            self._fonts,
            training=training,
            footer=f"打印于 {local:%Y-%m-%d %H:%M}",
        )
        return Packet(rendered.pdf, rendered.pages, rendered.forms)

    def _receipt(self, case: Case, branch: BranchInfo | None, issued_at: dt.datetime) -> dict[str, str]:
        services = [code.value for code, _ in case.services.requested()]
        local = issued_at.astimezone(CHINA_TIME)
        place = (
            f"{branch.name}（联行号 {branch.code}）"
            if branch and branch.code
            else (branch.name if branch else "")
        )
        return {
            "receipt.issued": f"{cn_date(local.date())} {local:%H:%M}",
            "receipt.expected": f"{cn_date(expected_completion(issued_at))}前",
            "receipt.branch": f"{DESK_NAME} {place}".strip(),
            "receipt.qr": receipt_text(self._key, case.case_id, services, issued_at),
        }
