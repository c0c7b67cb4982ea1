"""案卷查询 in plain Python: the form as typed, the result rows and summary, the keys.

The core decides what the key is and refuses bad dates (``app.services.case_search``); this only
forwards the form, words the answer and remembers which row the arrow keys chose. Enter searches
from the form; after an arrow key it opens the chosen case instead.
"""

from __future__ import annotations

from typing import NamedTuple

from app.case.enums import Status
from app.ports import CaseHit
from app.services.case_search import SearchRequest, SearchResult
from views.case_texts import Said, Selection, case_route, status_text
from views.i18n import Strings
from views.session import DeskSession, attempt
from views.sync_state import when_text


class ResultRow(NamedTuple):  # a tuple: 50 of them are made per search
    case_id: str
    title: str
    detail: str  # case id · state · opened at · services done
    route: str
    fictitious: bool


def kinds_text(kinds: tuple[str, ...], texts: Strings) -> str:
    if not kinds:
        return texts.t("search.by.all")
    return texts.t(f"search.by.{'_'.join(kinds)}")


def result_rows(result: SearchResult, texts: Strings) -> tuple[ResultRow, ...]:
    states = {status: status_text(status, texts) for status in {hit.status for hit in result.hits}}
    fictitious = " · " + texts.t("cases.fictitious")  # worded once per search, not per row
    return tuple(_result_row(hit, states[hit.status], fictitious, texts) for hit in result.hits)


def _result_row(hit: CaseHit, state: str, fictitious: str, texts: Strings) -> ResultRow:
    done = list(hit.services.values()).count("completed")
    detail = f"{hit.case_id} · {state} · {when_text(hit.created_at, texts)} · {done}/{len(hit.services)}"
    title = hit.company_name.strip() or hit.case_id
    return ResultRow(
        hit.case_id,
        title,
        detail + fictitious if hit.fictitious else detail,
        case_route(hit.case_id, hit.status),
        hit.fictitious,
    )


def summary_lines(result: SearchResult, texts: Strings) -> tuple[str, ...]:
    if not result.hits:
        return (kinds_text(result.kinds, texts), texts.t("search.none"))
    lines = [kinds_text(result.kinds, texts), texts.t("search.count", count=len(result.hits))]
    if result.more:
        lines.append(texts.t("search.more", count=len(result.hits)))
    return tuple(lines)


class SearchPresenter:
    def __init__(self, session: DeskSession) -> None:
        self.session = session
        self.request = SearchRequest()
        self.rows: tuple[ResultRow, ...] = ()
        self.summary: tuple[str, ...] = ()
        self.failure: Said | None = None
        self.selection = Selection()
        self.armed = False  # an arrow key chose a row: Enter opens it

    def status_options(self) -> list[tuple[str, str]]:
        texts = self.session.texts
        return [("", texts.t("search.status.all")), *((s.value, status_text(s.value, texts)) for s in Status)]

    def search(self, key: str, opened_from: str, opened_until: str, status: str) -> None:
        self.request = SearchRequest(key, opened_from, opened_until, status)
        result, failure = attempt(lambda: self.session.desk.search_cases(self.request))
        self.armed = False
        if result is None:
            self.failure = Said(message=failure.message if failure else None, ok=False)
            return
        texts = self.session.texts
        self.failure = None
        self.rows, self.summary = result_rows(result, texts), summary_lines(result, texts)
        self.selection.reset(len(self.rows))

    def key(self, key: str) -> str | None:
        """Arrow keys choose a row (and arm Enter); Enter on a chosen row returns its route."""
        if key in ("Arrow Down", "Arrow Up"):
            self.armed = self.selection.move(1 if key == "Arrow Down" else -1) or self.armed
            return None
        if key == "Enter" and self.armed and 0 <= self.selection.index < len(self.rows):
            return self.rows[self.selection.index].route
        return None

    def typed(self) -> None:
        """The clerk typed in the form again: Enter searches, it no longer opens a row."""
        self.armed = False
