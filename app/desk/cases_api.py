"""What the desk UI's case screens ask of the core (今日受理, 案卷查询, the case page), as a Protocol.

``app.desk.api.DeskApi`` inherits it; ``app.desk.local.LocalDesk`` implements it over the
encrypted profile. Every method returns plain data and raises ``app.errors`` exceptions, which the
UI words with ``describe``. Nothing here needs the network: sync state is read from the outbox.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from app.services.case_page import CasePage
from app.services.case_search import SearchRequest, SearchResult
from app.services.submission import SubmitResult
from app.services.today import TodayBoard


class CaseDeskApi(Protocol):
    def today_board(self) -> TodayBoard:
        """The cases opened today with their services and working time, queue depth, last sync."""

    def search_cases(self, request: SearchRequest) -> SearchResult:
        """案卷查询 over the whole profile; a bad date or state raises ``InputRejected`` naming it."""

    def case_page(self, case_id: str) -> CasePage:
        """The case page: the case, each service's timeline, results and 补正 reasons."""

    def resubmit_correction(self, case_id: str, service: str, changes: dict[str, str]) -> SubmitResult:
        """Apply the clerk's corrections and queue the service again (the old submission is kept)."""

    def save_pdf(self, pdf: bytes, path: str) -> Path:
        """Write a packet's PDF (as shown) to ``path``, the clerk's choice: absolute, ``.pdf``, in a
        folder that exists or can be made; ``InputRejected`` names the path otherwise."""

    def export_case(self, case_id: str, password: str, path: str) -> Path:
        """Re-check the signed-in clerk's password, then write the ``bizdesk.case/1`` JSON to
        ``path``; a wrong password raises ``AuthError`` and writes nothing."""

    def default_export_folder(self) -> Path:
        """Where exports and reprints are offered to go (the clerk may type another path)."""
