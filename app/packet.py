"""The printable packet (申请材料): what the core asks of the form renderer, as a port.

The renderer lives in ``forms/`` (reportlab); the composition root hands it to the CLI
(``bizdesk case pdf``) and to the desk's print step. The core only sees PDF bytes and the
titles of the forms they hold, in signing order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class BranchInfo:
    """The desk's branch, printed on the receipt (受理回执)."""

    name: str
    code: str = ""


@dataclass(frozen=True)
class Packet:
    """A rendered packet: the PDF, its page count and the titles of its forms in signing order."""

    pdf: bytes
    pages: int
    forms: tuple[str, ...]


class PacketRenderer(Protocol):
    def render(
        self,
        document: Mapping[str, Any],
        *,
        training: bool,
        issued_at: dt.datetime,
        branch: BranchInfo | None = None,
    ) -> Packet:
        """The packet of one case (its ``bizdesk.case/1`` document); watermarked in training."""
        ...
