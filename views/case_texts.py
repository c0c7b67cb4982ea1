"""What the case screens share, in plain Python: labels in the UI language, routes, a selection.

Decisions stay in ``app``; these only pick words and keep track of which row the keys point at.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from app.errors import UserMessage
from views.i18n import Strings, message_text

SEARCH_ROUTE = "/cases"
TODAY_ROUTE = "/today"


def status_text(status: str, texts: Strings) -> str:
    key = f"cases.status.{status}"
    return texts.t(key) if key in texts.table else status


def service_text(code: str, texts: Strings) -> str:
    key = f"service.{code}"
    return texts.t(key) if key in texts.table else code


def result_label(name: str, texts: Strings) -> str:
    key = f"cases.result.{name}"
    return texts.t(key) if key in texts.table else name


def worked_text(elapsed: dt.timedelta, texts: Strings) -> str:
    """Working time as ``2小时05分`` / ``2 h 5 min``."""
    minutes = int(elapsed.total_seconds() // 60)
    return texts.t("time.hours_minutes", hours=minutes // 60, minutes=f"{minutes % 60:02d}")


def case_route(case_id: str, status: str) -> str:
    """Where Enter takes the clerk: a draft resumes in the 新办企业 flow, other cases open their page."""
    return f"/new/{case_id}" if status == "draft" else f"{SEARCH_ROUTE}/{case_id}"


def case_id_in_route(route: str | None) -> str | None:
    """``/cases/SG20261126-7K3M9QXA`` -> the case id; ``/cases`` (the search) -> None."""
    parts = [unquote(p) for p in urlsplit(route or "").path.split("/") if p]
    return parts[1] if len(parts) >= 2 and parts[0] == SEARCH_ROUTE.strip("/") else None


@dataclass(frozen=True)
class Said:
    """A line to show: a UI string with its values, or a core message; ``ok`` picks the colour."""

    key: str | None = None
    values: dict[str, object] = field(default_factory=dict)
    message: UserMessage | None = None
    ok: bool = True

    def text(self, texts: Strings) -> str:
        if self.message is not None:
            return message_text(self.message, texts.language)
        return texts.t(self.key or "case.working", **self.values)


@dataclass
class Selection:
    """Which of ``count`` rows the arrow keys point at (-1: none yet)."""

    count: int = 0
    index: int = -1

    def reset(self, count: int) -> None:
        self.count, self.index = count, -1

    def move(self, delta: int) -> bool:
        """Move by ``delta`` rows, staying inside; True when the selection changed."""
        if self.count == 0:
            return False
        moved = min(max(self.index + delta, 0), self.count - 1)
        changed = moved != self.index
        self.index = moved
        return changed
