"""The case screens' half of the fake desk (``CaseDeskApi``): found cases, pages, packets, exports.

Searches go through the real ``build_query`` (so bad dates are refused exactly as on a desk) and
match in memory; pages are handed in by the test.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from app.desk.api import UserInfo
from app.errors import AuthError, CaseNotFound
from app.ports import CaseHit, CaseQuery
from app.services.case_page import CasePage
from app.services.case_search import SearchRequest, SearchResult, build_query
from app.services.packet import Packet
from app.services.submission import SubmitResult
from app.services.today import TodayBoard, today_case
from app.working_hours import DESK_HOURS


@dataclass
class FakeCases:
    hits: list[CaseHit] = field(default_factory=list)
    keys: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    pages: dict[str, CasePage] = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)
    queue_depth: int = 0
    last_sync: dt.datetime | None = None
    exported: list[tuple[str, str]] = field(default_factory=list)
    saved: list[tuple[str, bytes]] = field(default_factory=list)
    resubmitted: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    packet: Packet | None = field(
        default_factory=lambda: Packet(b"%PDF-1.4 fake", 9, ("公司登记（备案）申请书", "受理回执"))
    )

    def today_board(self, user: UserInfo | None, now: dt.datetime) -> TodayBoard:
        _require(user)
        start, end = DESK_HOURS.day_bounds(now)
        today = [hit for hit in self.hits if start <= hit.created_at < end]
        today.sort(key=lambda hit: hit.created_at, reverse=True)
        return TodayBoard(
            now.astimezone(DESK_HOURS.zone).date(),
            tuple(today_case(hit, now) for hit in today),
            self.queue_depth,
            self.last_sync,
            "08:30-12:00, 13:30-17:30",
        )

    def search(self, user: UserInfo | None, request: SearchRequest, limit: int = 50) -> SearchResult:
        _require(user)
        query, kinds = build_query(request)
        found = sorted(
            (h for h in self.hits if self._matches(h, query)), key=lambda h: h.created_at, reverse=True
        )
        return SearchResult(tuple(found[:limit]), len(found) > limit, kinds)

    def _matches(self, hit: CaseHit, query: CaseQuery) -> bool:
        if query.exact is not None:
            kinds, value = query.exact
            keys = self.keys.get(hit.case_id, set())
            if not (hit.case_id == value if "case_id" in kinds else any((k, value) in keys for k in kinds)):
                return False
        return (
            (query.name_part is None or query.name_part in hit.company_name)
            and (query.status is None or hit.status == query.status)
            and (query.opened_from is None or hit.created_at >= query.opened_from)
            and (query.opened_until is None or hit.created_at < query.opened_until)
        )

    def page(self, user: UserInfo | None, case_id: str) -> CasePage:
        _require(user)
        if case_id not in self.pages:
            raise CaseNotFound(case_id)
        return self.pages[case_id]

    def resubmit(
        self, user: UserInfo | None, case_id: str, service: str, changes: dict[str, str]
    ) -> SubmitResult:
        _require(user)
        page = self.page(user, case_id)
        self.resubmitted.append((case_id, service, changes))
        services = tuple(
            dataclasses.replace(s, status="queued", correctable=False, submissions=s.submissions + 1)
            if s.code == service
            else s
            for s in page.services
        )
        self.pages[case_id] = dataclasses.replace(page, services=services)
        return SubmitResult(case_id, "queued", (service,), (f"{case_id}:{service}:new",))

    def export(self, user: UserInfo | None, case_id: str, password: str, path: str) -> Path:
        signed_in = _require(user)
        if self.passwords.get(signed_in.username) != password:
            raise AuthError(
                "密码不正确，未导出。", "Wrong password; nothing was exported.", code="auth.wrong_password"
            )
        self.page(user, case_id)
        self.exported.append((case_id, path))
        return Path(path)


def _require(user: UserInfo | None) -> UserInfo:
    if user is None:
        raise AuthError("请先登录。", "Log in first.", code="auth.signed_out")
    return user
