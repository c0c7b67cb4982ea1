"""Validation of what a clerk types: identifiers and enterprise names (the case's rules: ``app.case.rules``).

Public, stable API. Every validator takes the raw value (any type: None or a number is reported, never
raised) and returns a ``list[Problem]``; ``is_valid(problems)`` is true when none is an error. Problems
of bare values have an empty ``field``; place them in a case with ``Problem.at(path)``.

Values are normalised before they are checked (edges stripped, full-width forms to ASCII, ``x`` to
``X``); store what the ``normalize_*`` functions return. Only ASCII digits count as digits.

    validate_uscc(code)                      统一社会信用代码, GB 32100-2015
    validate_org_code(code)                  组织机构代码, GB 11714-1997
    validate_resident_id(number, today=...)  居民身份证号码, GB 11643-1999
    validate_mobile(number)                  mainland mobile number
    validate_company_name(name, company_type)  企业名称, 国务院令第734号 / 总局令第82号

The check-character helpers (``uscc_check_char``, ``org_code_check_char``, ``resident_id_check_char``)
let test-data generators build valid identifiers.
"""

from __future__ import annotations

from app.validation.identifiers import (
    KNOWN_MOBILE_PREFIXES,
    USCC_AUTHORITIES,
    USCC_CHARS,
    org_code_check_char,
    resident_id_birth_date,
    resident_id_check_char,
    resident_id_sex,
    uscc_check_char,
    validate_mobile,
    validate_org_code,
    validate_resident_id,
    validate_uscc,
)
from app.validation.names import COMPANY_TYPES, validate_company_name
from app.validation.normalize import (
    fullwidth_to_halfwidth,
    normalize_company_name,
    normalize_identifier,
    normalize_mobile,
    normalize_org_code,
    normalize_text,
)
from app.validation.problems import Problem, Severity, error, is_valid, warning

__all__ = [
    "COMPANY_TYPES",
    "KNOWN_MOBILE_PREFIXES",
    "USCC_AUTHORITIES",
    "USCC_CHARS",
    "Problem",
    "Severity",
    "error",
    "fullwidth_to_halfwidth",
    "is_valid",
    "normalize_company_name",
    "normalize_identifier",
    "normalize_mobile",
    "normalize_org_code",
    "normalize_text",
    "org_code_check_char",
    "resident_id_birth_date",
    "resident_id_check_char",
    "resident_id_sex",
    "uscc_check_char",
    "validate_company_name",
    "validate_mobile",
    "validate_org_code",
    "validate_resident_id",
    "validate_uscc",
    "warning",
]
