"""Whole packets of every company type against their reviewed goldens: text (pdftotext) and pages.

The cases are the seed generator's (fictitious, watermarked): for each company form the first
completed case of seed 27 that requests all seven services (a one-person and a multi-shareholder LLC,
a joint-stock company, a general and a limited partnership, a sole proprietorship), and the hand-built
limited partnership whose general partner is a company acting through its 委派代表. The goldens live in
``goldens/packets/``: ``<packet>.txt`` and ``<packet>-<page>.png``. Regenerate after a deliberate
change and look at every changed page::

    BIZDESK_UPDATE_GOLDENS=1 .venv/bin/pytest tests/integration/forms/test_packet_goldens.py -q

Besides the pictures, the text is read as an agency's officer reads it: every identifier of the case
and every date appears whole, and no name ends a line with one character left for the next.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from app.case import CompanyType, ServiceCode, Status, dump_case, parse_case
from app.case.model import Case
from app.seed import generate_cases
from forms.packet import ReportlabPacketRenderer
from tests.integration.forms.poppler import (
    match_page_goldens,
    needs_fonts,
    needs_poppler,
    pdf_pages,
    pdf_text,
)
from tests.unit.forms import samples

GOLDENS = Path(__file__).parent / "goldens" / "packets"
UPDATE = os.environ.get("BIZDESK_UPDATE_GOLDENS") == "1"
SEED, SEEDED = 27, 112
TODAY = dt.date(2026, 11, 26)

pytestmark = [needs_poppler, needs_fonts]


def _variant(case: Case) -> str:
    kind = case.company.type
    if kind is CompanyType.LLC:
        return "llc-one-person" if len(case.roles.shareholders) == 1 else "llc"
    if kind is CompanyType.PARTNERSHIP:
        return "partnership-limited" if "有限合伙" in (case.company.name or "") else "partnership-general"
    return kind.value.replace("_", "-")


@cache
def _seeded() -> dict[str, dict[str, Any]]:
    chosen: dict[str, dict[str, Any]] = {}
    for case in generate_cases(SEEDED, seed=SEED, today=TODAY):
        if case.status is Status.COMPLETED and len(list(case.services.requested())) == len(ServiceCode):
            chosen.setdefault(_variant(case), dump_case(case))
    return chosen


Make = Callable[[], dict[str, Any]]
PACKETS: dict[str, tuple[Make, bool]] = {
    **{
        name: ((lambda name=name: _seeded()[name]), True)  # type: ignore[misc]
        for name in (
            "llc",
            "llc-one-person",
            "joint-stock",
            "partnership-general",
            "partnership-limited",
            "sole-proprietorship",
        )
    },
    "partnership-legal-person-executive": (samples.limited_partnership_with_a_legal_person_executive, False),
}


def test_the_seed_gives_a_full_packet_of_every_company_form() -> None:
    assert set(_seeded()) == {name for name, (_, seeded) in PACKETS.items() if seeded}
    assert {parse_case(d).company.type for d in _seeded().values()} == set(CompanyType)


@cache
def _pdf(name: str) -> bytes:
    make, training = PACKETS[name]
    document = make()
    renderer = ReportlabPacketRenderer()
    return renderer.render(
        document, training=training, issued_at=samples.ISSUED_AT, receipt=samples.receipt(document)
    ).pdf


@pytest.mark.parametrize("name", sorted(PACKETS))
def test_packet_text_matches_its_golden(name: str) -> None:
    text = pdf_text(_pdf(name))
    golden = GOLDENS / f"{name}.txt"
    if UPDATE:
        GOLDENS.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(PACKETS))
def test_packet_pages_match_their_goldens(name: str, tmp_path: Path) -> None:
    pages = pdf_pages(_pdf(name), tmp_path)
    match_page_goldens(pages, GOLDENS, name, update=UPDATE, digits=2)


def _identifiers(case: Case) -> list[str]:
    roles = case.roles
    on_forms = {s.person_id for s in roles.shareholders} | {s.delegate for s in roles.shareholders}
    on_forms |= {o.person_id for o in (*roles.directors, *roles.supervisors)}
    on_forms |= {roles.manager, roles.finance_officer, roles.tax_handler, roles.liaison, roles.agent}
    on_forms |= {b.person_id for b in roles.beneficial_owners} | {m.person_id for m in case.staff}
    found = [p.id_number for p in case.people if p.id_number and p.person_id in on_forms]
    found += [s.entity.uscc for s in case.roles.shareholders if s.entity and s.entity.uscc]
    licence = case.services.license
    if licence is not None and licence.results is not None:
        found.append(licence.results.uscc)
    return found


@pytest.mark.parametrize("name", sorted(PACKETS))
def test_no_identifier_date_or_name_is_broken_across_lines(name: str) -> None:
    make, _ = PACKETS[name]
    case = parse_case(make())
    text = pdf_text(_pdf(name))
    lines = [line.strip() for line in text.splitlines()]
    for identifier in _identifiers(case):
        assert identifier in text, identifier
        broken = [line for line in lines if len(line) > 8 and identifier.startswith(line)]
        assert all(line == identifier for line in broken), (identifier, broken)
    assert not re.search(r"[0-9]{4}年[0-9]{1,2}月[0-9]{0,2}\n+[0-9]{0,2}日", text), "a date broken in its day"
    assert not re.search(r"[0-9]{4}年[0-9]?\n+[0-9]{0,2}月", text), "a date broken in its month"
    names = [case.company.name or "", *(s.entity.name for s in case.roles.shareholders if s.entity)]
    for before, line in itertools.pairwise(lines):
        for whole in names:
            assert not (len(line) == 1 and before.endswith(whole[:-1])), (whole, before, line)
