"""Column widths of a table: the spec's weights, adjusted so that no identifier or date is broken.

A column whose widest identifier (ID number, USCC) or whole date (2026年11月1日) does not fit its share
takes the room it needs from the columns with room to spare (names and addresses wrap well), in
proportion to their spare room; a header keeps the room of its first words (认缴出资额 of
认缴出资额（万元）, 出资方式), so that it breaks only before its bracket. When the
table as a whole lacks the room, the weights stand and ``forms.text.fit_size`` sets the identifier in a
smaller size instead of splitting it.
"""

from __future__ import annotations

from collections.abc import Sequence

from forms.fonts import FontSet
from forms.text import unbreakable_width

HEADER_WORD = 6  # a header's words up to six characters (认缴出资额, 出资方式) keep their line


def column_widths(
    fonts: FontSet,
    weights: Sequence[float],
    columns: Sequence[Sequence[str]],
    total: float,
    headers: Sequence[str],
    *,
    size: float,
    padding: float,
) -> list[float]:
    """Widths adding up to ``total``: the ``weights`` shares, each body ``columns[i]`` kept whole."""
    whole = sum(weights)
    base = [total * weight / whole for weight in weights]
    needed = [
        max((unbreakable_width(fonts, text, size) for text in column), default=0.0) + padding
        for column in columns
    ]
    floors = [
        max(need, fonts.width(_header_word(header), size) + padding)
        for need, header in zip(needed, headers, strict=True)
    ]
    deficit = sum(max(0.0, need - width) for need, width in zip(needed, base, strict=True))
    spare = [max(0.0, width - floor) for floor, width in zip(floors, base, strict=True)]
    if deficit <= 0 or sum(spare) < deficit:
        return base
    share = deficit / sum(spare)
    return [
        need if need > width else width - room * share
        for width, need, room in zip(base, needed, spare, strict=True)
    ]


def _header_word(header: str) -> str:
    """What of a header must not break: its part before a bracket, when short (else four characters)."""
    word = header.split("（", 1)[0]
    return word if len(word) <= HEADER_WORD else word[:4]
