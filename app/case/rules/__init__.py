"""The case's own rules: what a whole case must satisfy, and what each requested service still needs.

    validate_case(case, today=..., reference=...)   # list[Problem]; valid when none is an error
    services_ready(case, today=..., reference=...)  # {service code: problems keeping it back}

The rule groups live in the modules beside this one (``company``, ``people``, ``company_law``,
``governance``, ``owners``, ``status``, ``services``, ``documents``); they check identifiers and
enterprise names with ``app.validation``, which knows nothing of cases.
"""

from __future__ import annotations

from app.case.rules.validate import services_ready, validate_case

__all__ = ["services_ready", "validate_case"]
