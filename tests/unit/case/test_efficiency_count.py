"""docs/efficiency.md: the bizdesk count is recounted from the case, the agency count from the tables."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.unit.case.builders import without_documents

DOC = Path(__file__).resolve().parents[3] / "docs" / "efficiency.md"
SYSTEM_KEYS = {"schema", "case_id", "created_at", "updated_at", "created_by", "status"}


def clerk_entries(value: Any, path: str = "") -> list[str]:
    """Leaf values a clerk types or chooses (see 'How we counted')."""
    if isinstance(value, dict):
        found: list[str] = []
        for key, item in value.items():
            if key in SYSTEM_KEYS or (key == "person_id" and path.startswith("people")):
                continue
            found += clerk_entries(item, f"{path}.{key}" if path else key)
        return found
    if isinstance(value, list):
        return [
            entry for index, item in enumerate(value) for entry in clerk_entries(item, f"{path}[{index}]")
        ]
    return [path]


def test_bizdesk_entries_match_the_page() -> None:
    text = DOC.read_text(encoding="utf-8")
    entries = clerk_entries(without_documents())
    stated = int(re.search(r"\*\*Result: (\d+) entries in bizdesk", text).group(1))  # type: ignore[union-attr]
    assert stated == len(entries)
    assert f"## bizdesk ({len(entries)} entries)" in text
    rows = re.findall(r"^\| `([a-z_.\[\]0-9]+)` \| (\d+) \|", text, flags=re.M)
    assert sum(int(n) for _, n in rows) == len(entries)
    for part, count in rows:
        assert len([e for e in entries if e == part or e.startswith((f"{part}.", f"{part}["))]) == int(
            count
        ), part


def test_agency_totals_match_their_tables() -> None:
    text = DOC.read_text(encoding="utf-8")
    sections = re.split(r"^### ", text, flags=re.M)[1:]
    total = 0
    for section in sections:
        stated = int(re.search(r"\((\d+) fields\)", section.splitlines()[0]).group(1))  # type: ignore[union-attr]
        numbers = [int(n) for n in re.findall(r"^\| (\d+) \|", section, flags=re.M)]
        assert numbers == list(range(1, stated + 1)), section.splitlines()[0]
        total += stated
    assert len(sections) == 7
    assert f"against {total} fields on the seven separate agency forms" in text
    assert f"## Agency forms ({total} fields)" in text
