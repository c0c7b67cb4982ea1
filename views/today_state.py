"""今日受理 in plain Python: the rows (services, working time against 4 h), the queue line, the keys."""

from __future__ import annotations

from dataclasses import dataclass

from app.services.today import TodayBoard, TodayCase
from views.case_texts import Said, Selection, case_route, service_text, status_text, worked_text
from views.i18n import Strings
from views.session import DeskSession, attempt
from views.sync_state import when_text


@dataclass(frozen=True)
class ServiceChip:
    code: str
    text: str  # "营业执照：已办结"
    state: str
    attention: bool  # needs correction or rejected: the clerk must act


@dataclass(frozen=True)
class BoardRow:
    case_id: str
    title: str
    status: str
    services: tuple[ServiceChip, ...]
    elapsed: str
    late: bool
    fictitious: bool
    route: str


@dataclass(frozen=True)
class BoardLines:
    rows: tuple[BoardRow, ...]
    queue: str
    last_sync: str
    hours: str


def board_row(item: TodayCase, texts: Strings) -> BoardRow:
    case = item.case
    chips = tuple(
        ServiceChip(
            code,
            texts.t("cases.pair", label=service_text(code, texts), value=status_text(state, texts)),
            state,
            state in ("needs_correction", "rejected"),
        )
        for code, state in item.services
    )
    used = worked_text(item.elapsed, texts)
    elapsed = texts.t("today.elapsed_done" if item.finished else "today.elapsed", used=used)
    if item.late and not item.finished:
        elapsed += " · " + texts.t("today.late")
    return BoardRow(
        case_id=case.case_id,
        title=case.company_name.strip() or case.case_id,
        status=f"{case.case_id} · {status_text(case.status, texts)}",
        services=chips,
        elapsed=elapsed,
        late=item.late and not item.finished,
        fictitious=case.fictitious,
        route=case_route(case.case_id, case.status),
    )


def board_lines(board: TodayBoard, texts: Strings) -> BoardLines:
    return BoardLines(
        rows=tuple(board_row(item, texts) for item in board.cases),
        queue=texts.t("today.queue", count=board.queue_depth),
        last_sync=texts.t("today.last_sync", when=when_text(board.last_sync_success_at, texts)),
        hours=texts.t("today.hours", hours=board.working_hours),
    )


class TodayPresenter:
    """Loads the board and follows the arrow keys; Enter gives the route of the chosen case."""

    def __init__(self, session: DeskSession) -> None:
        self.session = session
        self.lines: BoardLines | None = None
        self.failure: Said | None = None
        self.selection = Selection()

    def load(self) -> None:
        board, failure = attempt(self.session.desk.today_board)
        self.failure = Said(message=failure.message, ok=False) if failure and failure.message else None
        self.lines = board_lines(board, self.session.texts) if board is not None else None
        self.selection.reset(len(self.lines.rows) if self.lines else 0)

    def key(self, key: str) -> str | None:
        """Arrow keys move (None back); Enter returns the chosen case's route (the first by default)."""
        if key in ("Arrow Down", "Arrow Up"):
            self.selection.move(1 if key == "Arrow Down" else -1)
            return None
        if key == "Enter" and self.lines and self.lines.rows:
            return self.lines.rows[max(self.selection.index, 0)].route
        return None
