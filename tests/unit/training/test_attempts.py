"""Attempts: started, finished by the check (time taken, result), cleared, exported as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from app.training.attempts import (
    attempts_csv,
    clear_attempts,
    finish_attempt,
    list_attempts,
    open_attempt,
    start_attempt,
)
from app.training.checker import CheckReport, PointResult

START = dt.datetime(2026, 11, 26, 2, 0, tzinfo=dt.UTC)


class MemorySettings:
    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def get_json(self, key: str) -> Any:
        return self.values.get(key)

    def set_json(self, key: str, value: Any) -> None:
        self.values[key] = value


def _report(ok: bool) -> CheckReport:
    points = (PointResult("类型", "type", True, "", ""), PointResult("事项", "services", ok, "", ""))
    return CheckReport("partnership", "SG20261126-ABCDEFGH", points)


def test_an_attempt_is_finished_with_time_taken_and_result_and_the_latest_check_counts() -> None:
    settings = MemorySettings()
    attempt = start_attempt(settings, "partnership", "clerk", START)
    finish_attempt(settings, attempt.attempt_id, _report(False), START + dt.timedelta(minutes=5))
    done = finish_attempt(settings, attempt.attempt_id, _report(True), START + dt.timedelta(minutes=9))
    assert (done.seconds, done.passed, done.score, done.result) == (540, True, "2/2", "pass")
    assert list_attempts(settings) == [done]
    assert open_attempt(settings, "partnership", "clerk") == done
    assert open_attempt(settings, "partnership", "trainer") is None


def test_a_failed_check_names_the_points_missed_and_the_csv_has_one_row_per_attempt() -> None:
    settings = MemorySettings()
    first = start_attempt(settings, "partnership", "clerk", START)
    finish_attempt(settings, first.attempt_id, _report(False), START + dt.timedelta(seconds=30))
    start_attempt(settings, "llc-one-person", "zhang.wei", START)
    assert list_attempts(settings)[0].missed == ("事项",)
    exported = attempts_csv(list_attempts(settings))
    assert exported.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(exported.lstrip("\ufeff"))))
    assert [(r["username"], r["result"], r["seconds"]) for r in rows] == [
        ("clerk", "fail", "30"),
        ("zhang.wei", "", ""),
    ]
    assert clear_attempts(settings) == 2
    assert list_attempts(settings) == []


def test_an_attempt_keeps_the_trainees_name_and_counts_its_tries() -> None:
    settings = MemorySettings()
    attempt = start_attempt(settings, "partnership", "xueyuan1", START, display_name="李学员")
    for minutes in (2, 4, 6):
        done = finish_attempt(
            settings, attempt.attempt_id, _report(minutes == 6), START + dt.timedelta(minutes=minutes)
        )
    assert (done.display_name, done.checks, done.result) == ("李学员", 3, "pass")
    (row,) = csv.DictReader(io.StringIO(attempts_csv(list_attempts(settings)).lstrip("\ufeff")))
    assert (row["display_name"], row["checks"], row["case_id"]) == ("李学员", "3", "SG20261126-ABCDEFGH")
