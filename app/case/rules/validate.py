"""``validate_case``: every rule on a whole case, as a list of problems with field paths.

Accepts a ``Case`` model or a ``bizdesk.case/1`` dict. A dict that does not have the shape of the
format yields its schema problems (codes ``schema.*``) and nothing else: the rules need a readable
case. A readable case goes through the rule groups, each in its own module:

    company       name (via validate_company_name), domicile, capital, scope, industry, contacts
    people        identifiers (via validate_resident_id / validate_mobile), duplicates, references
    company_law   shareholders and subscriptions (Company Law 2023, partnership, sole proprietorship)
    unincorporated  partners' and the sole investor's own data (valuation, delegate, property)
    governance    board, supervisors or audit committee, legal representative (18 or older)
    owners        beneficial owners or the exemption declaration
    status        requested services, consistent statuses, agencies' results
    services      what each requested service needs (incl. its documents and 容缺受理, and the
                  identity and intent checks of `identity`: face checks, 开户意愿 双人核实)
    documents     checklist entries not called for

Errors come first; the same problem is reported once.
"""

from __future__ import annotations

import datetime as dt

from app.case.interchange import read_case
from app.case.model import Case
from app.case.rules.company import company_problems
from app.case.rules.company_law import shareholder_problems
from app.case.rules.context import RuleContext
from app.case.rules.documents import checklist_problems
from app.case.rules.governance import governance_problems
from app.case.rules.owners import beneficial_owner_problems
from app.case.rules.people import people_problems
from app.case.rules.services import readiness
from app.case.rules.status import status_problems
from app.case.rules.unincorporated import unincorporated_problems
from app.clock import desk_today
from app.reference import ReferenceData, reference_data
from app.validation.problems import Problem


def validate_case(
    case: object, *, today: dt.date | None = None, reference: ReferenceData | None = None
) -> list[Problem]:
    """Problems of a whole case; valid when none has severity ``error``.

    ``today`` fixes the date for age, due-date and deferral rules (default: the local date).
    """
    model, problems = _as_case(case)
    if model is None:
        return problems
    ctx = _context(model, today, reference)
    found = company_problems(ctx)
    found += people_problems(ctx)
    found += shareholder_problems(ctx)
    found += unincorporated_problems(ctx)
    found += governance_problems(ctx)
    found += beneficial_owner_problems(ctx)
    found += status_problems(ctx)
    for service_problems in readiness(ctx).values():
        found += service_problems
    found += checklist_problems(ctx)
    return _ordered(found)


def services_ready(
    case: Case, *, today: dt.date | None = None, reference: ReferenceData | None = None
) -> dict[str, list[Problem]]:
    """For each requested service, what keeps it from being submitted, beyond the rules of the whole case."""
    return {code: _ordered(found) for code, found in readiness(_context(case, today, reference)).items()}


def _as_case(case: object) -> tuple[Case | None, list[Problem]]:
    if isinstance(case, Case):
        return case, []
    return read_case(case)


def _context(case: Case, today: dt.date | None, reference: ReferenceData | None) -> RuleContext:
    return RuleContext(case=case, today=today or desk_today(), ref=reference or reference_data())


def _ordered(problems: list[Problem]) -> list[Problem]:
    unique = list(dict.fromkeys(problems))
    return [p for p in unique if p.severity == "error"] + [p for p in unique if p.severity != "error"]
