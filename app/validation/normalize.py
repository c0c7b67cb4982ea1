"""Input normalisation applied before any identifier or name is validated.

Clerks type on Chinese input methods, paste from PDFs, web pages and chat apps, so values arrive with
full-width characters, ideographic spaces and invisible marks. Normalisation makes the harmless
variants canonical (``９１１…`` -> ``911…``, ``x`` -> ``X``) and leaves everything else untouched, so
that the validators can name the offending character instead of guessing what was meant.

Only ASCII digits are digits here: ``'①'`` and Arabic-Indic ``'٣'`` are *not* converted (Python's
``str.isdigit`` and regex ``\\d`` would accept them); the validators reject them with a clear message.
"""

from __future__ import annotations

import re
import unicodedata

# Full-width forms U+FF01..U+FF5E map one-to-one onto ASCII U+0021..U+007E.
_FULLWIDTH_OFFSET = 0xFF01 - 0x21
_FULLWIDTH_TO_ASCII = {code: code - _FULLWIDTH_OFFSET for code in range(0xFF01, 0xFF5F)}
_ASCII_UPPER = {code: code - 32 for code in range(ord("a"), ord("z") + 1)}

# Invisible marks that str.strip() keeps but copy and paste often brings along.
_INVISIBLE_EDGES = "\u200b\u200c\u200d\u2060\ufeff"

# Separators a clerk types inside a phone number: spaces (ASCII, no-break, ideographic), hyphens, dashes.
_PHONE_SEPARATORS = re.compile(r"[ \u00a0\u3000\-\u2010-\u2015\u2212]+")
# A country code in front: +86, 0086, (+86), (86), or 86 followed by a separator.
_PHONE_PREFIX = re.compile(r"^(?:\+86|0086|\(\+?86\)|86(?=[ \u00a0\u3000\-]))")


def strip_edges(text: str) -> str:
    """Remove surrounding whitespace (including the full-width space U+3000) and invisible marks."""
    previous = None
    while previous != text:
        previous = text
        text = text.strip().strip(_INVISIBLE_EDGES)
    return text


def fullwidth_to_halfwidth(text: str) -> str:
    """Map full-width ASCII forms (U+FF01..U+FF5E) to ASCII; everything else is kept as is."""
    return text.translate(_FULLWIDTH_TO_ASCII)


def ascii_upper(text: str) -> str:
    """Upper-case ASCII letters only (``str.upper`` would turn 'ß' into 'SS' and change the length)."""
    return text.translate(_ASCII_UPPER)


def normalize_text(text: str) -> str:
    """Strip the edges, then map full-width ASCII forms to ASCII."""
    return strip_edges(fullwidth_to_halfwidth(text))


def normalize_identifier(text: str) -> str:
    """Canonical form of a USCC, organisation code or resident ID number typed by a clerk.

    Strips the edges, maps full-width forms to ASCII and upper-cases ASCII letters
    (``' ９１１１０…l '`` -> ``'91110…L'``, ``'…002x'`` -> ``'…002X'``). Inner characters are kept,
    so that a validator can point at a stray space or a '①'.
    """
    return ascii_upper(normalize_text(text))


def normalize_org_code(text: str) -> str:
    """Canonical form of a GB 11714 organisation code: as an identifier, without its printed hyphen."""
    code = normalize_identifier(text)
    if len(code) == 10 and code[8] == "-":
        code = code[:8] + code[9:]
    return code


def normalize_mobile(text: str) -> str:
    """Canonical form of a mainland mobile number: the 11 digits without country code or separators.

    ``'+86 138-0013-8000'``, ``'0086 13800138000'``, ``'86-13800138000'`` and ``'138 0013 8000'`` all
    become ``'13800138000'``. A bare ``86`` is dropped only in front of an 11-digit number starting with
    1, because no mainland mobile number starts with 86.
    """
    number = _PHONE_PREFIX.sub("", normalize_text(text))
    number = _PHONE_SEPARATORS.sub("", number)
    if len(number) == 13 and number.startswith("861"):
        number = number[2:]
    return number


def _is_lookalike_ideograph(char: str) -> bool:
    """Kangxi and supplementary radicals and compatibility ideographs: PDFs produce them on copy."""
    code = ord(char)
    return 0x2E80 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF


def normalize_company_name(text: str) -> str:
    """Canonical form of an enterprise name: stripped, with full-width brackets ``（）``.

    Full-width ASCII forms become ASCII first (so that full-width Latin letters and digits are reported
    as such), then ASCII round brackets become the full-width brackets that registered names use.
    Radicals and compatibility ideographs that look like ordinary characters (``⼀`` U+2F00, copied from
    PDFs) become those characters where Unicode defines one.
    """
    name = normalize_text(text)
    if any(_is_lookalike_ideograph(char) for char in name):
        name = "".join(unicodedata.normalize("NFKC", c) if _is_lookalike_ideograph(c) else c for c in name)
    return name.replace("(", "（").replace(")", "）")
