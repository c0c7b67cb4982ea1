"""A small stand-in for the forms/ packet renderer: a real one-page PDF naming the case's company."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from app.reference.guides import Guide
from app.services.packet import Packet
from app.services.receipt import ReceiptSheet

FORMS = ("公司登记（备案）申请书", "公司章程", "受益所有人信息表", "受理回执")


class FakeRenderer:
    def __init__(self) -> None:
        self.rendered: list[str] = []
        self.receipts: list[ReceiptSheet] = []

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
        self.rendered.append(str(document["case_id"]))
        self.receipts.append(receipt)
        titles = (FORMS if forms else FORMS[-1:]) + tuple(guide.title for guide in guides)
        return Packet(minimal_pdf(f"case {document['case_id']}"), 1, titles)


def minimal_pdf(text: str) -> bytes:
    """A valid one-page PDF with ``text`` (ASCII) on it, built by hand (no PDF library needed)."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
