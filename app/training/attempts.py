"""Trainees' attempts at scenarios, kept in the training profile's settings (``training.attempts``).

An attempt is started when a trainee opens a scenario and finished by its automatic check (a second
check finishes the same attempt again: the latest result counts, and ``checks`` says how many tries it
took). The list is capped at
``MAX_ATTEMPTS`` (the oldest go first); the trainer's reset empties it. ``attempts_csv`` is the
trainer's export.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from dataclasses import asdict, dataclass, replace
from typing import Any, Protocol

from app.training.checker import CheckReport

ATTEMPTS_KEY = "training.attempts"
MAX_ATTEMPTS = 5000
CSV_COLUMNS = (
    "username",
    "display_name",
    "scenario_id",
    "started_at",
    "finished_at",
    "seconds",
    "case_id",
    "result",
    "score",
    "checks",
)


class _Settings(Protocol):
    def get_json(self, key: str) -> Any: ...

    def set_json(self, key: str, value: Any) -> None: ...


@dataclass(frozen=True)
class Attempt:
    attempt_id: str
    scenario_id: str
    username: str
    started_at: str  # ISO 8601, UTC
    finished_at: str | None = None
    seconds: int | None = None  # time taken, start to the (latest) check
    case_id: str | None = None
    passed: bool | None = None  # None: not checked yet
    score: str = ""  # points right / points
    missed: tuple[str, ...] = ()  # the points not right (zh labels)
    display_name: str = ""  # the trainee's name as their account has it, when the attempt started
    checks: int = 0  # how many times the attempt was checked (tries)

    @property
    def result(self) -> str:
        return "" if self.passed is None else ("pass" if self.passed else "fail")


def list_attempts(settings: _Settings) -> list[Attempt]:
    """Every attempt, oldest first."""
    stored = settings.get_json(ATTEMPTS_KEY) or []
    return [Attempt(**{**row, "missed": tuple(row.get("missed", ()))}) for row in stored]


def _save(settings: _Settings, attempts: list[Attempt]) -> None:
    settings.set_json(ATTEMPTS_KEY, [asdict(a) for a in attempts[-MAX_ATTEMPTS:]])


def start_attempt(
    settings: _Settings, scenario_id: str, username: str, now: dt.datetime, *, display_name: str = ""
) -> Attempt:
    started = now.astimezone(dt.UTC).isoformat()
    attempt = Attempt(uuid.uuid4().hex, scenario_id, username, started, display_name=display_name)
    _save(settings, [*list_attempts(settings), attempt])
    return attempt


def open_attempt(settings: _Settings, scenario_id: str, username: str) -> Attempt | None:
    """The user's latest attempt at ``scenario_id`` (checked or not), if any."""
    mine = [a for a in list_attempts(settings) if a.scenario_id == scenario_id and a.username == username]
    return mine[-1] if mine else None


def finish_attempt(settings: _Settings, attempt_id: str, report: CheckReport, now: dt.datetime) -> Attempt:
    attempts = list_attempts(settings)
    index = next(i for i, a in enumerate(attempts) if a.attempt_id == attempt_id)
    started = dt.datetime.fromisoformat(attempts[index].started_at)
    finished = replace(
        attempts[index],
        finished_at=now.astimezone(dt.UTC).isoformat(),
        seconds=max(0, int((now - started).total_seconds())),
        case_id=report.case_id,
        passed=report.passed,
        score=report.score,
        missed=tuple(p.label_zh for p in report.points if not p.ok),
        checks=attempts[index].checks + 1,
    )
    attempts[index] = finished
    _save(settings, attempts)
    return finished


def clear_attempts(settings: _Settings) -> int:
    count = len(list_attempts(settings))
    settings.set_json(ATTEMPTS_KEY, [])
    return count


def attempts_csv(attempts: list[Attempt]) -> str:
    """The trainer's export: one row per attempt; a BOM lets spreadsheets read the Chinese."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for a in attempts:
        row = (
            a.username,
            a.display_name,
            a.scenario_id,
            a.started_at,
            a.finished_at,
            a.seconds,
            a.case_id,
            a.result,
            a.score,
            a.checks,
        )
        writer.writerow(["" if value is None else value for value in row])
    return "\ufeff" + out.getvalue()
