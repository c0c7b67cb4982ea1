"""A case's times within the desk's era, each refusal naming the field and the fix (issue 20 §1)."""

from __future__ import annotations

import pytest

from app.case.interchange import read_case
from tests.unit.case.builders import llc_document


@pytest.mark.parametrize(
    "written",
    [
        "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59+14:00",
        "0001-01-01T00:00:00Z",
        "0001-01-01T00:00:00+14:00",
        "1999-12-31T23:59:59Z",
        "2100-01-01T00:00:00Z",
    ],
)
@pytest.mark.parametrize("field", ["created_at", "updated_at"])
def test_a_time_outside_the_era_is_refused_by_name(field: str, written: str) -> None:
    case, problems = read_case({**llc_document(), field: written})
    assert case is None
    [problem] = problems
    assert problem.field == field
    assert "2000-01-01 到 2099-12-31" in problem.message_zh
    assert "2099-12-31" in problem.message_en


@pytest.mark.parametrize(
    "written", ["2026-11-26T09:30:00+14:00", "2000-01-01T00:00:00Z", "2099-12-31T23:59:59Z"]
)
def test_a_time_within_the_era_reads_with_any_offset(written: str) -> None:
    case, problems = read_case({**llc_document(), "created_at": written})
    assert problems == []
    assert case is not None
